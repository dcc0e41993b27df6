#pragma once

#include "core/interviews/InterviewTypes.h"

namespace insighta::bm25 {

// Okapi BM25 over transcript turns, each turn one document. Pure and deterministic: the
// ask-the-interview panel uses it to pick the turns it sends to the provider, and the offline
// fallback quotes them.

// Lower-cased words of letters and digits; with dropStopWords, common English function words
// are removed and a plural/verb "s" is stripped, so "rows" matches "row".
QStringList tokenize(const QString &text, bool dropStopWords = true);

struct Parameters
{
    double k1 = 1.2;
    double b = 0.75;
};

struct Hit
{
    int index = -1; // into the turns list
    double score = 0;
};

// The k best turns for the query, best first; ties keep transcript order. Turns sharing no
// word with the query are never returned.
QList<Hit> rank(const QString &query, const QList<TranscriptTurn> &turns, int k, Parameters parameters = {});

} // namespace insighta::bm25
