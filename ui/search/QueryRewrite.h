#pragma once

#include "core/profiles/QueryParser.h"

#include <QString>
#include <QStringList>

namespace insighta {

// Edits to the plain-English query made through its chips. The query text stays the one source
// of truth: an edited chip replaces the words its term came from with words that mean the new
// value, and the result is parsed again to prove it says exactly that. Pure; no widgets.
class QueryRewrite
{
public:
    struct Edit
    {
        QString query; // the rewritten query (empty on refusal)
        QString error; // why the edit was refused, in words a person understands
        bool ok() const { return error.isEmpty(); }
    };

    // Term `index` of `parsed` (the parse of `query`) gets `value` (in QueryTerm's value format
    // for `kind`; "NG" for a country, "20–45" or "30" for an age range). Refused when the new
    // value contradicts the rest of the query (a maximum age below the minimum) or when no
    // wording parses back to exactly that change.
    static Edit replaceTerm(const QString &query, const ParsedQuery &parsed, int index, QueryTerm::Kind kind,
                            const QString &value);
    // The query without the words of `term`.
    static QString removeTerm(const QString &query, const QueryTerm &term);

    // The words tried for a value, best first.
    static QStringList phrasesFor(QueryTerm::Kind kind, const QString &value);
};

} // namespace insighta
