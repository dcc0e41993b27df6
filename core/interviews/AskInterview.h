#pragma once

#include "core/interviews/InterviewTypes.h"

namespace insighta::ask {

// Ask-the-interview: local retrieval first (BM25 over the turns), then either a provider
// prompt built from those turns or, with no provider reachable, an extractive offline answer.

struct Citation
{
    QString turnId;
    QString elapsed; // HH:MM:SS, as shown in the answer

    bool operator==(const Citation &) const = default;
};

struct Answer
{
    QString text; // plain text; citations appear as [HH:MM:SS]
    QList<Citation> citations; // in order of first appearance
    bool offline = false; // the extractive fallback answered
    QString provider; // who answered ("offline" for the fallback)
    QString model;
};

// The turns retrieval picks for a question, in transcript order (so the provider reads them
// as a conversation), at most k.
QList<TranscriptTurn> retrieve(const QString &question, const QList<TranscriptTurn> &turns, int k = 6);

// The system instruction and user prompt for a provider. The turns are quoted with their
// times, and the model is told to cite as [HH:MM:SS].
QString systemPrompt();
QString userPrompt(const QString &question, const QString &candidateName, const QList<TranscriptTurn> &context);

// Finds [HH:MM:SS] (or [MM:SS]) citations in a provider's answer that match a given turn.
QList<Citation> extractCitations(const QString &answer, const QList<TranscriptTurn> &turns);

// The offline answer: the most relevant quotes, best first, labelled as such. When nothing
// matches, says so instead of inventing an answer.
Answer offlineAnswer(const QString &question, const QList<TranscriptTurn> &turns, const QString &candidateName,
                     int maxQuotes = 3);

// "Candidate" / "Interviewer" for display (the candidate's name when known).
QString speakerLabel(const QString &speaker, const QString &candidateName);

} // namespace insighta::ask
