#include "core/db/DatabaseUrl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
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
    void neverEchoesThePassword_data();
    void neverEchoesThePassword();
    void refusesSmuggledConnectOptions_data();
    void refusesSmuggledConnectOptions();
    void defaultsToTlsOverTheNetwork_data();
    void defaultsToTlsOverTheNetwork();
    void refusesMissingWorkspace();
    void parsesMultiHostUrls_data();
    void parsesMultiHostUrls();
    void rejectsBadMultiHostUrls_data();
    void rejectsBadMultiHostUrls();
    void routesReadsAndWritesByTargetSessionAttrs();
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
    QTest::newRow("sqlite control character") << "sqlite:///tmp/w\r.db"
                                              << "control characters";
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
                                QStringLiteral("sqlite:///tmp/w.db"),
                                // Found by fuzz_database_url: printed decoded, this did not parse.
                                QStringLiteral("postgresql://u@h/%20sslmode%3Ddisable"),
                                QStringLiteral("postgresql://u@h/a%20b?application_name=x%2By"),
                                QStringLiteral("sqlite://://e/adb"), QStringLiteral("sqlite:///tmp/50%25%3F.db"),
                                // Found by fuzz_database_url: a literal '%' in an option value was decoded once more.
                                QStringLiteral("postgresql://u@h/d?application_name=50%2565%26x%3Dy"),
                                QStringLiteral("sqlite:///tmp/ends in a space ?x=1")}) {
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

void TestDatabaseUrl::neverEchoesThePassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("bad port") << "postgresql://bob:s3cret@db:54x2/x";
    QTest::newRow("bad port, postgres scheme") << "postgres://bob:s3cret@db:99999/x";
    QTest::newRow("good url with password") << "postgresql://bob:s3cret@db:5432/x";
    QTest::newRow("bad percent-encoding") << "postgresql://bob:s3cret@d%zzb/x";
    QTest::newRow("mistyped scheme") << "postgresq://bob:s3cret@db/x";
    QTest::newRow("no scheme") << "bob:s3cret@db:5432/x";
    QTest::newRow("password option and bad option") << "postgresql://bob@db/x?sslmod=a&password=s3cret";
    QTest::newRow("password option, mistyped scheme") << "postgre://bob@db/x?password=s3cret";
    QTest::newRow("slash in password") << "postgresql://bob:s3cret/x@db/x";
    QTest::newRow("at in password") << "postgresql://bob:s3cret@x@db:54x2/x";
    // Found by fuzz_database_url: a "://" after the userinfo hid the password from redaction.
    QTest::newRow("scheme-like text after the at") << "postgres:bob:s3cret@db/x?application_name=a://b";
    QTest::newRow("password-like text in the database name") << "postgresql://uh/:s3cret@/d";
    QTest::newRow("password-like text in an option key") << "postgresql://u@h/d?application_n:s3cret@x=1";
    QTest::newRow("two userinfo parts") << "sqqli:s3cret@om/wte:///]!e/adbli:s3cret@om";
    QTest::newRow("password, several servers") << "postgresql://bob:s3cret@db1:5432,db2:5432/x";
    QTest::newRow("password, bad second server") << "postgresql://bob:s3cret@db1,db2:x/x";
    QTest::newRow("password, empty server") << "postgresql://bob:s3cret@db1,,db2/x";
    QTest::newRow("fuzzer's input") << QString::fromUtf8("sqlitt:s3cret@hom\xEF\xBF\xBD/wsqlite://eha//!db");
}

void TestDatabaseUrl::neverEchoesThePassword()
{
    QFETCH(QString, text);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QVERIFY2(!url.error().contains(QStringLiteral("s3cret")), qPrintable(url.error()));
    QVERIFY(!redactUrlPassword(text).contains(QStringLiteral("s3cret")));
}

void TestDatabaseUrl::refusesSmuggledConnectOptions_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("space: sslmode and host")
        << "postgresql://u@db/x?application_name=x%20sslmode%3Ddisable%20host%3Dother";
    QTest::newRow("tab") << "postgresql://u@db/x?application_name=x%09sslmode%3Ddisable";
    QTest::newRow("newline") << "postgresql://u@db/x?application_name=x%0Asslmode%3Ddisable";
    QTest::newRow("semicolon (Qt's separator)") << "postgresql://u@db/x?application_name=x%3Bsslmode%3Ddisable";
    QTest::newRow("single quote") << "postgresql://u@db/x?application_name=%27x%20host%3Dother%27";
    QTest::newRow("double quote") << "postgresql://u@db/x?application_name=%22x";
    QTest::newRow("backslash") << "postgresql://u@db/x?application_name=x%5C";
    QTest::newRow("empty value") << "postgresql://u@db/x?application_name=";
    QTest::newRow("several servers, space in an option")
        << "postgresql://u@db1,db2/x?application_name=x%20host%3Dother";
    QTest::newRow("several servers, empty target_session_attrs") << "postgresql://u@db1,db2/x?target_session_attrs=";
    QTest::newRow("sslrootcert with space") << "postgresql://u@db/x?sslrootcert=/a%20sslmode%3Ddisable";
}

void TestDatabaseUrl::refusesSmuggledConnectOptions()
{
    QFETCH(QString, text);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(!url.ok(), qPrintable(url.ok() ? url->qtConnectOptions() : QString()));
    QVERIFY2(url.error().contains(QStringLiteral("option")), qPrintable(url.error()));
}

void TestDatabaseUrl::defaultsToTlsOverTheNetwork_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("warns");
    QTest::newRow("remote, no sslmode") << "postgresql://u@db.example.org/x"
                                        << "require" << false;
    QTest::newRow("remote, verify-full") << "postgresql://u@db.example.org/x?sslmode=verify-full"
                                         << "verify-full" << false;
    QTest::newRow("remote, disable") << "postgresql://u@db.example.org/x?sslmode=disable"
                                     << "disable" << true;
    QTest::newRow("remote, allow") << "postgresql://u@10.0.0.5/x?sslmode=allow"
                                   << "allow" << true;
    QTest::newRow("remote, prefer") << "postgresql://u@10.0.0.5/x?sslmode=prefer"
                                    << "prefer" << true;
    QTest::newRow("loopback v4") << "postgresql://u@127.0.0.1:5433/x"
                                 << "prefer" << false;
    QTest::newRow("loopback v6") << "postgresql://u@[::1]/x"
                                 << "prefer" << false;
    QTest::newRow("localhost, disable") << "postgresql://u@localhost/x?sslmode=disable"
                                        << "disable" << false;
    QTest::newRow("two loopback servers") << "postgresql://u@127.0.0.1:5432,[::1]:5433/x"
                                          << "prefer" << false;
    QTest::newRow("loopback and a remote server") << "postgresql://u@127.0.0.1:5432,db.example.org:5432/x"
                                                  << "require" << false;
    QTest::newRow("loopback and a remote server, prefer") << "postgresql://u@localhost,10.0.0.5/x?sslmode=prefer"
                                                          << "prefer" << true;
}

void TestDatabaseUrl::defaultsToTlsOverTheNetwork()
{
    QFETCH(QString, text);
    QFETCH(QString, mode);
    QFETCH(bool, warns);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.error()));
    QCOMPARE(url->effectiveSslMode(), mode);
    QVERIFY2(url->qtConnectOptions().split(QLatin1Char(';')).contains(QStringLiteral("sslmode=") + mode),
             qPrintable(url->qtConnectOptions()));
    QCOMPARE(!url->tlsWarning().isEmpty(), warns);
    QCOMPARE(url->tlsSummary().isEmpty(), url->isLocalHost());
}

void TestDatabaseUrl::refusesMissingWorkspace()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nonexistent/dir/ws.db"));
    const Status refused = requireExistingWorkspace(DatabaseUrl::sqliteFile(missing));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(missing), qPrintable(refused.error()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nonexistent"))));
    QVERIFY(!requireExistingWorkspace(DatabaseUrl::sqliteFile(dir.path())).ok()); // a folder
    QFile file(dir.filePath(QStringLiteral("ws.db")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(requireExistingWorkspace(DatabaseUrl::sqliteFile(file.fileName())).ok());
    QVERIFY(requireExistingWorkspace(DatabaseUrl::parse(QStringLiteral("postgresql://u@h/d")).value()).ok());
}

void TestDatabaseUrl::parsesMultiHostUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hostList");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("attrs");

    QTest::newRow("issue example") << "postgresql://db1:5432,db2:5432/insighta?target_session_attrs=read-write"
                                   << "db1:5432,db2:5432"
                                   << ""
                                   << "insighta"
                                   << "read-write";
    QTest::newRow("user, mixed ports") << "postgresql://analyst@db1:6432,db2,db3:7000/insighta"
                                       << "db1:6432,db2:5432,db3:7000"
                                       << "analyst"
                                       << "insighta"
                                       << "";
    QTest::newRow("IPv6 and IPv4") << "postgresql://u@[::1]:5433,127.0.0.1:5434/d?target_session_attrs=prefer-standby"
                                   << "[::1]:5433,127.0.0.1:5434"
                                   << "u"
                                   << "d"
                                   << "prefer-standby";
    QTest::newRow("no path") << "postgres://u@a,b"
                             << "a:5432,b:5432"
                             << "u"
                             << "u"
                             << "";
    QTest::newRow("no path, options") << "postgresql://a:1,b:2?target_session_attrs=standby"
                                      << "a:1,b:2"
                                      << ""
                                      << "postgres"
                                      << "standby";
}

void TestDatabaseUrl::parsesMultiHostUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, hostList);
    QFETCH(QString, user);
    QFETCH(QString, database);
    QFETCH(QString, attrs);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.error()));
    QCOMPARE(url->kind, DatabaseKind::Postgres);
    QVERIFY(url->isMultiHost());
    QCOMPARE(url->hostList(), hostList);
    QCOMPARE(url->user, user);
    QCOMPARE(url->database, database);
    QCOMPARE(url->options.value(QStringLiteral("target_session_attrs")), attrs);
    QVERIFY2(url->displayName().contains(hostList), qPrintable(url->displayName()));

    const auto again = DatabaseUrl::parse(url->toString());
    QVERIFY2(again.ok(), qPrintable(url->toString() + QStringLiteral(": ") + again.error()));
    QCOMPARE(again.value(), url.value());

    // libpq takes one port per host; the connect options carry them all, in order.
    QStringList ports;
    for (const DatabaseHost &server : url->hosts())
        ports << QString::number(server.port);
    QVERIFY2(url->qtConnectOptions().split(QLatin1Char(';')).contains(QStringLiteral("port=") + ports.join(u',')),
             qPrintable(url->qtConnectOptions()));
}

namespace {
QString hostNames(int count)
{
    QStringList names;
    for (int i = 0; i < count; ++i)
        names << QStringLiteral("h%1").arg(i);
    return names.join(u',');
}
} // namespace

void TestDatabaseUrl::rejectsBadMultiHostUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("empty entry") << "postgresql://db1,,db2/d"
                                 << "empty entry";
    QTest::newRow("trailing comma") << "postgresql://db1,/d"
                                    << "empty entry";
    QTest::newRow("leading comma") << "postgresql://u@,db2/d"
                                   << "empty entry";
    QTest::newRow("bad second port") << "postgresql://db1:5432,db2:x/d"
                                     << "'db2:x'";
    QTest::newRow("second port zero") << "postgresql://db1,db2:0/d"
                                      << "Port 0";
    QTest::newRow("bad first port") << "postgresql://db1:x,db2/d"
                                    << "not a valid PostgreSQL URL";
    QTest::newRow("space in a host") << "postgresql://db1,db%202/d"
                                     << "server list";
    QTest::newRow("listed twice") << "postgresql://db1:5432,db1/d"
                                  << "listed twice";
    QTest::newRow("bad target_session_attrs") << "postgresql://db1,db2/d?target_session_attrs=writable"
                                              << "target_session_attrs must be one of";
    QTest::newRow("too many servers") << QStringLiteral("postgresql://%1/d").arg(hostNames(17)) << "at most 16";
}

void TestDatabaseUrl::rejectsBadMultiHostUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, messageContains);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(!url.ok(), qPrintable(url.ok() ? url->toString() : QString()));
    QVERIFY2(url.error().contains(messageContains), qPrintable(url.error()));
}

void TestDatabaseUrl::routesReadsAndWritesByTargetSessionAttrs()
{
    const auto attrs = [](const DatabaseUrl &url) { return url.options.value(QStringLiteral("target_session_attrs")); };
    const auto several = DatabaseUrl::parse(QStringLiteral("postgresql://u@db1,db2/d?target_session_attrs=any"));
    QVERIFY(several.ok());
    QCOMPARE(attrs(several->forWrites()), QStringLiteral("read-write"));
    QCOMPARE(attrs(several->forReads()), QStringLiteral("prefer-standby"));
    QCOMPARE(several->forReads().hosts(), several->hosts());
    const auto primary = DatabaseUrl::parse(QStringLiteral("postgresql://u@db1,db2/d?target_session_attrs=primary"));
    QCOMPARE(attrs(primary->forWrites()), QStringLiteral("primary"));
    // One server: nothing to choose between, the URL stays as it was given.
    const auto one = DatabaseUrl::parse(QStringLiteral("postgresql://u@db1/d"));
    QCOMPARE(one->forWrites(), one.value());
    QCOMPARE(one->forReads(), one.value());
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_database_url.moc"
