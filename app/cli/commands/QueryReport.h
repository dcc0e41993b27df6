#pragma once

#include "core/profiles/QueryParser.h"

#include <QJsonObject>

namespace insighta::cli {

// What became of every word of a query, for `parse --json` and `search --json`: "spans" (each
// stretch of the query and its role), "ignored" (words not understood, with did-you-mean
// suggestions) and "corrections" (typos read as another word). Scripts see what a person sees
// next to the chips, so no word is dropped without a trace in either.
QJsonObject queryReportJson(const ParsedQuery &parsed);

// The same for people, one line each ("Ignored: ...", "Corrected: ..."); empty lines left out.
QStringList queryReportLines(const ParsedQuery &parsed);

} // namespace insighta::cli
