// The search repository on both backends: keyset paging across ties for every sort key and
// order, exact counts (summary table and scan), chart aggregates, injection attempts, the
// PostgreSQL plan of the country filter, and server-side cancellation.

#include "SearchFixtures.h"

#include "core/db/Connection.h"
#include "core/db/Migrator.h"
#include "core/db/ProfileSearch.h"
#include "core/db/ProfileSearchCanceller.h"
#include "core/db/ProfileWriter.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace insighta;
using namespace insighta::searchtest;

namespace {

constexpr int kRows = 700;

ProfileFilter makeFilter(std::optional<Gender> gender = {}, QStringList countries = {}, std::optional<int> minAge = {},
                         std::optional<int> maxAge = {})
{
    ProfileFilter f;
    f.gender = gender;
    f.countryIds = countries;
    f.minAge = minAge;
    f.maxAge = maxAge;
    return f;
}

QList<ProfileFilter> sampleFilters()
{
    QList<ProfileFilter> filters;
    filters << ProfileFilter{};
    filters << makeFilter(Gender::Female);
    filters << makeFilter({}, {QStringLiteral("NG")});
    filters << makeFilter(Gender::Male, {QStringLiteral("KE"), QStringLiteral("GH")}, 20, 45);
    ProfileFilter adults;
    adults.ageGroup = AgeGroup::Adult;
    filters << adults;
    ProfileFilter seniorsAbove70 = adults;
    seniorsAbove70.ageGroup = AgeGroup::Senior;
    seniorsAbove70.minAge = 70;
    filters << seniorsAbove70;
    ProfileFilter probable = makeFilter(Gender::Female);
    probable.minGenderProbability = 0.8;
    probable.minCountryProbability = 0.5;
    filters << probable;
    filters << makeFilter({}, {}, 30, 30);
    filters << makeFilter({}, {}, 40, 20); // contradictory: nothing
    // Exclusions ("not from Nigeria", "women except Kenyans and Ghanaians").
    ProfileFilter notNigerians;
    notNigerians.excludeCountryIds = {QStringLiteral("NG")};
    filters << notNigerians;
    ProfileFilter womenNotKenyaGhana = makeFilter(Gender::Female, {}, 20, 59);
    womenNotKenyaGhana.excludeCountryIds = {QStringLiteral("KE"), QStringLiteral("GH")};
    filters << womenNotKenyaGhana;
    ProfileFilter probableNotNigerians = notNigerians;
    probableNotNigerians.minGenderProbability = 0.8;
    filters << probableNotNigerians;
    return filters;
}

qint64 profileRowCount(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestProfileSearch : public QObject
{
    Q_OBJECT

private slots:
    void keysetPagingAcrossTies_data();
    void keysetPagingAcrossTies();
    void countsAndAggregates_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void countsAndAggregates();
    void summaryStaysExact_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void summaryStaysExact();
    void injectionAttemptsChangeNothing_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void injectionAttemptsChangeNothing();
    void exclusionsMatchDirectSql_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void exclusionsMatchDirectSql();
    void countryFilterUsesIndexOnPostgres();
    void sqlitePlanFollowsSelectivity();
    void sqliteProbabilityFiltersReadCoveringIndex();
    void postgresProbabilityCountsUseSummaries();
    void postgresProbabilitySummariesExactAtBoundaries();
    void olderWorkspaceMigratesForward_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void olderWorkspaceMigratesForward();
    void cancelStopsRunningQuery_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void cancelStopsRunningQuery();
    void cancelIgnoresCurrentGeneration_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void cancelIgnoresCurrentGeneration();
};

void TestProfileSearch::keysetPagingAcrossTies_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("sortKey");
    QTest::addColumn<int>("order");
    const QList<SortKey> keys{SortKey::CreatedAt, SortKey::Age, SortKey::GenderProbability, SortKey::Name,
                              SortKey::Country};
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")})
        for (SortKey key : keys)
            for (SortOrder order : {SortOrder::Asc, SortOrder::Desc})
                QTest::addRow("%s-key%d-%s", qPrintable(backend), int(key), order == SortOrder::Asc ? "asc" : "desc")
                    << backend << int(key) << int(order);
}

void TestProfileSearch::keysetPagingAcrossTies()
{
    QFETCH(QString, backend);
    QFETCH(int, sortKey);
    QFETCH(int, order);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    const QList<Profile> rows = tiedProfiles(kRows);
    const auto inserted = ProfileWriter(connection.database(), connection.kind()).insert(rows);
    QVERIFY2(inserted.ok(), qPrintable(inserted.error()));
    QCOMPARE(*inserted, qint64(kRows));

    ProfileSearch search(connection.database(), connection.kind());
    // SQLite: the automatic choice, then each access path pinned, must all give the oracle's rows.
    QList<std::optional<SqliteAccess>> accesses{std::nullopt};
    if (connection.kind() == DatabaseKind::Sqlite)
        accesses << SqliteAccess::FilterFirst << SqliteAccess::SortWalk;
    for (const auto &access : accesses) {
        search.forceSqliteAccess(access);
        for (ProfileFilter filter : sampleFilters()) {
            filter.sortBy = SortKey(sortKey);
            filter.order = SortOrder(order);
            const QStringList expected = expectedIds(filter, rows);
            QStringList seen;
            // A page size that does not divide the row count, and pages that end inside ties.
            auto page = search.firstPage(filter, 23);
            int pages = 0;
            while (true) {
                QVERIFY2(page.ok(), qPrintable(page.error()));
                QVERIFY(page->rows.size() <= 23);
                for (const Profile &p : page->rows)
                    seen << p.id;
                ++pages;
                if (!page->next)
                    break;
                QCOMPARE(page->rows.size(), 23);
                page = search.nextPage(filter, *page->next, 23);
            }
            QCOMPARE(seen.size(), expected.size());
            QCOMPARE(seen, expected);
            QCOMPARE(pages, qMax(1, int((expected.size() + 22) / 23)));
        }
    }
    search.forceSqliteAccess(std::nullopt);
    // Rows come back whole: the first row of the default order equals what was inserted.
    ProfileFilter all;
    all.sortBy = SortKey(sortKey);
    all.order = SortOrder(order);
    const auto first = search.firstPage(all, 1);
    QVERIFY(first.ok());
    const QString firstId = expectedIds(all, rows).front();
    const Profile original
        = *std::find_if(rows.cbegin(), rows.cend(), [&](const Profile &p) { return p.id == firstId; });
    QCOMPARE(first->rows.front(), original);
}

void TestProfileSearch::countsAndAggregates()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    const QList<Profile> rows = tiedProfiles(kRows, 11);
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    ProfileSearch search(connection.database(), connection.kind());

    for (const ProfileFilter &filter : sampleFilters()) {
        const qint64 expected = expectedIds(filter, rows).size();
        const auto counted = search.count(filter);
        QVERIFY2(counted.ok(), qPrintable(counted.error()));
        QCOMPARE(*counted, expected);
        const auto scanned = search.scanCount(filter);
        QVERIFY(scanned.ok());
        QCOMPARE(*scanned, expected);

        const auto charts = search.aggregates(filter, 3, 10);
        QVERIFY2(charts.ok(), qPrintable(charts.error()));
        QCOMPARE(charts->total, expected);
        qint64 male = 0, female = 0;
        QHash<int, qint64> buckets;
        QHash<QString, qint64> countries;
        for (const Profile &p : rows) {
            if (!selects(filter, p))
                continue;
            (p.gender == Gender::Male ? male : female) += 1;
            buckets[p.age / 10 * 10] += 1;
            countries[p.countryId] += 1;
        }
        QCOMPARE(charts->male, male);
        QCOMPARE(charts->female, female);
        qint64 histogramTotal = 0;
        for (const auto &[start, n] : charts->ageHistogram) {
            QCOMPARE(n, buckets.value(start));
            histogramTotal += n;
        }
        QCOMPARE(histogramTotal, expected);
        QVERIFY(charts->topCountries.size() <= 3);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const auto &[code, n] : charts->topCountries) {
            QCOMPARE(n, countries.value(code));
            QVERIFY(n <= previous);
            previous = n;
        }
        if (!countries.isEmpty()) {
            const qint64 most = *std::max_element(countries.cbegin(), countries.cend());
            QCOMPARE(charts->topCountries.front().second, most);
        }
    }
}

namespace {

// The rows an exclusion filter selects, asked of the database with SQL written out by hand
// (not built by ProfileSearch), so the test does not share the code under test.
struct DirectSql
{
    QString where;
    QVariantList binds;
};

QList<std::pair<ProfileFilter, DirectSql>> exclusionCases()
{
    QList<std::pair<ProfileFilter, DirectSql>> cases;
    ProfileFilter notNigeria;
    notNigeria.excludeCountryIds = {QStringLiteral("NG")};
    cases.append({notNigeria, {QStringLiteral("country_id <> 'NG'"), {}}});
    ProfileFilter menNotKenyaGhana;
    menNotKenyaGhana.gender = Gender::Male;
    menNotKenyaGhana.excludeCountryIds = {QStringLiteral("KE"), QStringLiteral("GH")};
    cases.append({menNotKenyaGhana, {QStringLiteral("gender = 'male' AND country_id NOT IN ('KE', 'GH')"), {}}});
    ProfileFilter oldNotNigeria = notNigeria;
    oldNotNigeria.minAge = 40;
    oldNotNigeria.sortBy = SortKey::Age;
    oldNotNigeria.order = SortOrder::Desc;
    cases.append({oldNotNigeria, {QStringLiteral("age >= 40 AND country_id <> 'NG'"), {}}});
    // Beside named countries an exclusion only removes from them.
    ProfileFilter namedAndExcluded;
    namedAndExcluded.countryIds = {QStringLiteral("NG"), QStringLiteral("KE")};
    namedAndExcluded.excludeCountryIds = {QStringLiteral("NG")};
    cases.append({namedAndExcluded, {QStringLiteral("country_id = 'KE'"), {}}});
    // Not the summary table: a probability minimum (PostgreSQL: the probability summaries).
    ProfileFilter confidentNotNigeria = notNigeria;
    confidentNotNigeria.minGenderProbability = 0.9;
    cases.append(
        {confidentNotNigeria, {QStringLiteral("gender_probability >= ? AND country_id <> 'NG'"), {QVariant(0.9)}}});
    ProfileFilter unsureCountry = menNotKenyaGhana;
    unsureCountry.minCountryProbability = 0.5;
    cases.append({unsureCountry,
                  {QStringLiteral("gender = 'male' AND country_probability >= ? AND country_id NOT IN ('KE', 'GH')"),
                   {QVariant(0.5)}}});
    return cases;
}

qint64 directCount(const QSqlDatabase &db, const DirectSql &sql)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM profiles WHERE ") + sql.where);
    for (const QVariant &value : sql.binds)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QStringList directFirstIds(const QSqlDatabase &db, const DirectSql &sql, const ProfileFilter &filter, int limit)
{
    const QString dir = filter.order == SortOrder::Asc ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM profiles WHERE %1 ORDER BY %2%3, id%3 LIMIT %4")
                  .arg(sql.where, ProfileSearch::sortColumn(filter.sortBy), dir)
                  .arg(limit));
    for (const QVariant &value : sql.binds)
        q.addBindValue(value);
    QStringList ids;
    if (!q.exec())
        return {q.lastError().text()};
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

} // namespace

// Exclusions are counted from the summaries (every country but the excluded ones) and paged by
// the keyset queries; both must equal what plain SQL over the profiles table says, on both
// databases and (SQLite) on both access paths.
void TestProfileSearch::exclusionsMatchDirectSql()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    const QList<Profile> rows = tiedProfiles(kRows, 13);
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    ProfileSearch search(connection.database(), connection.kind());
    const qint64 total = profileRowCount(connection.database());
    QCOMPARE(total, qint64(kRows));

    QList<std::optional<SqliteAccess>> accesses{std::nullopt};
    if (connection.kind() == DatabaseKind::Sqlite)
        accesses << SqliteAccess::FilterFirst << SqliteAccess::SortWalk;
    for (const auto &[filter, sql] : exclusionCases()) {
        const qint64 expected = directCount(connection.database(), sql);
        QVERIFY2(expected > 0, qPrintable(sql.where)); // the case selects something
        QVERIFY2(expected < total, qPrintable(sql.where)); // and leaves something out
        const auto counted = search.count(filter);
        QVERIFY2(counted.ok(), qPrintable(counted.error()));
        QCOMPARE(*counted, expected);
        QCOMPARE(*search.scanCount(filter), expected);
        // The excluded part and the rest add up to the rows without the exclusion.
        ProfileFilter without = filter.normalised();
        without.excludeCountryIds.clear();
        if (filter.countryIds.isEmpty()) {
            ProfileFilter excludedPart = without;
            excludedPart.countryIds = filter.excludeCountryIds;
            QCOMPARE(*search.count(without) - *search.count(excludedPart), expected);
        }
        const auto charts = search.aggregates(filter, 50, 5);
        QVERIFY2(charts.ok(), qPrintable(charts.error()));
        QCOMPARE(charts->total, expected);
        QCOMPARE(charts->male + charts->female, expected);
        for (const auto &[code, n] : charts->topCountries)
            QVERIFY2(!filter.excludeCountryIds.contains(code), qPrintable(code));
        const QStringList firstIds = directFirstIds(connection.database(), sql, filter, 20);
        for (const auto &access : accesses) {
            search.forceSqliteAccess(access);
            const auto page = search.firstPage(filter, 20);
            QVERIFY2(page.ok(), qPrintable(page.error()));
            QStringList ids;
            for (const Profile &p : page->rows) {
                ids << p.id;
                QVERIFY2(selects(filter, p), qPrintable(p.countryId));
            }
            QCOMPARE(ids, firstIds);
            QCOMPARE(page->next.has_value(), expected > 20);
        }
        search.forceSqliteAccess(std::nullopt);
    }
}

void TestProfileSearch::summaryStaysExact()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QList<Profile> rows = tiedProfiles(300, 5);
    ProfileWriter writer(connection.database(), connection.kind());
    QVERIFY(writer.insert(rows.mid(0, 200)).ok());
    // A second batch overlapping the first: the duplicates are skipped and must not count.
    QVERIFY(writer.insert(rows.mid(150)).ok());
    ProfileSearch search(connection.database(), connection.kind());
    const ProfileFilter nigerians = makeFilter({}, {QStringLiteral("NG")});
    QCOMPARE(*search.count(ProfileFilter{}), qint64(300));
    QCOMPARE(*search.count(nigerians), qint64(expectedIds(nigerians, rows).size()));

    QSqlQuery q(connection.database());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM profiles WHERE country_id = 'NG'")));
    QCOMPARE(*search.count(nigerians), qint64(0));
    QCOMPARE(*search.count(ProfileFilter{}), qint64(300 - expectedIds(nigerians, rows).size()));
    QVERIFY(q.exec(QStringLiteral("UPDATE profiles SET age = 99 WHERE age < 5")));
    const ProfileFilter ninetyNine = makeFilter({}, {}, 99, 99);
    QCOMPARE(*search.count(ninetyNine), *search.scanCount(ninetyNine));
    QCOMPARE(*search.count(makeFilter({}, {}, 0, 4)), qint64(0));
}

void TestProfileSearch::injectionAttemptsChangeNothing()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(tiedProfiles(100)).ok());
    ProfileSearch search(connection.database(), connection.kind());

    const QStringList attempts{
        QStringLiteral("NG'; DROP TABLE profiles; --"),
        QStringLiteral("NG' OR '1'='1"),
        QStringLiteral("') OR 1=1 --"),
        QStringLiteral("NG\"; DELETE FROM profiles; --"),
        QStringLiteral("NG\\'; DELETE FROM profiles; --"),
        QStringLiteral("$1"),
        QStringLiteral("?"),
    };
    for (const QString &attempt : attempts) {
        ProfileFilter filter;
        filter.countryIds = {attempt};
        const auto page = search.firstPage(filter, 50);
        // Either no rows (no country has that code) or a clear error; never all rows.
        if (page.ok())
            QVERIFY2(page->rows.isEmpty(), qPrintable(attempt));
        const auto counted = search.count(filter);
        if (counted.ok())
            QCOMPARE(*counted, qint64(0));
        const auto charts = search.aggregates(filter);
        if (charts.ok())
            QCOMPARE(charts->total, qint64(0));
        // Several countries, one of them hostile, one real: exactly the real one's rows.
        filter.countryIds = {attempt, QStringLiteral("NG")};
        const auto mixed = search.count(filter);
        QVERIFY(mixed.ok());
        QCOMPARE(*mixed, *search.count(makeFilter({}, {QStringLiteral("NG")})));
        // A hostile cursor (keyset values come back from the UI) is a value, not SQL.
        const auto next = search.nextPage(ProfileFilter{}, SearchCursor{attempt, attempt}, 10);
        if (next.ok())
            QVERIFY(next->rows.size() <= 10);
    }
    QCOMPARE(profileRowCount(connection.database()), qint64(100));
}

void TestProfileSearch::countryFilterUsesIndexOnPostgres()
{
    testkit::PostgresTestDatabase database;
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(tiedProfiles(2000)).ok());
    QSqlQuery q(connection.database());
    QVERIFY(q.exec(QStringLiteral("ANALYZE profiles")));
    // With sequential scans priced out, a text parameter against a char(2) column would still
    // have no usable index; the plan must show the country index with a condition on it.
    QVERIFY(q.exec(QStringLiteral("SET enable_seqscan = off")));
    ProfileSearch search(connection.database(), connection.kind());
    for (SortKey key : {SortKey::Age, SortKey::CreatedAt}) {
        ProfileFilter filter = makeFilter({}, {QStringLiteral("NG")});
        filter.sortBy = key;
        filter.order = SortOrder::Asc;
        const auto plan = search.explainFirstPage(filter, 50);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY2(plan->contains(QLatin1String("profiles_country")), qPrintable(*plan));
        QVERIFY2(plan->contains(QLatin1String("Index Cond: (country_id = $1)")), qPrintable(*plan));
        filter.countryIds << QStringLiteral("KE");
        const auto several = search.explainFirstPage(filter, 50);
        QVERIFY2(several.ok(), qPrintable(several.error()));
        QVERIFY2(several->contains(QLatin1String("Index Cond: (country_id = ANY")), qPrintable(*several));
    }
}

// SQLite cannot tell a rare filter from a common one; at 1M rows the wrong plan took seconds
// (walking the sort index past nearly every row for a rare country, or reading and sorting half
// the table for a common filter). The summary counts pick the plan; these pin both shapes.
void TestProfileSearch::sqlitePlanFollowsSelectivity()
{
    testkit::SqliteTestDatabase database;
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QList<Profile> rows = tiedProfiles(3000);
    for (int i = 0; i < rows.size(); ++i) {
        const bool rare = i % 100 == 0; // 30 rows from Iceland, the rest from Nigeria
        rows[i].countryId = rare ? QStringLiteral("IS") : QStringLiteral("NG");
        rows[i].countryName = rare ? QStringLiteral("Iceland") : QStringLiteral("Nigeria");
    }
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    ProfileSearch search(connection.database(), connection.kind());

    ProfileFilter rare = makeFilter({}, {QStringLiteral("IS")});
    rare.sortBy = SortKey::CreatedAt;
    rare.order = SortOrder::Desc;
    QCOMPARE(search.sqliteAccess(rare, 50).value(), SqliteAccess::FilterFirst);
    const auto rarePlan = search.explainFirstPage(rare, 50);
    QVERIFY2(rarePlan.ok(), qPrintable(rarePlan.error()));
    // Through an index that starts with the country (profiles_demographics since 0010).
    QVERIFY2(rarePlan->contains(QLatin1String("(country_id=?)")), qPrintable(*rarePlan));
    QVERIFY2(rarePlan->contains(QLatin1String("TEMP B-TREE FOR ORDER BY")), qPrintable(*rarePlan));
    QVERIFY2(!rarePlan->contains(QLatin1String("profiles_created")), qPrintable(*rarePlan));

    // Half the rows match: walk (created_at, id) and stop after a page, with no sort.
    ProfileFilter common = makeFilter(Gender::Female, {QStringLiteral("NG")});
    common.sortBy = SortKey::CreatedAt;
    common.order = SortOrder::Desc;
    QCOMPARE(search.sqliteAccess(common, 50).value(), SqliteAccess::SortWalk);
    const auto commonPlan = search.explainFirstPage(common, 50);
    QVERIFY2(commonPlan.ok(), qPrintable(commonPlan.error()));
    QVERIFY2(commonPlan->contains(QLatin1String("INDEX profiles_created")), qPrintable(*commonPlan));
    QVERIFY2(!commonPlan->contains(QLatin1String("TEMP B-TREE")), qPrintable(*commonPlan));

    // A range on the sort key itself stays a range of the walked index.
    ProfileFilter adults = makeFilter({}, {}, 20, 59);
    adults.sortBy = SortKey::Age;
    QCOMPARE(search.sqliteAccess(adults, 50).value(), SqliteAccess::SortWalk);
    const auto agePlan = search.explainFirstPage(adults, 50);
    QVERIFY2(agePlan.ok(), qPrintable(agePlan.error()));
    QVERIFY2(agePlan->contains(QLatin1String("INDEX profiles_age (age>? AND age<?)")), qPrintable(*agePlan));

    // Either way the rows are the oracle's, the rare country sorted by country included.
    for (ProfileFilter filter : {rare, common, adults}) {
        for (SortKey key : {SortKey::CreatedAt, SortKey::Country}) {
            filter.sortBy = key;
            const auto page = search.firstPage(filter, 50);
            QVERIFY2(page.ok(), qPrintable(page.error()));
            QStringList ids;
            for (const Profile &p : page->rows)
                ids << p.id;
            QCOMPARE(ids, expectedIds(filter, rows).mid(0, 50));
        }
    }
}

void TestProfileSearch::sqliteProbabilityFiltersReadCoveringIndex()
{
    testkit::SqliteTestDatabase database;
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QSqlQuery q(connection.database());
    // Migration 0007 replaced the (country_id, gender, age) index by a covering one.
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'profiles'")));
    QStringList indexes;
    while (q.next())
        indexes << q.value(0).toString();
    QVERIFY2(indexes.contains(QLatin1String("profiles_demographics")), qPrintable(indexes.join(u' ')));
    QVERIFY2(!indexes.contains(QLatin1String("profiles_country_gender_age")), qPrintable(indexes.join(u' ')));
    // Every column a count or a chart of such a filter reads is in it: no table row is read.
    QVERIFY(q.exec(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT gender, age, country_id, COUNT(*) FROM profiles INDEXED BY profiles_demographics "
        "WHERE age >= 20 AND gender_probability >= 0.8 AND country_probability >= 0.5 "
        "GROUP BY country_id, gender, age")));
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + u'\n';
    QVERIFY2(plan.contains(QLatin1String("COVERING INDEX profiles_demographics")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));

    const QList<Profile> rows = tiedProfiles(kRows);
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    ProfileSearch search(connection.database(), connection.kind());
    ProfileFilter probable = makeFilter(Gender::Female, {QStringLiteral("NG"), QStringLiteral("KE")});
    probable.minGenderProbability = 0.7;
    probable.minCountryProbability = 0.3;
    QCOMPARE(search.count(probable).value(), search.scanCount(probable).value());
    QCOMPARE(search.count(probable).value(), qint64(expectedIds(probable, rows).size()));
    QCOMPARE(search.aggregates(probable).value().total, qint64(expectedIds(probable, rows).size()));
}

// PostgreSQL counted a minimum-probability filter over the whole table (0.8-4 s at 10M rows).
// Migration 0008 keeps summaries keyed by probability hundredths; count() and the charts of
// such a filter read them, never the profiles table.
void TestProfileSearch::postgresProbabilityCountsUseSummaries()
{
    testkit::PostgresTestDatabase database;
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    const QList<Profile> rows = tiedProfiles(kRows, 17);
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    ProfileSearch search(connection.database(), connection.kind());

    ProfileFilter confident = makeFilter(Gender::Female);
    confident.minGenderProbability = 0.9;
    ProfileFilter sure = makeFilter({}, {QStringLiteral("NG")}, 20, 59);
    sure.minCountryProbability = 0.5;
    const QList<QPair<ProfileFilter, QLatin1String>> cases{{confident, QLatin1String("profile_gp_counts")},
                                                           {sure, QLatin1String("profile_cp_counts")}};
    for (const auto &[filter, summary] : cases) {
        QVERIFY(search.probabilitySummaryAnswers(filter));
        const auto plan = search.explainCount(filter);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY2(plan->contains(summary), qPrintable(*plan));
        QVERIFY2(!plan->contains(QLatin1String(" on profiles ")), qPrintable(*plan));
        const qint64 expected = expectedIds(filter, rows).size();
        QVERIFY(expected > 0);
        QCOMPARE(search.count(filter).value(), expected);
        const auto charts = search.aggregates(filter, 5, 10);
        QVERIFY2(charts.ok(), qPrintable(charts.error()));
        QCOMPARE(charts->total, expected);
        qint64 female = 0;
        for (const Profile &p : rows)
            female += selects(filter, p) && p.gender == Gender::Female ? 1 : 0;
        QCOMPARE(charts->female, female);
    }

    // Both minimums at once, or a threshold that is not a hundredth, count the table (exactly).
    ProfileFilter both = confident;
    both.minCountryProbability = 0.3;
    ProfileFilter between = makeFilter(Gender::Male);
    between.minGenderProbability = 0.705;
    for (const ProfileFilter &filter : {both, between}) {
        QVERIFY(!search.probabilitySummaryAnswers(filter));
        const auto plan = search.explainCount(filter);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY2(plan->contains(QLatin1String(" on profiles")), qPrintable(*plan));
        QCOMPARE(search.count(filter).value(), qint64(expectedIds(filter, rows).size()));
    }
}

// The summaries must agree with COUNT(*) for every 2-decimal threshold, including stored
// probabilities on and just off a boundary (0.7, 0.70, 0.699999, 0.1 * 7 = 0.7000000000000001,
// 0.29 and 0.57, whose "* 100" falls below the integer), and stay exact through duplicates
// skipped on import, deletes and updates.
void TestProfileSearch::postgresProbabilitySummariesExactAtBoundaries()
{
    testkit::PostgresTestDatabase database;
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QSqlQuery q(connection.database());
    // Every probability in both columns, for both genders, three ages and two countries.
    QVERIFY2(q.exec(QStringLiteral(
                 "INSERT INTO profiles (id, name, name_key, gender, gender_probability, age, age_group, country_id, "
                 "country_name, country_probability, created_at) "
                 "SELECT gen_random_uuid(), 'Edge ' || row_number() OVER (), 'edge ' || row_number() OVER (), g, p, "
                 "a, CASE WHEN a < 20 THEN 'teenager' ELSE 'adult' END, c, c, 1.0 - p, now() "
                 "FROM (VALUES (0.7::float8), (0.70::float8), (0.699999::float8), (0.1::float8 * 7), "
                 "(0.7000001::float8), (0.29::float8), (0.57::float8), (0.58::float8), (0.005::float8), "
                 "(0.995::float8), (0::float8), (1::float8), (0.3::float8), (0.43::float8)) AS v(p) "
                 "CROSS JOIN (VALUES ('female'), ('male')) AS gs(g) CROSS JOIN (VALUES (19), (20), (45)) AS ag(a) "
                 "CROSS JOIN (VALUES ('NG'), ('KE')) AS cs(c)")),
             qPrintable(q.lastError().text()));
    const QList<Profile> demo = tiedProfiles(300, 23);
    ProfileWriter writer(connection.database(), connection.kind());
    QVERIFY(writer.insert(demo.mid(0, 200)).ok());
    QVERIFY(writer.insert(demo.mid(150)).ok()); // 50 duplicates, skipped: they must not count
    ProfileSearch search(connection.database(), connection.kind());

    // By hand: gender_probability >= 0.7 holds for 0.7, 0.70, 0.1 * 7, 0.7000001, 0.995 and 1
    // (6 values x 12 rows); 0.699999 stays below.
    ProfileFilter seventy;
    seventy.minGenderProbability = 0.7;
    qint64 demoSeventy = 0;
    for (const Profile &p : demo)
        demoSeventy += p.genderProbability >= 0.7 ? 1 : 0;
    QCOMPARE(search.count(seventy).value(), 6 * 12 + demoSeventy);

    const QList<ProfileFilter> shapes{makeFilter(), makeFilter(Gender::Female),
                                      makeFilter(Gender::Male, {QStringLiteral("NG")}, 20, 45)};
    auto compareAll = [&](const char *stage) {
        for (int k = 0; k <= 100; ++k) {
            for (const ProfileFilter &shape : shapes) {
                for (const bool gender : {true, false}) {
                    ProfileFilter filter = shape;
                    (gender ? filter.minGenderProbability : filter.minCountryProbability) = k / 100.0;
                    if (!search.probabilitySummaryAnswers(filter))
                        return QStringLiteral("%1: not answered from a summary at %2").arg(QLatin1String(stage)).arg(k);
                    const qint64 counted = search.count(filter).value();
                    const qint64 scanned = search.scanCount(filter).value();
                    const qint64 charted = search.aggregates(filter).value().total;
                    if (counted != scanned || charted != scanned)
                        return QStringLiteral("%1: %2 >= %3/100 (%4): summary %5, charts %6, COUNT(*) %7")
                            .arg(QLatin1String(stage), QLatin1String(gender ? "gender" : "country"))
                            .arg(k)
                            .arg(filter.canonical())
                            .arg(counted)
                            .arg(charted)
                            .arg(scanned);
                }
            }
        }
        return QString();
    };
    QString failure = compareAll("after insert");
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    QVERIFY(q.exec(QStringLiteral("DELETE FROM profiles WHERE gender_probability = 0.7 AND age = 19")));
    QVERIFY(q.exec(QStringLiteral("UPDATE profiles SET gender_probability = 0.7, country_probability = 0.29 "
                                  "WHERE gender_probability = 0.699999")));
    QVERIFY(q.exec(QStringLiteral("UPDATE profiles SET age = 21 WHERE age = 20 AND country_id = 'KE'")));
    failure = compareAll("after delete and update");
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(search.count(seventy).value(), search.scanCount(seventy).value());
}

void TestProfileSearch::cancelStopsRunningQuery()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    std::atomic_bool started = false;
    std::atomic_bool finished = false;
    std::shared_ptr<ProfileSearchCanceller> canceller;
    std::atomic<ProfileSearchCanceller *> published = nullptr;
    QString error;
    const bool postgres = backend == QLatin1String("postgres");
    // The connection lives in its own thread, as in the app.
    std::unique_ptr<QThread> thread(QThread::create([&] {
        Connection connection(database.url(), QStringLiteral("cancel-test"));
        if (!connection.ok()) {
            error = connection.error();
            finished = true;
            return;
        }
        auto own = std::make_shared<ProfileSearchCanceller>(connection.database());
        canceller = own;
        published = own.get();
        QSqlQuery q(connection.database());
        own->begin(1);
        started = true;
        const bool ok = q.exec(postgres ? QStringLiteral("SELECT pg_sleep(60)")
                                        : QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                                         "FROM c WHERE x < 2000000000) SELECT COUNT(*) FROM c"));
        own->end();
        error = ok ? QStringLiteral("not cancelled") : q.lastError().text();
        own->detach();
        finished = true;
    }));
    thread->start();
    QTRY_VERIFY(started.load());
    QVERIFY(published.load()->supported());
    // Keep asking until the statement is really running on the server; then it stops at once.
    QTRY_VERIFY_WITH_TIMEOUT((published.load()->cancelOlderThan(2), finished.load()), 20000);
    thread->wait();
    QVERIFY2(error != QLatin1String("not cancelled"), qPrintable(error));
    QVERIFY2(error.contains(postgres ? QLatin1String("cancel") : QLatin1String("interrupt"), Qt::CaseInsensitive),
             qPrintable(error));
}

void TestProfileSearch::cancelIgnoresCurrentGeneration()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    Connection connection(database.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    ProfileSearchCanceller canceller(connection.database());
    QVERIFY(canceller.supported());
    QVERIFY(!canceller.cancelOlderThan(5)); // nothing running
    canceller.begin(5);
    QVERIFY(!canceller.cancelOlderThan(5)); // the current query is never cancelled by its own start
    QVERIFY(!canceller.cancelOlderThan(4));
    canceller.end();
    canceller.detach();
    QVERIFY(!canceller.supported());
}

QTEST_GUILESS_MAIN(TestProfileSearch)
// What a search answers for one filter: the exact count and the first page's ids per sort.
struct SearchAnswer
{
    qint64 count = -1;
    QList<QStringList> pages;
    bool operator==(const SearchAnswer &) const = default;
};

SearchAnswer answer(ProfileSearch &search, ProfileFilter filter)
{
    SearchAnswer a;
    const auto counted = search.count(filter);
    if (counted.ok())
        a.count = *counted;
    for (SortKey key :
         {SortKey::CreatedAt, SortKey::Age, SortKey::GenderProbability, SortKey::Name, SortKey::Country}) {
        for (SortOrder order : {SortOrder::Asc, SortOrder::Desc}) {
            filter.sortBy = key;
            filter.order = order;
            const auto page = search.firstPage(filter, 40);
            QStringList ids;
            if (page.ok())
                for (const Profile &p : page->rows)
                    ids << p.id;
            else
                ids << QStringLiteral("error: ") + page.error();
            a.pages << ids;
        }
    }
    return a;
}

// A workspace built by release 0008 (the last before the import-cost migration) with data in
// it: after migrating forward, every count and first page is what it was, and what the oracle
// says, so no row was lost and no search changed its answer.
void TestProfileSearch::olderWorkspaceMigratesForward()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    const QString name = QStringLiteral("older-workspace-") + backend;
    {
        auto db = openDatabase(database.url(), name);
        QVERIFY2(db.ok(), qPrintable(db.error()));
        Migrator migrator(db.value(), database.url().kind);
        const auto older = migrator.apply(8);
        QVERIFY2(older.ok(), qPrintable(older.error()));
        QCOMPARE(migrator.currentVersion().value(), 8);
        const QList<Profile> rows = tiedProfiles(kRows, 5);
        QVERIFY(ProfileWriter(db.value(), database.url().kind).insert(rows).ok());

        ProfileSearch search(db.value(), database.url().kind);
        QList<SearchAnswer> before;
        for (const ProfileFilter &filter : sampleFilters())
            before << answer(search, filter);

        const auto forward = migrator.apply();
        QVERIFY2(forward.ok(), qPrintable(forward.error()));
        QVERIFY(!forward->isEmpty());
        QCOMPARE(migrator.currentVersion().value(), Migrator::available(database.url().kind).last().version);
        const QList<ProfileFilter> filters = sampleFilters();
        for (qsizetype i = 0; i < filters.size(); ++i) {
            const SearchAnswer after = answer(search, filters[i]);
            QCOMPARE(after.count, before[i].count);
            QCOMPARE(after.count, qint64(expectedIds(filters[i], rows).size()));
            QCOMPARE(after.pages, before[i].pages);
            ProfileFilter sorted = filters[i];
            sorted.sortBy = SortKey::Country;
            sorted.order = SortOrder::Asc;
            QCOMPARE(after.pages[8], expectedIds(sorted, rows).mid(0, 40));
        }
        db.value().close();
    }
    QSqlDatabase::removeDatabase(name);
}

#include "tst_profile_search.moc"
