#pragma once

#include "core/profiles/ProfileFilter.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace insighta {

// One recognised piece of a plain-English query: what the UI shows as a chip.
struct QueryTerm
{
    enum class Kind {
        Gender, // value "male" / "female"
        AgeGroup, // value "child" / "teenager" / "adult" / "senior"
        Young, // "young"/"youth": value "16–24" (after explicit bounds replaced a side)
        MinAge, // value "30"
        MaxAge, // value "24"
        AgeRange, // between / aged N-M / in their 30s / aged N: value "20–45"
        Country, // value "NG" (alpha-2); comma-joined when one word names several ("CD,CG")
        Sort, // value "age asc"
    };

    Kind kind = Kind::Gender;
    QString text; // the words of the query it came from, as written ("Nigerian", "between 20 and 45")
    QString value; // the meaning, short and machine-friendly (see Kind)
    qsizetype position = 0; // where `text` starts in the query (QString index)
    qsizetype length = 0; // and how long it is there

    bool operator==(const QueryTerm &) const = default;
};

// "gender", "age_group", "young", "min_age", "max_age", "age_range", "country", "sort".
QString queryTermKindName(QueryTerm::Kind kind);

// What the parser understood. On failure `error` says why in words a person understands and
// `examples` lists queries that work; `filter` is then not meant to be run.
struct ParsedQuery
{
    ProfileFilter filter;
    QList<QueryTerm> terms; // in query order
    QStringList unrecognised; // words (as written) that were not understood, in query order
    QString error; // empty on success; "Unable to interpret query" when nothing was recognised
    QStringList examples; // filled when error is set

    bool ok() const { return error.isEmpty(); }
};

// The rule-based, deterministic plain-English search language (docs/areas/search-language.md).
// Pure and thread-safe: no I/O besides the embedded country table, no state between calls.
class QueryParser
{
public:
    static ParsedQuery parse(const QString &query);
    // Queries that work, for error messages and placeholders.
    static QStringList exampleQueries();
    // The message for a query where nothing was recognised.
    static QString unableToInterpret();
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::ParsedQuery)
