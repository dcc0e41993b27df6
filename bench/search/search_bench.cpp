// Search benchmark: a mix of realistic filters, each sorted by every sort key, measuring the
// first page, the exact count and page 1000 by keyset, next to the naive approach (OFFSET page
// 1000 and a plain COUNT(*)) in the same run. Prints P50/P95/P99 per kind.
//
//   search_bench --database URL [--profiles N] [--page-size 50] [--no-naive] [--counts-only] [--verbose]
//                [--only TEXT]
//
// --counts-only measures the exact counts (still checked against COUNT(*) unless --no-naive)
// and the chart aggregates, without the page queries: a quick rerun after a count change.
//
// --profiles N fills the profiles table up to N rows first, with set-based SQL (never row by
// row); the rows go through the same triggers an import does. A database that already holds N
// rows is used as it is (load once into a file, then rerun against it).
//
// --only TEXT measures the filters whose label contains TEXT ("not " for the exclusions).

#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/ProfileSearch.h"
#include "core/profiles/Countries.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

using namespace insighta;

namespace {

QTextStream out(stdout);

struct Weighted
{
    const char *code;
    int weight;
};

// The same shape as the demo data: weighted towards the African countries of the Insighta
// data, with a global tail.
const Weighted kMix[] = {
    {"NG", 180}, {"KE", 90}, {"GH", 70}, {"ZA", 70}, {"ET", 60}, {"TZ", 60}, {"UG", 50}, {"EG", 50},
    {"AO", 40},  {"CM", 35}, {"SN", 30}, {"CI", 30}, {"CD", 30}, {"SD", 20}, {"SS", 10}, {"NE", 20},
    {"GN", 15},  {"GW", 5},  {"GQ", 5},  {"RW", 20}, {"MA", 25}, {"DZ", 20}, {"TN", 15}, {"ZM", 15},
    {"ZW", 15},  {"MZ", 15}, {"BJ", 10}, {"TG", 10}, {"ML", 10}, {"BF", 10}, {"US", 40}, {"GB", 30},
    {"FR", 20},  {"DE", 20}, {"IN", 30}, {"BR", 20}, {"CN", 20}, {"JP", 10}, {"MX", 10}, {"CA", 10},
    {"TR", 10},  {"VN", 8},  {"PL", 8},  {"ES", 8},  {"SE", 5},  {"NO", 5},  {"IS", 2},  {"CZ", 5},
};

bool exec(QSqlQuery &q, const QString &sql)
{
    if (!q.exec(sql)) {
        out << "SQL failed: " << q.lastError().text() << "\n  " << sql.left(300) << "\n";
        out.flush();
        return false;
    }
    return true;
}

qint64 rowCount(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!exec(q, QStringLiteral("SELECT COUNT(*) FROM profiles")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// Fills the table up to `target` rows with set-based INSERT ... SELECT in chunks.
bool generate(const Connection &connection, qint64 target)
{
    QSqlDatabase db = connection.database();
    const bool pg = connection.kind() == DatabaseKind::Postgres;
    qint64 have = rowCount(db);
    if (have >= target) {
        out << "  the database already holds " << have << " profiles: not loading\n";
        return true;
    }
    QSqlQuery q(db);
    // A weighted country table: one row per unit of weight.
    exec(q, QStringLiteral("DROP TABLE IF EXISTS bench_countries"));
    if (!exec(q, QStringLiteral("CREATE TABLE bench_countries (idx integer PRIMARY KEY, code text, name text)")))
        return false;
    int idx = 0;
    db.transaction();
    q.prepare(QStringLiteral("INSERT INTO bench_countries VALUES (?, ?, ?)"));
    for (const Weighted &w : kMix) {
        const QString code = QString::fromLatin1(w.code);
        for (int i = 0; i < w.weight; ++i) {
            q.addBindValue(idx++);
            q.addBindValue(code);
            q.addBindValue(Countries::instance().nameFor(code));
            if (!q.exec())
                return false;
        }
    }
    db.commit();
    const int weights = idx;
    QStringList dropped;
    if (pg) {
        exec(q, QStringLiteral("SET maintenance_work_mem = '1GB'"));
        exec(q, QStringLiteral("SET work_mem = '256MB'"));
    } else {
        exec(q, QStringLiteral("PRAGMA cache_size = -262144"));
    }
    // Bulk load without the secondary indexes, then build them once (as a restore would). The
    // primary key stays, and so do the triggers that keep the summary table exact.
    if (have == 0) {
        exec(q,
             pg ? QStringLiteral("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'profiles' AND "
                                 "indexname <> 'profiles_pkey'")
                : QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                                 "'profiles' AND sql IS NOT NULL"));
        QStringList names;
        while (q.next()) {
            names << q.value(0).toString();
            dropped << q.value(1).toString();
        }
        for (const QString &name : std::as_const(names)) {
            QSqlQuery d(db);
            exec(d, QStringLiteral("DROP INDEX ") + name);
        }
    }
    const qint64 chunk = pg ? 1'000'000 : 200'000;
    QElapsedTimer timer;
    timer.start();
    while (have < target) {
        const qint64 from = have + 1;
        const qint64 to = std::min(target, have + chunk);
        // Ages shaped like the demo data; probabilities to 2 decimals; created_at 3 s apart.
        const QString rnd = pg ? QStringLiteral("random()") : QStringLiteral("((random() & 1048575) / 1048576.0)");
        const QString series = pg ? QStringLiteral("generate_series(%1, %2) AS g").arg(from).arg(to)
                                  : QStringLiteral("(WITH RECURSIVE s(g) AS (SELECT %1 UNION ALL SELECT g + 1 FROM s "
                                                   "WHERE g < %2) SELECT g FROM s) AS gs")
                                        .arg(from)
                                        .arg(to);
        const QString id = pg ? QStringLiteral("md5('bench' || g)::uuid")
                              : QStringLiteral("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || "
                                               "substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) "
                                               "|| '-' || hex(randomblob(6)))");
        const QString created = pg ? QStringLiteral("timestamptz '2024-01-01 00:00:00+00' + g * interval '3 seconds'")
                                   : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 1704067200 + g * 3, 'unixepoch')");
        const QString round2 = pg ? QStringLiteral("round((%1)::numeric, 2)::float8") : QStringLiteral("round(%1, 2)");
        const QString ageExpr = QStringLiteral(
            "CASE WHEN b < 22 THEN CAST(r2 * 13 AS integer) WHEN b < 38 THEN 13 + CAST(r2 * 7 AS integer) "
            "WHEN b < 88 THEN 20 + CAST(r2 * 40 AS integer) ELSE 60 + CAST(r2 * 41 AS integer) END");
        const QString rawSelect
            = QStringLiteral("SELECT g, %1 AS r1, %1 AS r2, %1 AS r3, CAST(%1 * 100 AS integer) AS b, %1 AS "
                             "r4, %1 AS r5 FROM %2")
                  .arg(rnd, series);
        const QString sql
            = QStringLiteral(
                  "INSERT INTO profiles (id, name, name_key, gender, gender_probability, age, age_group, country_id, "
                  "country_name, country_probability, created_at) "
                  "SELECT id, p.name, lower(p.name), gender, gp, age, "
                  "CASE WHEN age <= 12 THEN 'child' WHEN age <= 19 THEN 'teenager' WHEN age <= 59 THEN 'adult' "
                  "ELSE 'senior' END, c.code, c.name, cp, created "
                  "FROM (SELECT %1 AS id, 'Bench Person ' || g AS name, "
                  "CASE WHEN r1 < 0.5 THEN 'male' ELSE 'female' END AS gender, %2 AS gp, %3 AS age, "
                  "%4 AS ci, %5 AS cp, %6 AS created "
                  "FROM %7) AS p JOIN bench_countries c ON c.idx = p.ci")
                  .arg(id, round2.arg(QStringLiteral("0.5 + r4 * 0.5")), ageExpr)
                  .arg(pg ? QStringLiteral("floor(r3 * %1)::int").arg(weights)
                          : QStringLiteral("CAST(r3 * %1 AS integer)").arg(weights))
                  .arg(round2.arg(QStringLiteral("0.05 + r5 * 0.9")), created,
                       pg ? QStringLiteral("(%1) AS raw").arg(rawSelect) : QStringLiteral("bench_raw"));
        // SQLite flattens subqueries and evaluates random() once per reference (and may hoist it
        // out of the join altogether), so the random draws are stored first: without that every
        // chunk got one country and the age shape was skewed.
        if (!pg
            && (!exec(q, QStringLiteral("DROP TABLE IF EXISTS temp.bench_raw"))
                || !exec(q, QStringLiteral("CREATE TEMP TABLE bench_raw AS ") + rawSelect)))
            return false;
        if (!exec(q, sql))
            return false;
        have = to;
        out << "  generated " << have << " rows (" << timer.elapsed() / 1000 << " s)\n";
        out.flush();
    }
    for (const QString &def : std::as_const(dropped)) {
        QElapsedTimer t;
        t.start();
        if (!exec(q, def))
            return false;
        out << "  " << def.section(QLatin1String(" ON "), 0, 0) << " built in " << t.elapsed() / 1000 << " s\n";
        out.flush();
    }
    // PostgreSQL: VACUUM sets the visibility map, so index-only scans of the fresh rows need no
    // heap visits; it covers the summary tables the triggers filled too.
    exec(q, pg ? QStringLiteral("VACUUM ANALYZE") : QStringLiteral("ANALYZE"));
    out << "  load finished in " << timer.elapsed() / 1000 << " s\n";
    return true;
}

ProfileFilter f(std::initializer_list<std::function<void(ProfileFilter &)>> setters)
{
    ProfileFilter filter;
    for (const auto &set : setters)
        set(filter);
    return filter;
}

auto gender(Gender g)
{
    return [g](ProfileFilter &x) { x.gender = g; };
}
auto group(AgeGroup g)
{
    return [g](ProfileFilter &x) { x.ageGroup = g; };
}
auto ages(std::optional<int> lo, std::optional<int> hi)
{
    return [lo, hi](ProfileFilter &x) {
        x.minAge = lo;
        x.maxAge = hi;
    };
}
auto countries(QStringList codes)
{
    return [codes](ProfileFilter &x) { x.countryIds = codes; };
}
auto minGp(double v)
{
    return [v](ProfileFilter &x) { x.minGenderProbability = v; };
}
auto minCp(double v)
{
    return [v](ProfileFilter &x) { x.minCountryProbability = v; };
}
auto excluding(QStringList codes)
{
    return [codes](ProfileFilter &x) { x.excludeCountryIds = codes; };
}

QList<QPair<QString, ProfileFilter>> mix()
{
    const QString NG = QStringLiteral("NG"), KE = QStringLiteral("KE"), GH = QStringLiteral("GH"),
                  ZA = QStringLiteral("ZA"), US = QStringLiteral("US"), IS = QStringLiteral("IS"),
                  AO = QStringLiteral("AO"), SS = QStringLiteral("SS");
    return {
        {QStringLiteral("everyone"), f({})},
        {QStringLiteral("all females"), f({gender(Gender::Female)})},
        {QStringLiteral("all adults"), f({group(AgeGroup::Adult)})},
        {QStringLiteral("young males"), f({gender(Gender::Male), ages(16, 24)})},
        {QStringLiteral("females above 30"), f({gender(Gender::Female), ages(30, {})})},
        {QStringLiteral("people from angola"), f({countries({AO})})},
        {QStringLiteral("adult males from kenya"), f({gender(Gender::Male), group(AgeGroup::Adult), countries({KE})})},
        {QStringLiteral("teenagers above 17"), f({group(AgeGroup::Teenager), ages(17, {})})},
        {QStringLiteral("nigerian women 20-45"), f({gender(Gender::Female), ages(20, 45), countries({NG})})},
        {QStringLiteral("young males from nigeria"), f({gender(Gender::Male), ages(16, 24), countries({NG})})},
        {QStringLiteral("seniors"), f({group(AgeGroup::Senior)})},
        {QStringLiteral("children"), f({group(AgeGroup::Child)})},
        {QStringLiteral("women in their 50s"), f({gender(Gender::Female), ages(50, 59)})},
        {QStringLiteral("aged 33"), f({ages(33, 33)})},
        {QStringLiteral("west africa (NG, GH)"), f({countries({NG, GH})})},
        {QStringLiteral("east+south (KE, ZA, US)"), f({countries({KE, ZA, US})})},
        {QStringLiteral("iceland (rare)"), f({countries({IS})})},
        {QStringLiteral("senior women in iceland"),
         f({gender(Gender::Female), group(AgeGroup::Senior), countries({IS})})},
        {QStringLiteral("south sudan men 30-40"), f({gender(Gender::Male), ages(30, 40), countries({SS})})},
        {QStringLiteral("confident females (gp>=0.9)"), f({gender(Gender::Female), minGp(0.9)})},
        {QStringLiteral("sure of country (cp>=0.8)"), f({minCp(0.8)})},
        {QStringLiteral("ng adults, cp>=0.5"), f({group(AgeGroup::Adult), countries({NG}), minCp(0.5)})},
        {QStringLiteral("males 18-35 gp>=0.7"), f({gender(Gender::Male), ages(18, 35), minGp(0.7)})},
        {QStringLiteral("over 90"), f({ages(90, {})})},
        // Exclusions ("not from Nigeria"): most of the table matches, so the sort index is walked.
        {QStringLiteral("men not from nigeria"), f({gender(Gender::Male), excluding({NG})})},
        {QStringLiteral("women not KE, GH, ZA"), f({gender(Gender::Female), excluding({KE, GH, ZA})})},
        {QStringLiteral("seniors not from nigeria"), f({group(AgeGroup::Senior), excluding({NG})})},
        {QStringLiteral("aged 33 not from the US"), f({ages(33, 33), excluding({US})})},
        {QStringLiteral("confident, not NG (gp>=0.9)"), f({minGp(0.9), excluding({NG})})},
    };
}

struct Samples
{
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    double pct(double p) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const size_t i = std::min(sorted.size() - 1, size_t(std::ceil(p / 100.0 * double(sorted.size())) - 1));
        return sorted[i];
    }
};

double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"), QStringLiteral("Database URL."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("profiles"), QStringLiteral("Fill up to N profiles first."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("page-size"), QStringLiteral("Rows per page (50)."), QStringLiteral("N"),
                      QStringLiteral("50")});
    parser.addOption({QStringLiteral("no-naive"), QStringLiteral("Skip the OFFSET/COUNT(*) comparison.")});
    parser.addOption({QStringLiteral("counts-only"), QStringLiteral("Only counts and chart aggregates, no pages.")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("One line per query.")});
    parser.addOption({QStringLiteral("only"), QStringLiteral("Only the filters whose label contains TEXT."),
                      QStringLiteral("TEXT")});
    parser.process(app);
    const auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url.ok()) {
        out << url.error() << "\n";
        return 2;
    }
    Connection connection(*url, QStringLiteral("bench"));
    if (!connection.ok()) {
        out << connection.error() << "\n";
        return 3;
    }
    if (parser.isSet(QStringLiteral("profiles"))
        && !generate(connection, parser.value(QStringLiteral("profiles")).toLongLong()))
        return 3;
    const qint64 total = rowCount(connection.database());
    const int pageSize = parser.value(QStringLiteral("page-size")).toInt();
    const bool naive = !parser.isSet(QStringLiteral("no-naive"));
    const bool verbose = parser.isSet(QStringLiteral("verbose"));
    const bool countsOnly = parser.isSet(QStringLiteral("counts-only"));
    out << "Backend: " << (connection.kind() == DatabaseKind::Postgres ? "PostgreSQL" : "SQLite") << ", " << total
        << " profiles, page size " << pageSize << "\n";
    out.flush();

    ProfileSearch search(connection.database(), connection.kind());
    std::map<QString, Samples> samples;
    const QList<SortKey> keys{SortKey::CreatedAt, SortKey::Age, SortKey::GenderProbability, SortKey::Name,
                              SortKey::Country};
    auto filters = mix();
    if (parser.isSet(QStringLiteral("only"))) {
        const QString only = parser.value(QStringLiteral("only"));
        filters.removeIf([&only](const auto &entry) { return !entry.first.contains(only); });
    }
    int mismatches = 0;
    int combos = 0;
    for (const auto &[label, base] : filters) {
        // The count does not depend on the sort: measure it once per filter (twice: summary and scan).
        QElapsedTimer t;
        t.start();
        const auto counted = search.count(base);
        samples[QStringLiteral("exact count")].add(elapsedMs(t));
        qint64 scanned = -1;
        if (naive) {
            t.start();
            scanned = search.scanCount(base).value();
            samples[QStringLiteral("naive COUNT(*)")].add(elapsedMs(t));
            if (scanned != *counted)
                ++mismatches;
        }
        t.start();
        const auto charts = search.aggregates(base);
        samples[QStringLiteral("chart aggregates")].add(elapsedMs(t));
        if (verbose)
            out << QStringLiteral("%1: count %2 (scan %3) %4 ms, charts %5 ms\n")
                       .arg(label)
                       .arg(*counted)
                       .arg(scanned)
                       .arg(samples[QStringLiteral("exact count")].ms.back(), 0, 'f', 1)
                       .arg(samples[QStringLiteral("chart aggregates")].ms.back(), 0, 'f', 1);
        for (SortKey key : countsOnly ? QList<SortKey>{} : keys) {
            for (SortOrder order : {SortOrder::Desc, SortOrder::Asc}) {
                ProfileFilter filter = base;
                filter.sortBy = key;
                filter.order = order;
                ++combos;
                t.start();
                const auto first = search.firstPage(filter, pageSize);
                const double firstMs = elapsedMs(t);
                samples[QStringLiteral("first page")].add(firstMs);
                if (!first.ok()) {
                    out << "first page failed: " << first.error() << "\n";
                    return 3;
                }
                const qint64 skip = qint64(pageSize) * 999;
                if (*counted <= skip || !naive || order == SortOrder::Asc) {
                    if (verbose)
                        out << QStringLiteral("  %1 by %2 %3: first %4 ms\n")
                                   .arg(label, ProfileSearch::sortColumn(key),
                                        order == SortOrder::Asc ? QStringLiteral("asc") : QStringLiteral("desc"))
                                   .arg(firstMs, 0, 'f', 1);
                    continue;
                }
                // Page 1000: the naive way (OFFSET), then by keyset from the row before it.
                t.start();
                const auto offsetRows = search.offsetPage(filter, skip - 1, pageSize + 1);
                const double offsetMs = elapsedMs(t);
                samples[QStringLiteral("naive OFFSET page 1000")].add(offsetMs);
                if (!offsetRows.ok() || offsetRows->rows.size() < 2) {
                    out << "offset page failed\n";
                    return 3;
                }
                const Profile before = offsetRows->rows.front();
                // The cursor as the previous page would have returned it.
                const auto cursorPage = search.offsetPage(filter, skip - 1, 1);
                t.start();
                const auto keyset = search.nextPage(filter, *cursorPage->next, pageSize);
                const double keysetMs = elapsedMs(t);
                samples[QStringLiteral("keyset page 1000")].add(keysetMs);
                QList<Profile> expected = offsetRows->rows.mid(1);
                if (!keyset.ok() || keyset->rows != expected)
                    ++mismatches;
                if (verbose)
                    out << QStringLiteral("  %1 by %2 desc: first %3 ms, keyset p1000 %4 ms, offset p1000 %5 ms\n")
                               .arg(label, ProfileSearch::sortColumn(key))
                               .arg(firstMs, 0, 'f', 1)
                               .arg(keysetMs, 0, 'f', 1)
                               .arg(offsetMs, 0, 'f', 1);
                Q_UNUSED(before);
            }
        }
        out.flush();
    }
    out << "\n"
        << filters.size() << " filters x " << keys.size() << " sort keys x 2 orders = " << combos
        << " first-page queries; page 1000 where the filter has that many rows (desc orders)\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("kind"), -26)
               .arg(QStringLiteral("n"), 5)
               .arg(QStringLiteral("P50 ms"), 10)
               .arg(QStringLiteral("P95 ms"), 10)
               .arg(QStringLiteral("P99 ms"), 10);
    for (const auto &[kind, s] : samples)
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(kind, -26)
                   .arg(qint64(s.ms.size()), 5)
                   .arg(s.pct(50), 10, 'f', 1)
                   .arg(s.pct(95), 10, 'f', 1)
                   .arg(s.pct(99), 10, 'f', 1);
    out << "\nresult mismatches between keyset and OFFSET / summary and COUNT(*): " << mismatches << "\n";
    return mismatches == 0 ? 0 : 1;
}
