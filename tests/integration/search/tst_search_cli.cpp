// `insighta search` and `insighta export` in-process on both backends: JSON shape, exact total,
// exit codes for bad input, injection through every option, and the exported file.

#include "SearchFixtures.h"

#include "app/cli/commands/Commands.h"
#include "core/db/Connection.h"
#include "core/db/ProfileWriter.h"
#include "tests/testkit/TestDatabases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::searchtest;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(int (*command)(const QStringList &, cli::Io &), const QStringList &arguments)
{
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    cli::Io io{out, err};
    result.code = command(arguments, io);
    out.flush();
    err.flush();
    return result;
}

} // namespace

class TestSearchCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("INSIGHTA_NO_KEYCHAIN", "1"); }
    void searchAndExport_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void searchAndExport();
    void excludeCountryAndQueryReport_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void excludeCountryAndQueryReport();
};

void TestSearchCli::searchAndExport()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    const QList<Profile> rows = tiedProfiles(300, 9);
    {
        Connection connection(database.url());
        QVERIFY2(connection.ok(), qPrintable(connection.error()));
        QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    }
    const QString db = database.url().toString();
    ProfileFilter women;
    women.gender = Gender::Female;
    women.minAge = 30;
    women.sortBy = SortKey::Age;
    women.order = SortOrder::Asc;
    const QStringList expected = expectedIds(women, rows);

    Run r = run(&cli::runSearch,
                {QStringLiteral("search"), QStringLiteral("women"), QStringLiteral("--min-age"), QStringLiteral("30"),
                 QStringLiteral("--sort-by"), QStringLiteral("age"), QStringLiteral("--order"), QStringLiteral("asc"),
                 QStringLiteral("--limit"), QStringLiteral("5"), QStringLiteral("--json"), QStringLiteral("--database"),
                 db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("total")).toInteger(), qint64(expected.size()));
    QCOMPARE(json.value(QStringLiteral("count")).toInt(), 5);
    QCOMPARE(json.value(QStringLiteral("filter")).toObject().value(QStringLiteral("gender")).toString(),
             QStringLiteral("female"));
    const QJsonArray data = json.value(QStringLiteral("data")).toArray();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(data.at(i).toObject().value(QStringLiteral("id")).toString(), expected.at(i));

    // Text output carries the exact count.
    r = run(&cli::runSearch,
            {QStringLiteral("search"), QStringLiteral("--gender"), QStringLiteral("female"),
             QStringLiteral("--min-age"), QStringLiteral("30"), QStringLiteral("--database"), db});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("%1 profiles match").arg(expected.size())), qPrintable(r.out));

    // Bad input: exit 2, never a query.
    const QList<QStringList> bad{
        {QStringLiteral("purple elephants")},
        {QStringLiteral("--sort-by"), QStringLiteral("age; DROP TABLE profiles")},
        {QStringLiteral("--order"), QStringLiteral("desc; DELETE FROM profiles")},
        {QStringLiteral("--country"), QStringLiteral("NG'); DROP TABLE profiles; --")},
        {QStringLiteral("--gender"), QStringLiteral("female' OR '1'='1")},
        {QStringLiteral("--min-age"), QStringLiteral("1 OR 1=1")},
        {QStringLiteral("--min-gender-probability"), QStringLiteral("0.5; DROP TABLE profiles")},
        {QStringLiteral("--min-age"), QStringLiteral("50"), QStringLiteral("--max-age"), QStringLiteral("20")},
        {QStringLiteral("'; DROP TABLE profiles; --")},
    };
    for (const QStringList &arguments : bad) {
        r = run(&cli::runSearch,
                QStringList{QStringLiteral("search")} + arguments
                    + QStringList{QStringLiteral("--json"), QStringLiteral("--database"), db});
        QVERIFY2(r.code == cli::UnusableInput, qPrintable(arguments.join(QLatin1Char(' ')) + r.out + r.err));
        QVERIFY2(QJsonDocument::fromJson(r.out.toUtf8()).object().contains(QStringLiteral("error")), qPrintable(r.out));
    }

    // Export: every matching row in order, then the table is intact.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    r = run(&cli::runExport,
            {QStringLiteral("export"), QStringLiteral("women"), QStringLiteral("--min-age"), QStringLiteral("30"),
             QStringLiteral("--sort-by"), QStringLiteral("age"), QStringLiteral("--order"), QStringLiteral("asc"),
             QStringLiteral("--output"), path, QStringLiteral("--quiet"), QStringLiteral("--database"), db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), expected.size() + 1);
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY(lines.at(i + 1).startsWith(expected.at(i) + QLatin1Char(',')));
    r = run(&cli::runExport, {QStringLiteral("export"), QStringLiteral("--database"), db});
    QCOMPARE(r.code, int(cli::UnusableInput)); // --output is required

    Connection connection(database.url());
    QSqlQuery q(connection.database());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && q.next());
    QCOMPARE(q.value(0).toInt(), 300);
}

// --exclude-country narrows like "not from X" does (and adds to it), and --json tells a script
// which words were ignored or corrected, so a result never arrives without them.
void TestSearchCli::excludeCountryAndQueryReport()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase database(backend);
    INSIGHTA_REQUIRE_DB(database);
    const QList<Profile> rows = tiedProfiles(300, 17);
    {
        Connection connection(database.url());
        QVERIFY2(connection.ok(), qPrintable(connection.error()));
        QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(rows).ok());
    }
    const QString db = database.url().toString();
    ProfileFilter men;
    men.gender = Gender::Male;
    ProfileFilter menElsewhere = men;
    menElsewhere.excludeCountryIds = {QStringLiteral("NG"), QStringLiteral("KE")};
    const QStringList expected = expectedIds(menElsewhere, rows);
    QVERIFY(expected.size() < expectedIds(men, rows).size()); // the exclusion removes someone

    // The option alone, by code and by name, and the option added to a negation in the query.
    const QList<QStringList> ways{
        {QStringLiteral("men"), QStringLiteral("--exclude-country"), QStringLiteral("NG,Kenya")},
        {QStringLiteral("--gender"), QStringLiteral("male"), QStringLiteral("--exclude-country"), QStringLiteral("NG"),
         QStringLiteral("--exclude-country"), QStringLiteral("KE")},
        {QStringLiteral("men not from nigeria"), QStringLiteral("--exclude-country"), QStringLiteral("KE")},
    };
    for (const QStringList &way : ways) {
        const Run r = run(&cli::runSearch,
                          QStringList{QStringLiteral("search")} + way
                              + QStringList{QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--json"),
                                            QStringLiteral("--database"), db});
        QVERIFY2(r.code == 0, qPrintable(way.join(QLatin1Char(' ')) + r.err + r.out));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("total")).toInteger(), qint64(expected.size()));
        const QJsonArray data = json.value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 10);
        for (int i = 0; i < data.size(); ++i)
            QCOMPARE(data.at(i).toObject().value(QStringLiteral("id")).toString(), expected.at(i));
        QVERIFY2(
            json.value(QStringLiteral("canonical")).toString().contains(QStringLiteral("exclude_country_id=KE,NG")),
            qPrintable(json.value(QStringLiteral("canonical")).toString()));
        QVERIFY(json.value(QStringLiteral("ignored")).toArray().isEmpty());
    }

    // Export leaves the same countries out.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("elsewhere.csv"));
    Run exported = run(&cli::runExport,
                       {QStringLiteral("export"), QStringLiteral("men not from nigeria"),
                        QStringLiteral("--exclude-country"), QStringLiteral("KE"), QStringLiteral("--output"), path,
                        QStringLiteral("--quiet"), QStringLiteral("--database"), db});
    QVERIFY2(exported.code == 0, qPrintable(exported.err));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), expected.size() + 1);
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY(lines.at(i + 1).startsWith(expected.at(i) + QLatin1Char(',')));

    // An unknown country name is refused, never dropped.
    Run r = run(&cli::runSearch,
                {QStringLiteral("search"), QStringLiteral("--exclude-country"), QStringLiteral("Atlantis"),
                 QStringLiteral("--json"), QStringLiteral("--database"), db});
    QCOMPARE(r.code, int(cli::UnusableInput));
    QVERIFY2(r.out.contains(QStringLiteral("Atlantis")), qPrintable(r.out));

    // Ignored words and corrections travel with the result.
    r = run(&cli::runSearch,
            {QStringLiteral("search"), QStringLiteral("tall mne from nigria"), QStringLiteral("--json"),
             QStringLiteral("--database"), db});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QStringList ignored;
    for (const QJsonValue &value : json.value(QStringLiteral("ignored")).toArray())
        ignored << value.toObject().value(QStringLiteral("text")).toString();
    QCOMPARE(ignored, (QStringList{QStringLiteral("tall"), QStringLiteral("mne")}));
    const QJsonArray corrections = json.value(QStringLiteral("corrections")).toArray();
    QCOMPARE(corrections.size(), 1);
    QCOMPARE(corrections.at(0).toObject().value(QStringLiteral("written")).toString(), QStringLiteral("nigria"));
    QCOMPARE(corrections.at(0).toObject().value(QStringLiteral("corrected")).toString(), QStringLiteral("Nigeria"));
    ProfileFilter nigerians;
    nigerians.countryIds = {QStringLiteral("NG")};
    QCOMPARE(json.value(QStringLiteral("total")).toInteger(), qint64(expectedIds(nigerians, rows).size()));
    QVERIFY(!json.value(QStringLiteral("spans")).toArray().isEmpty());

    // The text output says it too.
    r = run(&cli::runSearch,
            {QStringLiteral("search"), QStringLiteral("tall mne from nigria"), QStringLiteral("--database"), db});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Ignored:")) && r.out.contains(QStringLiteral("\"tall\"")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("nigria \u2192 Nigeria")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestSearchCli)
#include "tst_search_cli.moc"
