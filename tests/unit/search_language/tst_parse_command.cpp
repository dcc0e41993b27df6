#include "app/cli/Cli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace insighta;

// `insighta parse` as docs/cli.md promises: run in-process through runCli with string streams,
// and once through the built binary.
class TestParseCommand : public QObject
{
    Q_OBJECT
private slots:
    void jsonOutput_data();
    void jsonOutput();
    void unableToInterpretExitsTwo();
    void contradictionExitsTwoWithItsReason();
    void humanOutputShowsTermsAndUnknownWords();
    void jsonReportsEveryWord_data();
    void jsonReportsEveryWord();
    void badArguments();
    void theBinaryBehavesTheSame();
};

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList &arguments)
{
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    cli::Io io{out, err};
    result.code = cli::runCli(QStringList{QStringLiteral("insighta")} + arguments, io);
    out.flush();
    err.flush();
    return result;
}

QJsonObject json(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << text;
    return document.object();
}

} // namespace

void TestParseCommand::jsonOutput_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("filter"); // compact JSON
    QTest::addColumn<QString>("canonical");
    QTest::newRow("cli.md example")
        << QStringLiteral("nigerian women between 20 and 45")
        << QStringLiteral(R"({"country_id":"NG","gender":"female","max_age":45,"min_age":20})")
        << QStringLiteral("country_id=NG&gender=female&max_age=45&min_age=20&order=desc&sort_by=created_at");
    QTest::newRow("age group kept in the filter, folded in the key")
        << QStringLiteral("adult males from kenya")
        << QStringLiteral(R"({"age_group":"adult","country_id":"KE","gender":"male"})")
        << QStringLiteral("country_id=KE&gender=male&max_age=59&min_age=20&order=desc&sort_by=created_at");
    QTest::newRow("sort shown when asked for")
        << QStringLiteral("women oldest first")
        << QStringLiteral(R"({"gender":"female","order":"desc","sort_by":"age"})")
        << QStringLiteral("gender=female&order=desc&sort_by=age");
    QTest::newRow("both genders: empty filter")
        << QStringLiteral("men and women") << QStringLiteral("{}") << QStringLiteral("order=desc&sort_by=created_at");
}

void TestParseCommand::jsonOutput()
{
    QFETCH(QString, query);
    QFETCH(QString, filter);
    QFETCH(QString, canonical);
    const Run result = run({QStringLiteral("parse"), query, QStringLiteral("--json")});
    QCOMPARE(result.code, int(cli::Success));
    QVERIFY(result.out.endsWith(QLatin1Char('\n')));
    const QJsonObject object = json(result.out);
    QCOMPARE(object.keys(),
             (QStringList{QStringLiteral("canonical"), QStringLiteral("corrections"), QStringLiteral("filter"),
                          QStringLiteral("ignored"), QStringLiteral("spans")}));
    QCOMPARE(QString::fromUtf8(
                 QJsonDocument(object.value(QStringLiteral("filter")).toObject()).toJson(QJsonDocument::Compact)),
             filter);
    QCOMPARE(object.value(QStringLiteral("canonical")).toString(), canonical);
    QVERIFY(result.err.isEmpty());
}

void TestParseCommand::unableToInterpretExitsTwo()
{
    const Run jsonRun = run({QStringLiteral("parse"), QStringLiteral("--json"), QStringLiteral("purple monkey")});
    QCOMPARE(jsonRun.code, int(cli::UnusableInput));
    QCOMPARE(jsonRun.out, QStringLiteral("{\"error\":\"Unable to interpret query\"}\n"));

    const Run plain = run({QStringLiteral("parse"), QStringLiteral("purple monkey")});
    QCOMPARE(plain.code, int(cli::UnusableInput));
    QVERIFY(plain.out.isEmpty());
    QVERIFY(plain.err.contains(QStringLiteral("Unable to interpret query")));
    QVERIFY(plain.err.contains(QStringLiteral("young males from nigeria"))); // an example
}

void TestParseCommand::contradictionExitsTwoWithItsReason()
{
    const Run result
        = run({QStringLiteral("parse"), QStringLiteral("young females above 30"), QStringLiteral("--json")});
    QCOMPARE(result.code, int(cli::UnusableInput));
    QVERIFY2(
        json(result.out).value(QStringLiteral("error")).toString().startsWith(QStringLiteral("Contradictory query")),
        qPrintable(result.out));
}

void TestParseCommand::humanOutputShowsTermsAndUnknownWords()
{
    // Several words without quotes are one query.
    const Run result
        = run({QStringLiteral("parse"), QStringLiteral("tall"), QStringLiteral("Kenyan"), QStringLiteral("women")});
    QCOMPARE(result.code, int(cli::Success));
    QVERIFY2(result.out.contains(QStringLiteral("gender=female country_id=KE")), qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral("country_id=KE&gender=female&order=desc&sort_by=created_at")));
    QVERIFY(result.out.contains(QStringLiteral("\"Kenyan\" -> country KE")));
    QVERIFY2(result.out.contains(QStringLiteral("Ignored:        \"tall\"")), qPrintable(result.out));
}

void TestParseCommand::jsonReportsEveryWord_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("roles"); // each span's role, in query order
    QTest::addColumn<QString>("ignored"); // "text:suggestion|suggestion,..." ("" = none)
    QTest::addColumn<QString>("corrections"); // "written>corrected,..."

    QTest::newRow("ignored and corrected") << QStringLiteral("purple femles from nigeria")
                                           << QStringList{QStringLiteral("ignored"), QStringLiteral("filter"),
                                                          QStringLiteral("stop_word"), QStringLiteral("filter")}
                                           << QStringLiteral("purple:") << QStringLiteral("femles>females");
    QTest::newRow("did you mean") << QStringLiteral("women from nigeri")
                                  << QStringList{QStringLiteral("filter"), QStringLiteral("stop_word"),
                                                 QStringLiteral("ignored")}
                                  << QStringLiteral("nigeri:Niger|Nigeria") << QString();
    QTest::newRow("negation and sort") << QStringLiteral("oldest men not from kenya")
                                       << QStringList{QStringLiteral("sort"), QStringLiteral("filter"),
                                                      QStringLiteral("filter")}
                                       << QString() << QString();
}

// What a script reads from `parse --json`: every span with its role, the ignored words with
// their suggestions, and the corrections.
void TestParseCommand::jsonReportsEveryWord()
{
    QFETCH(QString, query);
    QFETCH(QStringList, roles);
    QFETCH(QString, ignored);
    QFETCH(QString, corrections);

    const Run result = run({QStringLiteral("parse"), query, QStringLiteral("--json")});
    QCOMPARE(result.code, int(cli::Success));
    const QJsonObject object = json(result.out);
    QStringList seenRoles;
    for (const QJsonValue &value : object.value(QStringLiteral("spans")).toArray()) {
        const QJsonObject span = value.toObject();
        seenRoles << span.value(QStringLiteral("role")).toString();
        QCOMPARE(
            query.mid(span.value(QStringLiteral("position")).toInt(), span.value(QStringLiteral("length")).toInt()),
            span.value(QStringLiteral("text")).toString());
        if (seenRoles.back() == QLatin1String("filter") || seenRoles.back() == QLatin1String("sort"))
            QVERIFY2(span.contains(QStringLiteral("kind")) && span.contains(QStringLiteral("value")),
                     qPrintable(result.out));
    }
    QCOMPARE(seenRoles, roles);
    QStringList seenIgnored;
    for (const QJsonValue &value : object.value(QStringLiteral("ignored")).toArray()) {
        QStringList suggestions;
        for (const QJsonValue &s : value.toObject().value(QStringLiteral("suggestions")).toArray())
            suggestions << s.toString();
        seenIgnored << value.toObject().value(QStringLiteral("text")).toString() + QLatin1Char(':')
                + suggestions.join(QLatin1Char('|'));
    }
    QCOMPARE(seenIgnored.join(QLatin1Char(',')), ignored);
    QStringList seenCorrections;
    for (const QJsonValue &value : object.value(QStringLiteral("corrections")).toArray())
        seenCorrections << value.toObject().value(QStringLiteral("written")).toString() + QLatin1Char('>')
                + value.toObject().value(QStringLiteral("corrected")).toString();
    QCOMPARE(seenCorrections.join(QLatin1Char(',')), corrections);

    // And for people: one line each.
    const Run plain = run({QStringLiteral("parse"), query});
    QCOMPARE(plain.out.contains(QStringLiteral("Ignored:")), !ignored.isEmpty());
    QCOMPARE(plain.out.contains(QStringLiteral("Corrected:")), !corrections.isEmpty());
}

void TestParseCommand::badArguments()
{
    QCOMPARE(run({QStringLiteral("parse")}).code, int(cli::UnusableInput));
    QCOMPARE(run({QStringLiteral("parse"), QStringLiteral("--bogus"), QStringLiteral("men")}).code,
             int(cli::UnusableInput));
    const Run help = run({QStringLiteral("parse"), QStringLiteral("--help")});
    QCOMPARE(help.code, int(cli::Success));
    QVERIFY(help.out.contains(QStringLiteral("--json")));
}

void TestParseCommand::theBinaryBehavesTheSame()
{
    const QString binary = qEnvironmentVariable("INSIGHTA_BINARY_DIR") + QStringLiteral("/app/cli/insighta");
    if (!QFile::exists(binary))
        QSKIP("the insighta binary is not built");
    QProcess process;
    process.start(
        binary,
        {QStringLiteral("parse"), QStringLiteral("Women aged 20–45 living in Nigeria"), QStringLiteral("--json")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QJsonObject parsed = json(QString::fromUtf8(process.readAllStandardOutput()));
    QCOMPARE(parsed.value(QStringLiteral("canonical")).toString(),
             QStringLiteral("country_id=NG&gender=female&max_age=45&min_age=20&order=desc&sort_by=created_at"));
    QVERIFY(parsed.value(QStringLiteral("spans")).isArray());
    QVERIFY(parsed.value(QStringLiteral("ignored")).toArray().isEmpty());
    QVERIFY(parsed.value(QStringLiteral("corrections")).toArray().isEmpty());

    process.start(binary, {QStringLiteral("parse"), QStringLiteral("in"), QStringLiteral("--json")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()),
             QStringLiteral("{\"error\":\"Unable to interpret query\"}\n"));
}

QTEST_GUILESS_MAIN(TestParseCommand)
#include "tst_parse_command.moc"
