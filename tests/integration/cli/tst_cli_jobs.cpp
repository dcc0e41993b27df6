// `insighta jobs list` paging and `--json`, and `jobs show --json`, run through the real binary
// on SQLite and PostgreSQL: following the printed next-page command (or --before-id with the
// last JSON id) visits every job exactly once; the JSON has its documented keys; bad paging
// arguments are usage errors.

#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "tests/testkit/CliProcess.h"
#include "tests/testkit/TestDatabases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <chrono>

using namespace insighta;
using namespace std::chrono_literals;

class TestCliJobs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void textPagesVisitEveryJobOnce_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void textPagesVisitEveryJobOnce();
    void jsonPagesAndKeys_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void jsonPagesAndKeys();
    void badPagingArgumentsAreUsageErrors_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void badPagingArgumentsAreUsageErrors();

private:
    using Run = testkit::CliProcess::Run;
    Run run(QStringList arguments, const DatabaseUrl &url);
    // Enqueues `count` jobs (kinds alternate between "noop" and "sleep"); the first one is made
    // dead with an error so the JSON has a last_error. Returns the ids, newest first.
    QList<qint64> seed(const DatabaseUrl &url, int count);

    testkit::CliProcess m_cli;
};

void TestCliJobs::initTestCase()
{
    QVERIFY2(QFile::exists(testkit::CliProcess::binaryPath()), qPrintable(testkit::CliProcess::binaryPath()));
}

TestCliJobs::Run TestCliJobs::run(QStringList arguments, const DatabaseUrl &url)
{
    if (!arguments.contains(QStringLiteral("--database")))
        arguments << QStringLiteral("--database") << url.toString();
    return m_cli.run(arguments, {}, 60000);
}

QList<qint64> TestCliJobs::seed(const DatabaseUrl &url, int count)
{
    Connection connection(url, QStringLiteral("cli-jobs-seed"));
    if (!connection.ok())
        qFatal("cannot connect: %s", qPrintable(connection.error()));
    jobs::JobQueue queue(connection.database(), connection.kind());
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        jobs::JobSpec spec;
        spec.kind = i % 2 ? QStringLiteral("sleep") : QStringLiteral("noop");
        spec.priority = i % 10;
        spec.uniqueKey = i == 1 ? QStringLiteral("only-one") : QString();
        const auto enqueued = queue.enqueue(spec);
        if (!enqueued.ok())
            qFatal("enqueue: %s", qPrintable(enqueued.error()));
        ids.prepend(enqueued->id);
    }
    const auto claimed = queue.claim(QStringLiteral("tester"), {QStringLiteral("noop")}, 30s);
    if (!claimed.ok() || !claimed.value())
        qFatal("claim failed");
    if (!queue.fail(*claimed.value(), QStringLiteral("boom: \"quoted\""), true, 0ms).ok())
        qFatal("fail failed");
    return ids;
}

// Splits the printed next-page command the way a POSIX shell would (plain words and
// '...' quoting, which is all the command prints).
static QStringList shellSplit(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = line.indexOf(QLatin1Char('\''), i + 1);
            word += line.mid(i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            word += line.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

void TestCliJobs::textPagesVisitEveryJobOnce()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    const QList<qint64> all = seed(db.url(), 23);

    // Follow the printed command from page to page, exactly as a person would paste it.
    QList<qint64> seen;
    QStringList arguments{QStringLiteral("jobs"), QStringLiteral("list"),       QStringLiteral("--limit"),
                          QStringLiteral("5"),    QStringLiteral("--database"), db.url().toString()};
    int pages = 0;
    static const QRegularExpression row(QStringLiteral("^\\s*(\\d+)\\s+(\\w+)\\s"));
    while (!arguments.isEmpty()) {
        QVERIFY2(++pages <= 10, "paging does not end");
        const Run result = run(arguments, db.url());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        arguments.clear();
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.front().trimmed().startsWith(QLatin1String("ID")));
        for (const QString &line : lines.mid(1)) {
            if (line.startsWith(QLatin1String("More jobs: "))) {
                QVERIFY2(line == lines.back(), "the next-page command ends the output");
                const QStringList next = shellSplit(line.mid(11));
                QCOMPARE(next.mid(0, 3),
                         QStringList({QStringLiteral("insighta"), QStringLiteral("jobs"), QStringLiteral("list")}));
                arguments = next.mid(1);
                QVERIFY(arguments.contains(QStringLiteral("--limit")));
                QCOMPARE(arguments.value(arguments.indexOf(QStringLiteral("--database")) + 1), db.url().toString());
                QCOMPARE(arguments.value(arguments.indexOf(QStringLiteral("--before-id")) + 1).toLongLong(),
                         seen.constLast());
                continue;
            }
            const auto match = row.match(line);
            QVERIFY2(match.hasMatch(), qPrintable(line));
            seen << match.captured(1).toLongLong();
        }
    }
    QCOMPARE(pages, 5); // 23 jobs, 5 a page
    QCOMPARE(seen, all); // every job once, newest first

    // A filter is kept across pages: only the 11 "sleep" jobs, 4 a page.
    seen.clear();
    arguments = {QStringLiteral("jobs"),  QStringLiteral("list"),    QStringLiteral("--kind"),
                 QStringLiteral("sleep"), QStringLiteral("--limit"), QStringLiteral("4")};
    pages = 0;
    while (!arguments.isEmpty()) {
        QVERIFY2(++pages <= 10, "paging does not end");
        const Run result = run(arguments, db.url());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        arguments.clear();
        for (const QString &line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1)) {
            if (line.startsWith(QLatin1String("More jobs: "))) {
                arguments = shellSplit(line.mid(11)).mid(1);
                continue;
            }
            const auto match = row.match(line);
            QVERIFY2(match.hasMatch(), qPrintable(line));
            seen << match.captured(1).toLongLong();
        }
    }
    QCOMPARE(pages, 3);
    QList<qint64> sleeps;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if ((all.size() - 1 - i) % 2) // seeded odd = sleep; `all` is newest first
            sleeps << all.at(i);
    }
    QCOMPARE(seen, sleeps);
}

void TestCliJobs::jsonPagesAndKeys()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    const QList<qint64> all = seed(db.url(), 12);
    const qint64 dead = all.constLast(); // the first enqueued noop was claimed and failed

    QList<qint64> seen;
    QStringList arguments{QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json"),
                          QStringLiteral("--limit"), QStringLiteral("5")};
    QJsonObject deadJson;
    QJsonObject uniqueJson;
    for (int page = 0;; ++page) {
        QVERIFY2(page < 10, "paging does not end");
        const Run result = run(arguments, db.url());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QVERIFY2(document.isArray(), qPrintable(error.errorString() + QLatin1Char('\n') + result.out));
        const QJsonArray array = document.array();
        QVERIFY(array.size() <= 5);
        if (array.isEmpty())
            break;
        for (const QJsonValue &value : array) {
            const QJsonObject job = value.toObject();
            for (const char *key : {"id", "kind", "state", "priority", "attempt", "max_attempts", "run_at",
                                    "created_at", "finished_at", "last_error", "unique_key", "progress"})
                QVERIFY2(job.contains(QLatin1String(key)), key);
            QVERIFY(job.value(QStringLiteral("id")).isDouble());
            QVERIFY(
                !QDateTime::fromString(job.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs).isNull());
            QVERIFY2(job.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')),
                     qPrintable(job.value(QStringLiteral("created_at")).toString()));
            const qint64 id = job.value(QStringLiteral("id")).toInteger();
            seen << id;
            if (id == dead)
                deadJson = job;
            if (!job.value(QStringLiteral("unique_key")).isNull())
                uniqueJson = job;
        }
        arguments = {QStringLiteral("jobs"),           QStringLiteral("list"), QStringLiteral("--json"),
                     QStringLiteral("--limit"),        QStringLiteral("5"),    QStringLiteral("--before-id"),
                     QString::number(seen.constLast())};
    }
    QCOMPARE(seen, all);

    QCOMPARE(deadJson.value(QStringLiteral("state")).toString(), QStringLiteral("dead"));
    QCOMPARE(deadJson.value(QStringLiteral("kind")).toString(), QStringLiteral("noop"));
    QCOMPARE(deadJson.value(QStringLiteral("attempt")).toInt(), 1);
    QCOMPARE(deadJson.value(QStringLiteral("max_attempts")).toInt(), 4);
    QCOMPARE(deadJson.value(QStringLiteral("last_error")).toString(), QStringLiteral("boom: \"quoted\""));
    QVERIFY(deadJson.value(QStringLiteral("finished_at")).isString());
    QVERIFY(deadJson.value(QStringLiteral("unique_key")).isNull());
    QVERIFY(deadJson.value(QStringLiteral("progress")).isNull());
    QCOMPARE(uniqueJson.value(QStringLiteral("unique_key")).toString(), QStringLiteral("only-one"));
    QCOMPARE(uniqueJson.value(QStringLiteral("state")).toString(), QStringLiteral("available"));
    QVERIFY(uniqueJson.value(QStringLiteral("finished_at")).isNull());
    QVERIFY(uniqueJson.value(QStringLiteral("last_error")).isNull());

    // show --json: the same keys plus the attempt history.
    const Run shown = run(
        {QStringLiteral("jobs"), QStringLiteral("show"), QString::number(dead), QStringLiteral("--json")}, db.url());
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
    const QJsonObject job = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    QCOMPARE(job.value(QStringLiteral("id")).toInteger(), dead);
    QCOMPARE(job.value(QStringLiteral("last_error")), deadJson.value(QStringLiteral("last_error")));
    const QJsonArray errors = job.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(QStringLiteral("attempt")).toInt(), 1);
    QCOMPARE(errors.at(0).toObject().value(QStringLiteral("worker")).toString(), QStringLiteral("tester"));
    QVERIFY(errors.at(0).toObject().value(QStringLiteral("final")).toBool());
    QVERIFY(job.value(QStringLiteral("payload")).isObject());

    // An unknown job: exit 2, nothing on stdout.
    const Run missing = run(
        {QStringLiteral("jobs"), QStringLiteral("show"), QStringLiteral("999999"), QStringLiteral("--json")}, db.url());
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.out.isEmpty());
}

void TestCliJobs::badPagingArgumentsAreUsageErrors()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    {
        Connection created(db.url()); // `jobs` refuses a workspace that does not exist yet
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }
    for (const QStringList &bad : QList<QStringList>{
             {QStringLiteral("--before-id"), QStringLiteral("abc")},
             {QStringLiteral("--before-id"), QStringLiteral("0")},
             {QStringLiteral("--before-id"), QStringLiteral("-4")},
             {QStringLiteral("--before-id"), QStringLiteral("12; DROP TABLE jobs")},
             {QStringLiteral("--limit"), QStringLiteral("0")},
             {QStringLiteral("--limit"), QStringLiteral("many")},
         }) {
        const Run result = run(QStringList{QStringLiteral("jobs"), QStringLiteral("list")} + bad, db.url());
        QVERIFY2(result.exitCode == 2, qPrintable(bad.join(QLatin1Char(' ')) + QLatin1Char(' ') + result.err));
        QVERIFY2(result.err.contains(bad.front()), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }
    // The table is still there and empty: listing works.
    const Run result = run({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json")}, db.url());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).array().size(), 0);
}

QTEST_GUILESS_MAIN(TestCliJobs)
#include "tst_cli_jobs.moc"
