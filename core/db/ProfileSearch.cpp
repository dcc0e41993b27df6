#include "core/db/ProfileSearch.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/Dialect.h"
#include "core/db/SqlError.h"
#include "core/profiles/Countries.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace insighta {

namespace {

// The columns of a result row, in this order; sort_key is appended by the page queries.
const char *const kColumns = "id, name, gender, gender_probability, age, age_group, country_id, country_name, "
                             "country_probability, created_at";
constexpr int kSortKeyColumn = 10;

struct Sql
{
    QStringList conditions;
    QVariantList binds;

    QString where() const
    {
        return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
};

// The inclusive age bounds a filter implies: its own bounds intersected with its age group's
// range (age_group is derived from age, so this is exact and lets the age indexes serve it).
AgeRange effectiveAges(const ProfileFilter &filter)
{
    AgeRange range{0, kMaxAge};
    if (filter.ageGroup && *filter.ageGroup != AgeGroup::Unknown)
        range = ageRangeOf(*filter.ageGroup);
    if (filter.minAge)
        range.min = std::max(range.min, *filter.minAge);
    if (filter.maxAge)
        range.max = std::min(range.max, *filter.maxAge);
    return range;
}

// The conditions on gender, age and country: the columns the summary table has too.
Sql demographicConditions(const ProfileFilter &filter)
{
    Sql sql;
    if (filter.gender && *filter.gender != Gender::Unknown) {
        sql.conditions << QStringLiteral("gender = ?");
        sql.binds << genderName(*filter.gender);
    }
    const AgeRange ages = effectiveAges(filter);
    if (ages.min > ages.max) {
        sql.conditions << QStringLiteral("1 = 0");
    } else if (ages.min == ages.max) {
        sql.conditions << QStringLiteral("age = ?");
        sql.binds << ages.min;
    } else {
        if (ages.min > 0) {
            sql.conditions << QStringLiteral("age >= ?");
            sql.binds << ages.min;
        }
        if (ages.max < kMaxAge) {
            sql.conditions << QStringLiteral("age <= ?");
            sql.binds << ages.max;
        }
    }
    // normalised() removes excluded countries from named ones; both lists left means every
    // named country is excluded.
    const ProfileFilter n = filter.normalised();
    const QStringList &countries = n.countryIds;
    if (!countries.isEmpty() && !n.excludeCountryIds.isEmpty()) {
        sql.conditions << QStringLiteral("1 = 0");
    } else if (n.excludeCountryIds.size() == 1) {
        sql.conditions << QStringLiteral("country_id <> ?");
        sql.binds << n.excludeCountryIds.front();
    } else if (n.excludeCountryIds.size() > 1) {
        QStringList marks(n.excludeCountryIds.size(), QStringLiteral("?"));
        sql.conditions << QStringLiteral("country_id NOT IN (%1)").arg(marks.join(QLatin1Char(',')));
        for (const QString &code : n.excludeCountryIds)
            sql.binds << code;
    }
    if (countries.size() == 1) {
        sql.conditions << QStringLiteral("country_id = ?");
        sql.binds << countries.front();
    } else if (countries.size() > 1) {
        QStringList marks(countries.size(), QStringLiteral("?"));
        sql.conditions << QStringLiteral("country_id IN (%1)").arg(marks.join(QLatin1Char(',')));
        for (const QString &code : countries)
            sql.binds << code;
    }
    return sql;
}

Sql allConditions(const ProfileFilter &filter)
{
    Sql sql = demographicConditions(filter);
    if (filter.minGenderProbability) {
        sql.conditions << QStringLiteral("gender_probability >= ?");
        sql.binds << *filter.minGenderProbability;
    }
    if (filter.minCountryProbability) {
        sql.conditions << QStringLiteral("country_probability >= ?");
        sql.binds << *filter.minCountryProbability;
    }
    return sql;
}

// name_key is unique, so the id tie-breaker is not needed (and the unique index serves alone).
bool sortKeyIsUnique(SortKey key)
{
    return key == SortKey::Name;
}

// The sort key as the page query returns it for the cursor. On PostgreSQL it travels as text:
// timestamptz keeps its microseconds and float8 its exact digits, which a QDateTime or a
// formatted double could lose at a page boundary.
QString sortKeySelect(SortKey key, DatabaseKind kind)
{
    const QString column = ProfileSearch::sortColumn(key);
    return (kind == DatabaseKind::Postgres ? QStringLiteral("CAST(%1 AS text)").arg(column) : column)
        + QStringLiteral(" AS sort_key");
}

// The index whose order is the sort key's (sort column, id) order (migrations 0001 and 0003).
QString sortIndex(SortKey key)
{
    switch (key) {
    case SortKey::Age:
        return QStringLiteral("profiles_age");
    case SortKey::GenderProbability:
        return QStringLiteral("profiles_gender_probability");
    case SortKey::Name:
        return QStringLiteral("profiles_name_key");
    case SortKey::Country:
        // Country sorts walk one country at a time (countrySortedPage), by id.
        return QStringLiteral("profiles_country_id");
    case SortKey::CreatedAt:
        break;
    }
    return QStringLiteral("profiles_created");
}

// SQLite compares a bound value with the column's affinity, but +column has none: bind the
// cursor key with the column's own type so both access paths compare alike.
QVariant keysetValue(SortKey key, const QVariant &value, DatabaseKind kind)
{
    if (kind != DatabaseKind::Sqlite)
        return value;
    switch (key) {
    case SortKey::Age:
        return value.toLongLong();
    case SortKey::GenderProbability:
        return value.toDouble();
    default:
        return value.toString();
    }
}

QString pageSql(const ProfileFilter &filter, DatabaseKind kind, const SearchCursor *after, int limit,
                std::optional<SqliteAccess> access, QVariantList *binds)
{
    Sql sql = allConditions(filter);
    const QString column = ProfileSearch::sortColumn(filter.sortBy);
    // A unary + makes the sort key an expression: SQLite then cannot read it from the sort
    // index, neither for the order nor for the keyset range, and takes the filter's indexes.
    const QString keyed = access == SqliteAccess::FilterFirst ? QLatin1Char('+') + column : column;
    const bool asc = filter.order == SortOrder::Asc;
    const QString cmp = asc ? QStringLiteral(">") : QStringLiteral("<");
    const QString dir = asc ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    if (after) {
        if (sortKeyIsUnique(filter.sortBy)) {
            sql.conditions << QStringLiteral("%1 %2 ?").arg(keyed, cmp);
            sql.binds << keysetValue(filter.sortBy, after->key, kind);
        } else {
            sql.conditions << QStringLiteral("(%1, id) %2 (?, ?)").arg(keyed, cmp);
            sql.binds << keysetValue(filter.sortBy, after->key, kind) << after->id;
        }
    }
    QString order = keyed + dir;
    if (!sortKeyIsUnique(filter.sortBy))
        order += QStringLiteral(", id") + dir;
    const QString from = access == SqliteAccess::SortWalk
        ? QStringLiteral("profiles INDEXED BY ") + sortIndex(filter.sortBy)
        : QStringLiteral("profiles");
    *binds = sql.binds;
    // The limit is an int we computed, not input text; inlining it lets the planner see it.
    return QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %5 LIMIT %6")
        .arg(QString::fromLatin1(kColumns), sortKeySelect(filter.sortBy, kind), from, sql.where(), order)
        .arg(limit);
}

Profile readProfile(const QSqlQuery &query)
{
    Profile p;
    p.id = query.value(0).toString();
    p.name = query.value(1).toString();
    p.gender = genderFromName(query.value(2).toString());
    p.genderProbability = query.value(3).toDouble();
    p.age = query.value(4).toInt();
    p.ageGroup = ageGroupFromName(query.value(5).toString());
    p.countryId = query.value(6).toString();
    p.countryName = query.value(7).toString();
    p.countryProbability = query.value(8).toDouble();
    p.createdAt = dialect::readTimestamp(query.value(9));
    return p;
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &binds, const QString &what)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(lcSearch(), what, query);
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(lcSearch(), what, query);
    return query;
}

} // namespace

ProfileSearch::ProfileSearch(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

QString ProfileSearch::sortColumn(SortKey key)
{
    switch (key) {
    case SortKey::Age:
        return QStringLiteral("age");
    case SortKey::GenderProbability:
        return QStringLiteral("gender_probability");
    case SortKey::Name:
        return QStringLiteral("name_key");
    case SortKey::Country:
        return QStringLiteral("country_name");
    case SortKey::CreatedAt:
        break;
    }
    return QStringLiteral("created_at");
}

bool ProfileSearch::summaryAnswers(const ProfileFilter &filter)
{
    return !filter.minGenderProbability && !filter.minCountryProbability;
}

Result<ProfilePage> ProfileSearch::firstPage(const ProfileFilter &filter, int limit)
{
    return page(filter, nullptr, limit);
}

Result<ProfilePage> ProfileSearch::nextPage(const ProfileFilter &filter, const SearchCursor &after, int limit)
{
    return page(filter, &after, limit);
}

Result<ProfilePage> ProfileSearch::page(const ProfileFilter &filter, const SearchCursor *after, int limit)
{
    if (filter.sortBy == SortKey::Country)
        return countrySortedPage(filter, after, limit);
    std::optional<SqliteAccess> access;
    if (m_kind == DatabaseKind::Sqlite) {
        const auto chosen = sqliteAccess(filter, limit);
        if (!chosen.ok())
            return Error{chosen.error()};
        access = *chosen;
    }
    QVariantList binds;
    const QString sql = pageSql(filter, m_kind, after, limit + 1, access, &binds);
    auto query = run(m_db, sql, binds, QStringLiteral("Cannot search profiles"));
    if (!query.ok())
        return Error{query.error()};
    ProfilePage page;
    SearchCursor last;
    while (query.value().next()) {
        if (page.rows.size() == limit) {
            page.next = last;
            break;
        }
        page.rows << readProfile(*query);
        last = SearchCursor{query.value().value(kSortKeyColumn), page.rows.back().id};
    }
    return page;
}

Result<SqliteAccess> ProfileSearch::sqliteAccess(const ProfileFilter &filter, int limit)
{
    return chooseAccess(filter, ProfileFilter{}, limit + 1);
}

// `matching` is the filter, `scope` the rows the walked index range covers (the whole table, or
// one country for the per-country walk). Both counts come from the summary table in one query.
Result<SqliteAccess> ProfileSearch::chooseAccess(const ProfileFilter &matching, const ProfileFilter &scope, int limit)
{
    if (m_forcedAccess)
        return *m_forcedAccess;
    const Sql want = demographicConditions(matching);
    const Sql within = demographicConditions(scope);
    const QString text
        = QStringLiteral("SELECT COALESCE(SUM(n) FILTER (WHERE %1), 0), COALESCE(SUM(n), 0) "
                         "FROM profile_counts%2")
              .arg(want.conditions.isEmpty() ? QStringLiteral("1 = 1") : want.conditions.join(QStringLiteral(" AND ")),
                   within.where());
    auto query = run(m_db, text, want.binds + within.binds, QStringLiteral("Cannot plan the search"));
    if (!query.ok())
        return Error{query.error()};
    if (!query.value().next())
        return Error{QStringLiteral("Cannot plan the search: no result")};
    const double matches = query.value().value(0).toDouble();
    const double rows = query.value().value(1).toDouble();
    // The walk reads about limit * rows / matches rows (if matches spread evenly over the sort
    // order), filtering first reads `matches` rows and sorts them; the factor 4 favours the
    // bounded cost of filtering first when the two are close.
    return matches * matches > 4.0 * double(limit) * rows ? SqliteAccess::SortWalk : SqliteAccess::FilterFirst;
}

// The countries a country sort walks: those the filter names, or else every country the
// summary has rows for (a few hundred at most), each with the name the database sorts by.
Result<QList<QPair<QByteArray, QString>>> ProfileSearch::sortedCountries(const ProfileFilter &filter)
{
    QStringList codes = filter.countryIds;
    if (codes.isEmpty()) {
        auto query = run(m_db, QStringLiteral("SELECT DISTINCT country_id FROM profile_counts WHERE n > 0"), {},
                         QStringLiteral("Cannot search profiles"));
        if (!query.ok())
            return Error{query.error()};
        while (query.value().next())
            codes << query.value().value(0).toString();
    }
    // An excluded country has no rows to walk ("not from Nigeria" sorted by country).
    const QStringList excluded = filter.normalised().excludeCountryIds;
    QList<QPair<QByteArray, QString>> countries; // (name as the database orders it, code)
    for (const QString &code : std::as_const(codes)) {
        const QString upper = code.trimmed().toUpper();
        if (upper.size() != 2 || excluded.contains(upper))
            continue;
        // A code we have no name for (a shared database may hold one) still gets its rows
        // shown, sorted under the code itself, rather than dropped from the list.
        const Country *country = Countries::instance().byCode(upper);
        const QByteArray name = country ? country->name.toUtf8() : upper.toUtf8();
        if (!countries.contains(qMakePair(name, upper)))
            countries << qMakePair(name, upper);
    }
    return countries;
}

// Sorting by country: country_name is the same for every row of one country, so the order is
// "countries by name, then id". One index range (country_id, id) per country serves it, with
// or without a country filter; migration 0010 dropped the (country_name, id) index this used
// to walk when no country was named (one index less to maintain on every import), and an
// ordered scan of it filtered by country would wade through every other country first
// (minutes at 10M rows).
Result<ProfilePage> ProfileSearch::countrySortedPage(const ProfileFilter &filter, const SearchCursor *after, int limit)
{
    const bool asc = filter.order == SortOrder::Asc;
    auto listed = sortedCountries(filter);
    if (!listed.ok())
        return Error{listed.error()};
    QList<QPair<QByteArray, QString>> countries = listed.value();
    std::sort(countries.begin(), countries.end());
    if (!asc)
        std::reverse(countries.begin(), countries.end());
    ProfileFilter rest = filter;
    rest.countryIds.clear();
    const QByteArray afterName = after ? after->key.toString().toUtf8() : QByteArray();
    ProfilePage page;
    SearchCursor last;
    for (const auto &[name, code] : std::as_const(countries)) {
        if (after && (asc ? name < afterName : name > afterName))
            continue; // wholly before the cursor
        const int wanted = limit + 1 - int(page.rows.size());
        ProfileFilter one = rest;
        one.countryIds = {code};
        // SQLite: walk this country's (country_id, id) range, or read the few matching rows
        // through the filter's indexes and sort them by id (see chooseAccess).
        QString from = QStringLiteral("profiles");
        QString idColumn = QStringLiteral("id");
        if (m_kind == DatabaseKind::Sqlite) {
            ProfileFilter country;
            country.countryIds = {code};
            const auto access = chooseAccess(one, country, wanted);
            if (!access.ok())
                return Error{access.error()};
            if (*access == SqliteAccess::SortWalk)
                from += QStringLiteral(" INDEXED BY profiles_country_id");
            else
                idColumn.prepend(QLatin1Char('+'));
        }
        Sql sql = allConditions(one);
        if (after && name == afterName) {
            sql.conditions << QStringLiteral("%1 %2 ?").arg(idColumn, asc ? QStringLiteral(">") : QStringLiteral("<"));
            sql.binds << after->id;
        }
        const QString dir = asc ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
        const QString text = QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %5%6 LIMIT %7")
                                 .arg(QString::fromLatin1(kColumns), sortKeySelect(SortKey::Country, m_kind), from,
                                      sql.where(), idColumn, dir)
                                 .arg(wanted);
        auto query = run(m_db, text, sql.binds, QStringLiteral("Cannot search profiles"));
        if (!query.ok())
            return Error{query.error()};
        while (query.value().next()) {
            if (page.rows.size() == limit) {
                page.next = last;
                return page;
            }
            page.rows << readProfile(*query);
            last = SearchCursor{query.value().value(kSortKeyColumn), page.rows.back().id};
        }
    }
    return page;
}

namespace {

// SQLite: filters with a minimum probability are counted and grouped from the covering index
// of migration 0007 alone (a range of it when the filter names countries), never from the
// table rows. Left to itself SQLite reads gender_age or the whole table row by row.
QString probabilitySource(DatabaseKind kind)
{
    return kind == DatabaseKind::Sqlite ? QStringLiteral("profiles INDEXED BY profiles_demographics")
                                        : QStringLiteral("profiles");
}

// PostgreSQL: the conditions on the summary of migration 0008 that answers a filter with one
// minimum probability (and its table). The summary keys rows by the hundredth their
// probability falls in (the largest k with p >= k/100), so "p >= t" is exactly "bucket >= k"
// when t is the double k/100.0, which every canonical filter's threshold is. Any other
// threshold, or both minimums at once, is not answered here (the table is counted instead).
std::optional<Sql> probabilitySummaryConditions(const ProfileFilter &filter, DatabaseKind kind, QString *table)
{
    if (kind != DatabaseKind::Postgres
        || filter.minGenderProbability.has_value() == filter.minCountryProbability.has_value())
        return std::nullopt;
    const double min = filter.minGenderProbability ? *filter.minGenderProbability : *filter.minCountryProbability;
    if (!std::isfinite(min) || std::abs(min) > 100.0)
        return std::nullopt;
    const long hundredths = std::lround(min * 100.0);
    if (double(hundredths) / 100.0 != min)
        return std::nullopt;
    Sql sql = demographicConditions(filter);
    // Gender leads the summary's key: naming both genders (the only values the table allows)
    // lets a filter without one read two index ranges instead of the whole index.
    if (!filter.gender || *filter.gender == Gender::Unknown)
        sql.conditions.prepend(QStringLiteral("gender IN ('female', 'male')"));
    // Buckets are 0..100: below 0 everything matches, above 100 nothing does.
    sql.conditions << QStringLiteral("bucket >= ?");
    sql.binds << int(std::clamp(hundredths, -1L, 101L));
    *table = filter.minGenderProbability ? QStringLiteral("profile_gp_counts") : QStringLiteral("profile_cp_counts");
    return sql;
}

} // namespace

bool ProfileSearch::probabilitySummaryAnswers(const ProfileFilter &filter) const
{
    QString table;
    return !summaryAnswers(filter) && probabilitySummaryConditions(filter, m_kind, &table).has_value();
}

QString ProfileSearch::countSql(const ProfileFilter &filter, QVariantList *binds) const
{
    QString table;
    if (summaryAnswers(filter)) {
        const Sql sql = demographicConditions(filter);
        *binds = sql.binds;
        return QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM profile_counts") + sql.where();
    }
    if (const auto sql = probabilitySummaryConditions(filter, m_kind, &table)) {
        *binds = sql->binds;
        return QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM ") + table + sql->where();
    }
    const Sql sql = allConditions(filter);
    *binds = sql.binds;
    return QStringLiteral("SELECT COUNT(*) FROM ") + probabilitySource(m_kind) + sql.where();
}

Result<qint64> ProfileSearch::count(const ProfileFilter &filter)
{
    QVariantList binds;
    const QString text = countSql(filter, &binds);
    auto query = run(m_db, text, binds, QStringLiteral("Cannot count profiles"));
    if (!query.ok())
        return Error{query.error()};
    if (!query.value().next())
        return Error{QStringLiteral("Cannot count profiles: no result")};
    return query.value().value(0).toLongLong();
}

Result<qint64> ProfileSearch::scanCount(const ProfileFilter &filter)
{
    const Sql sql = allConditions(filter);
    auto query = run(m_db, QStringLiteral("SELECT COUNT(*) FROM profiles") + sql.where(), sql.binds,
                     QStringLiteral("Cannot count profiles"));
    if (!query.ok())
        return Error{query.error()};
    if (!query.value().next())
        return Error{QStringLiteral("Cannot count profiles: no result")};
    return query.value().value(0).toLongLong();
}

Result<SearchAggregates> ProfileSearch::aggregates(const ProfileFilter &filter, int topCountries, int ageBucketWidth)
{
    // One grouped query gives all three charts: at most genders x ages x countries rows.
    const bool summary = summaryAnswers(filter);
    QString probabilityTable;
    const auto probabilitySql
        = summary ? std::nullopt : probabilitySummaryConditions(filter, m_kind, &probabilityTable);
    const Sql sql = summary ? demographicConditions(filter) : probabilitySql ? *probabilitySql : allConditions(filter);
    const QString text = summary || probabilitySql
        ? QStringLiteral("SELECT gender, age, country_id, SUM(n) FROM %1%2 GROUP BY gender, age, country_id "
                         "HAVING SUM(n) > 0")
              .arg(summary ? QStringLiteral("profile_counts") : probabilityTable, sql.where())
        // Grouped in the covering index's order, so SQLite streams the groups without a sort.
        : QStringLiteral("SELECT gender, age, country_id, COUNT(*) FROM %1%2 GROUP BY country_id, gender, age")
              .arg(probabilitySource(m_kind), sql.where());
    auto query = run(m_db, text, sql.binds, QStringLiteral("Cannot compute the charts"));
    if (!query.ok())
        return Error{query.error()};
    SearchAggregates result;
    result.ageBucketWidth = std::max(1, ageBucketWidth);
    QHash<int, qint64> byBucket;
    QHash<QString, qint64> byCountry;
    int maxBucket = -1;
    while (query.value().next()) {
        const QString gender = query.value().value(0).toString();
        const int age = query.value().value(1).toInt();
        const QString country = query.value().value(2).toString();
        const qint64 n = query.value().value(3).toLongLong();
        if (gender == QLatin1String("male"))
            result.male += n;
        else if (gender == QLatin1String("female"))
            result.female += n;
        const int bucket = age / result.ageBucketWidth;
        byBucket[bucket] += n;
        maxBucket = std::max(maxBucket, bucket);
        byCountry[country] += n;
        result.total += n;
    }
    for (int bucket = 0; bucket <= maxBucket; ++bucket)
        result.ageHistogram << qMakePair(bucket * result.ageBucketWidth, byBucket.value(bucket));
    for (auto it = byCountry.cbegin(); it != byCountry.cend(); ++it)
        result.topCountries << qMakePair(it.key(), it.value());
    std::sort(result.topCountries.begin(), result.topCountries.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (result.topCountries.size() > topCountries)
        result.topCountries.resize(topCountries);
    return result;
}

Result<qint64> ProfileSearch::forEach(const ProfileFilter &filter, int pageSize,
                                      const std::function<bool(const QList<Profile> &rows)> &onRows)
{
    qint64 delivered = 0;
    auto page = firstPage(filter, pageSize);
    while (true) {
        if (!page.ok())
            return Error{page.error()};
        if (!page->rows.isEmpty()) {
            delivered += page->rows.size();
            if (!onRows(page->rows))
                return delivered;
        }
        if (!page->next)
            return delivered;
        const SearchCursor cursor = *page->next;
        page = nextPage(filter, cursor, pageSize);
    }
}

Result<ProfilePage> ProfileSearch::offsetPage(const ProfileFilter &filter, qint64 offset, int limit)
{
    const Sql sql = allConditions(filter);
    const QString column = sortColumn(filter.sortBy);
    const QString dir = filter.order == SortOrder::Asc ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    const QString text
        = QStringLiteral("SELECT %1, %2 FROM profiles%3 ORDER BY %4%5, id%5 LIMIT %6 OFFSET %7")
              .arg(QString::fromLatin1(kColumns), sortKeySelect(filter.sortBy, m_kind), sql.where(), column, dir)
              .arg(limit)
              .arg(offset);
    auto query = run(m_db, text, sql.binds, QStringLiteral("Cannot search profiles"));
    if (!query.ok())
        return Error{query.error()};
    ProfilePage page;
    while (query.value().next()) {
        page.rows << readProfile(*query);
        page.next = SearchCursor{query.value().value(kSortKeyColumn), page.rows.back().id};
    }
    return page;
}

Result<QString> ProfileSearch::explainFirstPage(const ProfileFilter &filter, int limit)
{
    std::optional<SqliteAccess> access;
    if (m_kind == DatabaseKind::Sqlite) {
        const auto chosen = sqliteAccess(filter, limit);
        if (!chosen.ok())
            return Error{chosen.error()};
        access = *chosen;
    }
    QVariantList binds;
    const QString sql = pageSql(filter, m_kind, nullptr, limit + 1, access, &binds);
    return explain(sql, binds);
}

Result<QString> ProfileSearch::explainCount(const ProfileFilter &filter)
{
    QVariantList binds;
    const QString sql = countSql(filter, &binds);
    return explain(sql, binds);
}

Result<QString> ProfileSearch::explain(const QString &sql, const QVariantList &binds)
{
    if (m_kind == DatabaseKind::Sqlite) {
        auto query = run(m_db, QStringLiteral("EXPLAIN QUERY PLAN ") + sql, binds, QStringLiteral("Cannot explain"));
        if (!query.ok())
            return Error{query.error()};
        QString plan;
        while (query.value().next())
            plan += query.value().value(3).toString() + QLatin1Char('\n');
        return plan;
    }
    // Number the placeholders as PostgreSQL does; the builder writes '?' only as placeholders.
    QString numbered;
    int n = 0;
    for (const QChar c : sql)
        numbered += c == QLatin1Char('?') ? QStringLiteral("$%1").arg(++n) : QString(c);
    QStringList literals;
    for (const QVariant &value : binds) {
        QSqlField field(QStringLiteral("p"), value.metaType());
        field.setValue(value);
        literals << m_db.driver()->formatValue(field);
    }
    QSqlQuery query(m_db);
    const QString execute = literals.isEmpty()
        ? QStringLiteral("EXPLAIN EXECUTE insighta_explain")
        : QStringLiteral("EXPLAIN EXECUTE insighta_explain(%1)").arg(literals.join(QStringLiteral(", ")));
    if (!query.exec(QStringLiteral("SET plan_cache_mode = force_generic_plan"))
        || !query.exec(QStringLiteral("PREPARE insighta_explain AS ") + numbered))
        return sqlError(lcSearch(), QStringLiteral("Cannot explain"), query);
    QString plan;
    const bool explained = query.exec(execute);
    while (explained && query.next())
        plan += query.value(0).toString() + QLatin1Char('\n');
    const QString error = explained ? QString() : sqlError(lcSearch(), QStringLiteral("Cannot explain"), query).message;
    query.exec(QStringLiteral("DEALLOCATE insighta_explain"));
    query.exec(QStringLiteral("RESET plan_cache_mode"));
    if (!error.isEmpty())
        return Error{error};
    return plan;
}

} // namespace insighta
