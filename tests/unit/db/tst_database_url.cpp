#include "core/db/DatabaseUrl.h"

#include <QDir>
#include <QTest>

using namespace insighta;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT
private slots:
    void parsesGoodUrls_data();
    void parsesGoodUrls();
    void rejectsBadUrls_data();
    void rejectsBadUrls();
    void roundTripsThroughText();
    void environmentOverridesTheDefault();
};

void TestDatabaseUrl::parsesGoodUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("sslmode");

    const int pg = int(DatabaseKind::Postgres);
    const int lite = int(DatabaseKind::Sqlite);
    QTest::newRow("full") << "postgresql://analyst@db.example.org:6432/insighta?sslmode=verify-full" << pg
                          << "db.example.org" << 6432 << "analyst"
                          << "insighta"
                          << ""
                          << "verify-full";
    QTest::newRow("default port") << "postgresql://analyst@localhost/insighta" << pg << "localhost" << 5432 << "analyst"
                                  << "insighta"
                                  << ""
                                  << "";
    QTest::newRow("postgres scheme") << "postgres://u@h:5433/d" << pg << "h" << 5433 << "u"
                                     << "d"
                                     << ""
                                     << "";
    QTest::newRow("db defaults to user") << "postgresql://alice@h" << pg << "h" << 5432 << "alice"
                                         << "alice"
                                         << ""
                                         << "";
    QTest::newRow("no user") << "postgresql://127.0.0.1:5432/postgres" << pg << "127.0.0.1" << 5432 << ""
                             << "postgres"
                             << ""
                             << "";
    QTest::newRow("upper-case scheme") << "PostgreSQL://u@h/d" << pg << "h" << 5432 << "u"
                                       << "d"
                                       << ""
                                       << "";
    QTest::newRow("spaces around") << "  postgresql://u@h/d  " << pg << "h" << 5432 << "u"
                                   << "d"
                                   << ""
                                   << "";
    QTest::newRow("sqlite absolute") << "sqlite:///var/lib/insighta/workspace.db" << lite << "" << 0 << ""
                                     << ""
                                     << "/var/lib/insighta/workspace.db"
                                     << "";
    QTest::newRow("sqlite encoded space") << "sqlite:///tmp/my%20work.db" << lite << "" << 0 << ""
                                          << ""
                                          << "/tmp/my work.db"
                                          << "";
    QTest::newRow("sqlite relative") << "sqlite://data/w.db" << lite << "" << 0 << ""
                                     << "" << QDir::current().absoluteFilePath(QStringLiteral("data/w.db")) << "";
}

void TestDatabaseUrl::parsesGoodUrls()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, database);
    QFETCH(QString, path);
    QFETCH(QString, sslmode);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.error()));
    QCOMPARE(int(url->kind), kind);
    QCOMPARE(url->host, host);
    if (kind == int(DatabaseKind::Postgres))
        QCOMPARE(url->port, port);
    QCOMPARE(url->user, user);
    QCOMPARE(url->database, database);
    QCOMPARE(url->path, path);
    QCOMPARE(url->options.value(QStringLiteral("sslmode")), sslmode);
}

void TestDatabaseUrl::rejectsBadUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("not a url") << "localhost:5432"
                               << "not a database URL";
    QTest::newRow("mysql") << "mysql://u@h/d"
                           << "not a database URL";
    QTest::newRow("password in url") << "postgresql://u:secret@h/d"
                                     << "not in the URL";
    QTest::newRow("password option") << "postgresql://u@h/d?password=secret"
                                     << "not in the URL";
    QTest::newRow("no host") << "postgresql:///d"
                             << "no host";
    QTest::newRow("bad port") << "postgresql://u@h:notaport/d"
                              << "not a valid PostgreSQL URL";
    QTest::newRow("port zero") << "postgresql://u@h:0/d"
                               << "Port 0";
    QTest::newRow("unknown option") << "postgresql://u@h/d?sslmod=require"
                                    << "Unknown PostgreSQL URL option 'sslmod'";
    QTest::newRow("bad sslmode") << "postgresql://u@h/d?sslmode=maybe"
                                 << "sslmode must be one of";
    QTest::newRow("slash in db") << "postgresql://u@h/a/b"
                                 << "contains a '/'";
    QTest::newRow("sqlite no path") << "sqlite://"
                                    << "no file path";
}

void TestDatabaseUrl::rejectsBadUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, messageContains);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QVERIFY2(url.error().contains(messageContains), qPrintable(url.error()));
}

void TestDatabaseUrl::roundTripsThroughText()
{
    for (const QString &text : {QStringLiteral("postgresql://analyst@db.example.org:6432/insighta?sslmode=verify-full"),
                                QStringLiteral("sqlite:///tmp/w.db")}) {
        const auto first = DatabaseUrl::parse(text);
        QVERIFY(first.ok());
        const auto second = DatabaseUrl::parse(first->toString());
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second.value(), first.value());
    }
    QCOMPARE(DatabaseUrl::parse(QStringLiteral("postgresql://a@h:7/d"))->displayName(),
             QStringLiteral("PostgreSQL a@h:7/d"));
}

void TestDatabaseUrl::environmentOverridesTheDefault()
{
    qputenv("INSIGHTA_DATABASE_URL", "postgresql://env@envhost/envdb");
    auto url = defaultDatabaseUrl();
    QVERIFY(url.ok());
    QCOMPARE(url->host, QStringLiteral("envhost"));
    qunsetenv("INSIGHTA_DATABASE_URL");
    qputenv("INSIGHTA_WORKSPACE", "/tmp/elsewhere/ws.db");
    url = defaultDatabaseUrl();
    QVERIFY(url.ok());
    QCOMPARE(url->kind, DatabaseKind::Sqlite);
    QCOMPARE(url->path, QStringLiteral("/tmp/elsewhere/ws.db"));
    qunsetenv("INSIGHTA_WORKSPACE");
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_database_url.moc"
