#pragma once

#include "core/common/Result.h"
#include "core/profiles/ProfileFilter.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QSqlDatabase>
#include <QVariant>

#include <functional>
#include <optional>

namespace insighta {

enum class DatabaseKind;

// Where the next page starts: the sort-key value and id of the last row shown, exactly as the
// database returned them (so no rounding ever skips or repeats a row at a page boundary).
struct SearchCursor
{
    QVariant key;
    QString id;
    bool operator==(const SearchCursor &) const = default;
};

struct ProfilePage
{
    QList<Profile> rows;
    std::optional<SearchCursor> next; // empty: this was the last page
};

// What the charts show for a filter.
struct SearchAggregates
{
    QList<QPair<int, qint64>> ageHistogram; // (bucket start age, profiles), every bucket up to the oldest
    int ageBucketWidth = 5;
    qint64 male = 0;
    qint64 female = 0;
    QList<QPair<QString, qint64>> topCountries; // (alpha-2, profiles), most first
    qint64 total = 0;
    bool operator==(const SearchAggregates &) const = default;
};

// How a SQLite page query reaches its rows. SQLite's planner cannot tell a filter that keeps
// 0.1% of the table from one that keeps 50%, and guessing wrong costs seconds at 1M rows: either
// it walks the sort index and discards almost every row, or it reads half the table through a
// filter index and sorts it. ProfileSearch decides from the exact per-filter count in the
// summary table. (PostgreSQL keeps column statistics and plans this well alone.)
enum class SqliteAccess {
    FilterFirst, // few rows match: read them through the filter's indexes, then sort them
    SortWalk, // many match: walk the sort key's index in order and stop after one page
};

// Read side of the profiles table: pages by keyset (sort key, id) — never OFFSET, so page 1000
// costs what page 1 does — exact counts and chart aggregates. Filters that only touch gender,
// age, age group and country are answered from the profile_counts summary (migration 0003).
// Every value is a bound parameter; sort columns come from a fixed whitelist (SortKey), never
// from text. Runs in the thread that owns the connection.
class ProfileSearch
{
public:
    ProfileSearch(const QSqlDatabase &db, DatabaseKind kind);

    Result<ProfilePage> firstPage(const ProfileFilter &filter, int limit);
    Result<ProfilePage> nextPage(const ProfileFilter &filter, const SearchCursor &after, int limit);
    Result<qint64> count(const ProfileFilter &filter);
    Result<SearchAggregates> aggregates(const ProfileFilter &filter, int topCountries = 10, int ageBucketWidth = 5);

    // Streams every matching row in sort order, in keyset pages; onRows returns false to stop.
    // Returns the number of rows delivered.
    Result<qint64> forEach(const ProfileFilter &filter, int pageSize,
                           const std::function<bool(const QList<Profile> &rows)> &onRows);

    // Whether count()/aggregates() can use the summary table for this filter.
    static bool summaryAnswers(const ProfileFilter &filter);
    // PostgreSQL: whether a filter with a minimum probability is answered from the summaries
    // keyed by probability hundredths (migration 0008): exactly one minimum, a 2-decimal value.
    bool probabilitySummaryAnswers(const ProfileFilter &filter) const;

    // The naive approach, kept for the benchmark's comparison only: OFFSET paging and a plain
    // COUNT(*) over the profiles table.
    Result<ProfilePage> offsetPage(const ProfileFilter &filter, qint64 offset, int limit);
    Result<qint64> scanCount(const ProfileFilter &filter);

    // The plan of the first-page query. PostgreSQL: with the same parameter types as the real
    // one (a generic plan of a prepared statement). SQLite: EXPLAIN QUERY PLAN of the query
    // the chosen access path builds, one line per step.
    Result<QString> explainFirstPage(const ProfileFilter &filter, int limit);
    // The plan of the query count() runs, explained the same way.
    Result<QString> explainCount(const ProfileFilter &filter);

    // The column a sort key orders by (whitelisted; never built from input text).
    static QString sortColumn(SortKey key);

    // SQLite: the access path a page of this filter takes, chosen from the summary counts:
    // walk the sort index when m^2 > 4 * (page size + 1) * rows (m = rows the demographic part
    // of the filter keeps), i.e. when the walk reads fewer rows than the filter does, with a
    // margin for matches that bunch up late in the sort order.
    Result<SqliteAccess> sqliteAccess(const ProfileFilter &filter, int limit);
    // Tests and the benchmark pin one path to compare both with the same results.
    void forceSqliteAccess(std::optional<SqliteAccess> access) { m_forcedAccess = access; }

private:
    Result<ProfilePage> page(const ProfileFilter &filter, const SearchCursor *after, int limit);
    Result<QList<QPair<QByteArray, QString>>> sortedCountries(const ProfileFilter &filter);
    Result<ProfilePage> countrySortedPage(const ProfileFilter &filter, const SearchCursor *after, int limit);

    Result<SqliteAccess> chooseAccess(const ProfileFilter &matching, const ProfileFilter &scope, int limit);
    QString countSql(const ProfileFilter &filter, QVariantList *binds) const;
    Result<QString> explain(const QString &sql, const QVariantList &binds);

    QSqlDatabase m_db;
    DatabaseKind m_kind;
    std::optional<SqliteAccess> m_forcedAccess;
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::SearchCursor)
Q_DECLARE_METATYPE(insighta::SearchAggregates)
