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
        ExcludeCountry, // "not from Nigeria", "except Kenyans": value "NG" (comma-joined for several)
        MinGenderProbability, // "gender probability above 0.9", "confidently female": value "0.90"
        MinCountryProbability, // "at least 80% sure of their country": value "0.80"
    };

    Kind kind = Kind::Gender;
    QString text; // the words of the query it came from, as written ("Nigerian", "between 20 and 45")
    QString value; // the meaning, short and machine-friendly (see Kind)
    qsizetype position = 0; // where `text` starts in the query (QString index)
    qsizetype length = 0; // and how long it is there

    bool operator==(const QueryTerm &) const = default;
};

// "gender", "age_group", "young", "min_age", "max_age", "age_range", "country", "sort",
// "exclude_country", "min_gender_probability", "min_country_probability".
QString queryTermKindName(QueryTerm::Kind kind);

// One stretch of the query and what became of it. Every word of a query is in exactly one span,
// so nothing is dropped without a trace.
struct QuerySpan
{
    enum class Role {
        Filter, // a condition: `term` says which
        Sort, // an order: `term` says which
        StopWord, // part of the language that carries no condition ("people", "from", "not only")
        Ignored, // not understood; the query runs without it and says so
    };
    Role role = Role::Ignored;
    QString text; // as written
    qsizetype position = 0;
    qsizetype length = 0;
    int term = -1; // Filter/Sort: index into ParsedQuery::terms
    QStringList suggestions; // Ignored: "did you mean" words (empty when none is close)

    bool operator==(const QuerySpan &) const = default;
};

// "filter", "sort", "stop_word", "ignored".
QString querySpanRoleName(QuerySpan::Role role);

// A typo the parser corrected: the query was read as if `corrected` had been written.
struct QueryCorrection
{
    QString written; // "nigria"
    QString corrected; // "Nigeria"
    qsizetype position = 0;
    qsizetype length = 0;

    bool operator==(const QueryCorrection &) const = default;
};

// What the parser understood. On failure `error` says why in words a person understands and
// `examples` lists queries that work; `filter` is then not meant to be run.
struct ParsedQuery
{
    ProfileFilter filter;
    QList<QueryTerm> terms; // in query order
    QStringList unrecognised; // words (as written) that were not understood, in query order
    QList<QuerySpan> spans; // the whole query, in order: every word accounted for
    QList<QueryCorrection> corrections; // typos read as the word they are one or two edits from
    QString error; // empty on success; "Unable to interpret query" when nothing was recognised
    QStringList examples; // filled when error is set

    bool ok() const { return error.isEmpty(); }
    // For people: `ignored: "tall", "nigeri" (did you mean Niger or Nigeria?)`; empty when none.
    QString ignoredText() const;
    // The same without the leading "ignored: ", for a label that says it its own way.
    QString ignoredWords() const;
    // For people: "nigria → Nigeria, femles → females"; empty when none.
    QString correctionsText() const;
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
