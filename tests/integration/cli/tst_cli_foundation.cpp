#include "core/db/Connection.h"
#include "tests/testkit/CliProcess.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QTest>

using namespace insighta;

// Runs the real `insighta` binary, as a script or a person would.
class TestCliFoundation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void printsVersion();
    void printsHelpAndRejectsUnknownCommands();
    void migratesPostgres();
    void migrateReportsUnreachableServer();
    void demoHonoursDatabaseEnvironment();

private:
    using Run = testkit::CliProcess::Run;
    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {});
    testkit::CliProcess m_cli;
};

void TestCliFoundation::initTestCase()
{
    QVERIFY2(QFile::exists(testkit::CliProcess::binaryPath()), qPrintable(testkit::CliProcess::binaryPath()));
}

TestCliFoundation::Run TestCliFoundation::run(const QStringList &arguments, const QHash<QString, QString> &environment)
{
    return m_cli.run(arguments, environment);
}

void TestCliFoundation::printsVersion()
{
    const Run result = run({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), QStringLiteral("insighta ") + QStringLiteral(INSIGHTA_VERSION));
}

void TestCliFoundation::printsHelpAndRejectsUnknownCommands()
{
    Run result = run({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    for (const char *command : {"validate", "import", "parse", "search", "export", "demo", "db", "jobs"})
        QVERIFY2(result.out.contains(QLatin1String("  ") + QLatin1String(command)), command);
    result = run({QStringLiteral("frobnicate")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    result = run(
        {QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"), QStringLiteral("mysql://x")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("not a database URL")), qPrintable(result.err));
}

void TestCliFoundation::migratesPostgres()
{
    testkit::PostgresTestDatabase test;
    INSIGHTA_REQUIRE_DB(test);
    const QString url = test.url().toString();
    Run result = run({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"), url});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("Applied")), qPrintable(result.out));
    result = run({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"), url});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("up to date")), qPrintable(result.out));
    {
        auto db = openDatabase(test.url(), QStringLiteral("cli-check"));
        QVERIFY(db.ok());
        QVERIFY(db.value().tables().contains(QStringLiteral("profiles")));
        db.value().close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cli-check"));
}

void TestCliFoundation::migrateReportsUnreachableServer()
{
    const Run result = run({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"),
                            QStringLiteral("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains(QStringLiteral("Cannot connect to PostgreSQL")), qPrintable(result.err));
}

void TestCliFoundation::demoHonoursDatabaseEnvironment()
{
    testkit::PostgresTestDatabase test;
    INSIGHTA_REQUIRE_DB(test);
    const Run result
        = run({QStringLiteral("demo"), QStringLiteral("--profiles"), QStringLiteral("1200"), QStringLiteral("--quiet")},
              {{QStringLiteral("INSIGHTA_DATABASE_URL"), test.url().toString()}});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("1200 new profiles")), qPrintable(result.out));
    {
        auto db = openDatabase(test.url(), QStringLiteral("cli-demo-check"));
        QVERIFY(db.ok());
        QSqlQuery query(db.value());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1200);
        db.value().close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cli-demo-check"));
}

QTEST_GUILESS_MAIN(TestCliFoundation)
#include "tst_cli_foundation.moc"
