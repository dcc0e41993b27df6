#pragma once

#include "app/cli/Cli.h"
#include "core/profiles/ProfileFilter.h"
#include "core/profiles/QueryParser.h"

#include <QCommandLineParser>

#include <optional>

namespace insighta::cli {

// The filter options `search` and `export` share: an optional plain-English query plus
// structured options, which win over what the query said for the same key.
void addFilterOptions(QCommandLineParser &parser);

struct FilterRequest
{
    ProfileFilter filter;
    QString query; // as given (may be empty)
    std::optional<ParsedQuery> parsed; // what the parser made of `query`, when there was one
};

// Builds the filter; on a bad option, a query with nothing understood, or a contradiction it
// prints why (JSON {"error": ...} when json) and sets *exitCode.
std::optional<FilterRequest> filterFromOptions(const QCommandLineParser &parser, Io &io, const QString &command,
                                               bool json, int *exitCode);

} // namespace insighta::cli
