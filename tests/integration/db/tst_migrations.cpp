#include "core/db/Connection.h"
#include "core/db/Migrator.h"
#include "core/demo/DemoSeeder.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace insighta;

namespace {

QStringList tablesOf(QSqlDatabase db)
{
    QStringList tables = db.tables();
    tables.sort();
    return tables;
}

qint64 countRows(QSqlDatabase db, const QString &table)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void migratesFromEmptyAndTwiceIsHarmless_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void migratesFromEmptyAndTwiceIsHarmless();
    void concurrentMigratorsAgree_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void concurrentMigratorsAgree();
    void connectionsBelongToTheirThread_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void connectionsBelongToTheirThread();
    void demoSeedIsDeterministicAndIdempotent_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void demoSeedIsDeterministicAndIdempotent();
    void unreachableServerGivesAReadableError();
    void splitsStatements();
};

void TestMigrations::migratesFromEmptyAndTwiceIsHarmless()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase test(backend);
    INSIGHTA_REQUIRE_DB(test);
    const int latest = Migrator::available(test.url().kind).last().version;
    {
        auto db = openDatabase(test.url(), QStringLiteral("mig-1"));
        QVERIFY2(db.ok(), qPrintable(db.error()));
        Migrator migrator(db.value(), test.url().kind);
        QCOMPARE(migrator.currentVersion().value(), 0);
        const auto first = migrator.apply();
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->size(), Migrator::available(test.url().kind).size());
        QCOMPARE(migrator.currentVersion().value(), latest);
        const QStringList tables = tablesOf(db.value());
        for (const char *table : {"profiles", "imports", "jobs", "job_dependencies", "interviews", "transcript_turns",
                                  "assessments", "emails", "schema_migrations"})
            QVERIFY2(tables.contains(QString::fromLatin1(table)), table);

        const auto second = migrator.apply();
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QVERIFY(second->isEmpty());
        QCOMPARE(countRows(db.value(), QStringLiteral("schema_migrations")), qint64(first->size()));
        db.value().close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("mig-1"));
}

void TestMigrations::concurrentMigratorsAgree()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase test(backend);
    INSIGHTA_REQUIRE_DB(test);
    const DatabaseUrl url = test.url();
    // Four threads race to migrate the same empty database: exactly one applies each version.
    QList<QFuture<QString>> runs;
    for (int i = 0; i < 4; ++i) {
        runs << QtConcurrent::run([url, i] {
            const QString name = QStringLiteral("race-%1").arg(i);
            QString outcome;
            {
                auto db = openDatabase(url, name);
                if (!db.ok())
                    return db.error();
                const auto applied = Migrator(db.value(), url.kind).apply();
                outcome = applied.ok() ? QString::number(applied->size()) : applied.error();
                db.value().close();
            }
            QSqlDatabase::removeDatabase(name);
            return outcome;
        });
    }
    int total = 0;
    for (auto &run : runs) {
        bool numeric = false;
        const QString outcome = run.result();
        total += outcome.toInt(&numeric);
        QVERIFY2(numeric, qPrintable(outcome));
    }
    QCOMPARE(total, int(Migrator::available(url.kind).size()));
}

void TestMigrations::connectionsBelongToTheirThread()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase test(backend);
    INSIGHTA_REQUIRE_DB(test);
    QString mainName;
    {
        Connection main(test.url());
        QVERIFY2(main.ok(), qPrintable(main.error()));
        mainName = main.name();
        QVERIFY(QSqlDatabase::contains(mainName));
        const QString otherName = QtConcurrent::run([url = test.url()] {
                                      Connection worker(url, QStringLiteral("worker"));
                                      return worker.ok() ? worker.name() : QString();
                                  }).result();
        QVERIFY(!otherName.isEmpty());
        QVERIFY(otherName != mainName);
        QVERIFY2(!QSqlDatabase::contains(otherName), "a worker's connection is removed when it is done");
    }
    QVERIFY(!QSqlDatabase::contains(mainName));
}

void TestMigrations::demoSeedIsDeterministicAndIdempotent()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase test(backend);
    INSIGHTA_REQUIRE_DB(test);
    const auto first = DemoSeeder(test.url()).run(3000);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QCOMPARE(first->profilesInserted, qint64(3000));
    QVERIFY(first->interviews >= 4);
    const auto again = DemoSeeder(test.url()).run(3500);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again->profilesInserted, qint64(500));

    Connection connection(test.url());
    QVERIFY(connection.ok());
    QCOMPARE(countRows(connection.database(), QStringLiteral("profiles")), qint64(3500));
    QCOMPARE(countRows(connection.database(), QStringLiteral("interviews")), qint64(first->interviews));
    QSqlQuery query(connection.database());
    QVERIFY(
        query.exec(QStringLiteral("SELECT COUNT(*) FROM profiles WHERE age_group <> CASE WHEN age <= 12 THEN 'child' "
                                  "WHEN age <= 19 THEN 'teenager' WHEN age <= 59 THEN 'adult' ELSE 'senior' END")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    const auto empty = workspaceIsEmpty(test.url());
    QVERIFY(empty.ok());
    QVERIFY(!empty.value());
}

void TestMigrations::unreachableServerGivesAReadableError()
{
    // Port 1 on loopback: nothing listens there.
    const auto url = DatabaseUrl::parse(QStringLiteral("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"));
    QVERIFY(url.ok());
    Connection connection(url.value());
    QVERIFY(!connection.ok());
    QVERIFY2(connection.error().startsWith(QStringLiteral("Cannot connect to PostgreSQL nobody@127.0.0.1:1/none")),
             qPrintable(connection.error()));
}

void TestMigrations::splitsStatements()
{
    const QStringList statements = splitSqlStatements(QStringLiteral(
        "CREATE TABLE a (x text DEFAULT ';'); -- a comment; with a semicolon\n"
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN PERFORM 1; RETURN NEW; END $$ LANGUAGE plpgsql;\n"
        "/* block; comment */ SELECT 1"));
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements.at(0), QStringLiteral("CREATE TABLE a (x text DEFAULT ';')"));
    QVERIFY(statements.at(1).contains(QStringLiteral("PERFORM 1; RETURN NEW;")));
    QCOMPARE(statements.at(2), QStringLiteral("SELECT 1"));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
