#include "tests/testkit/CliProcess.h"
#include "tests/testkit/TestDatabases.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace insighta;

// What the real `insighta` binary says about database URLs and workspaces: no password in any
// message, no workspace created by a typo, no server notices in the output.
class TestCliConnectionSafety : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void neverEchoesThePassword_data();
    void neverEchoesThePassword();
    void refusesMissingWorkspace_data();
    void refusesMissingWorkspace();
    void migrateAndDemoCreateWorkspaces();
    void keepsServerNoticesOutOfOutput();
    void takesSeveralServersInOneUrl();

private:
    using Run = testkit::CliProcess::Run;
    Run run(const QStringList &arguments);
    testkit::CliProcess m_cli;
};

void TestCliConnectionSafety::initTestCase()
{
    QVERIFY2(QFile::exists(testkit::CliProcess::binaryPath()), qPrintable(testkit::CliProcess::binaryPath()));
}

TestCliConnectionSafety::Run TestCliConnectionSafety::run(const QStringList &arguments)
{
    return m_cli.run(arguments);
}

void TestCliConnectionSafety::neverEchoesThePassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("bad port") << "postgresql://bob:s3cret@db:54x2/x";
    QTest::newRow("valid but with a password") << "postgresql://bob:s3cret@db:5432/x";
    QTest::newRow("mistyped scheme") << "postgresq://bob:s3cret@db/x";
    QTest::newRow("password option") << "postgresql://bob@db:5432/x?password=s3cret";
}

void TestCliConnectionSafety::neverEchoesThePassword()
{
    QFETCH(QString, url);
    for (const QString &command : {QStringLiteral("search"), QStringLiteral("db")}) {
        QStringList arguments{command};
        arguments << (command == QLatin1String("db") ? QStringLiteral("migrate") : QStringLiteral("women"));
        arguments << QStringLiteral("--database") << url;
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(!result.err.isEmpty(), "the refusal says why");
        QVERIFY2(!result.err.contains(QStringLiteral("s3cret")), qPrintable(result.err));
        QVERIFY2(!result.out.contains(QStringLiteral("s3cret")), qPrintable(result.out));
    }
}

void TestCliConnectionSafety::refusesMissingWorkspace_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("search") << QStringList{QStringLiteral("search"), QStringLiteral("women")};
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--output"),
                                           m_cli.homeFile(QStringLiteral("out.csv"))};
    QTest::newRow("import") << QStringList{QStringLiteral("import"), m_cli.homeFile(QStringLiteral("people.csv"))};
    QTest::newRow("jobs list") << QStringList{QStringLiteral("jobs"), QStringLiteral("list")};
    QTest::newRow("jobs work") << QStringList{QStringLiteral("jobs"), QStringLiteral("work"),
                                              QStringLiteral("--exit-when-idle")};
}

void TestCliConnectionSafety::refusesMissingWorkspace()
{
    QFETCH(QStringList, arguments);
    QFile csv(m_cli.homeFile(QStringLiteral("people.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("name,gender,age,country_id\nAda Obi,female,30,NG\n");
    csv.close();
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nonexistent/dir/ws.db"));
    const Run result = run(arguments << QStringLiteral("--database") << QStringLiteral("sqlite://") + missing);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains(QStringLiteral("no workspace at ") + missing), qPrintable(result.err));
    QVERIFY2(!result.out.contains(QStringLiteral("profiles")), qPrintable(result.out));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nonexistent"))));
}

void TestCliConnectionSafety::migrateAndDemoCreateWorkspaces()
{
    QTemporaryDir dir;
    const QString migrated = dir.filePath(QStringLiteral("new/ws.db"));
    Run result = run({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"),
                      QStringLiteral("sqlite://") + migrated});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo(migrated).isFile());
    result = run({QStringLiteral("search"), QStringLiteral("women"), QStringLiteral("--database"),
                  QStringLiteral("sqlite://") + migrated});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    const QString demo = dir.filePath(QStringLiteral("demo/ws.db"));
    result = run({QStringLiteral("demo"), QStringLiteral("--profiles"), QStringLiteral("10"), QStringLiteral("--quiet"),
                  QStringLiteral("--database"), QStringLiteral("sqlite://") + demo});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo(demo).isFile());
}

void TestCliConnectionSafety::keepsServerNoticesOutOfOutput()
{
    testkit::PostgresTestDatabase test;
    INSIGHTA_REQUIRE_DB(test);
    const QString url = test.url().toString();
    // The second migrate meets every "CREATE ... IF NOT EXISTS" again, which the server answers
    // with a NOTICE; so does the search's connection.
    for (const QStringList &arguments : {QStringList{QStringLiteral("db"), QStringLiteral("migrate")},
                                         QStringList{QStringLiteral("db"), QStringLiteral("migrate")},
                                         QStringList{QStringLiteral("search"), QStringLiteral("women")}}) {
        const Run result = run(QStringList(arguments) << QStringLiteral("--database") << url);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(!result.err.contains(QStringLiteral("NOTICE")), qPrintable(result.err));
        QVERIFY2(!result.out.contains(QStringLiteral("NOTICE")), qPrintable(result.out));
    }
}

void TestCliConnectionSafety::takesSeveralServersInOneUrl()
{
    testkit::PostgresTestDatabase test;
    INSIGHTA_REQUIRE_DB(test);
    // Nothing listens on port 1 of loopback: libpq goes on to the next server of the list.
    DatabaseUrl url = test.url();
    url.moreHosts = {DatabaseHost{url.host, url.port}};
    url.port = 1;
    url.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("read-write"));
    QVERIFY(url.isMultiHost());
    for (const QStringList &arguments : {QStringList{QStringLiteral("db"), QStringLiteral("migrate")},
                                         QStringList{QStringLiteral("search"), QStringLiteral("women")}}) {
        const Run result = run(QStringList(arguments) << QStringLiteral("--database") << url.toString());
        QVERIFY2(result.exitCode == 0, qPrintable(url.toString() + QLatin1Char(' ') + result.err));
    }
    const Run bad = run({QStringLiteral("search"), QStringLiteral("women"), QStringLiteral("--database"),
                         QStringLiteral("postgresql://bob@127.0.0.1:5432,127.0.0.1:x/insighta")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("'127.0.0.1:x'")), qPrintable(bad.err));
}

QTEST_GUILESS_MAIN(TestCliConnectionSafety)
#include "tst_cli_connection_safety.moc"
