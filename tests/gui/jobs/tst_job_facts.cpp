// The Jobs page's readable facts, as a table of cases: what an import's report says in words,
// when the rejects folder is offered (only this machine's, only the one folder), and that text
// from the database is shown escaped and never as raw JSON.
#include "core/jobs/JobTrust.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "ui/jobs/JobFacts.h"

#include <QJsonDocument>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;

namespace {

const QString kHost = QStringLiteral("desk-7");
const QString kRejects = QStringLiteral("/home/ana/.local/share/insighta-desk/import-rejects");

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

JobRecord importJob(const QJsonObject &result, const QJsonObject &checkpoint = {})
{
    JobRecord job;
    job.id = 12;
    job.kind = QStringLiteral("import");
    job.host = kHost;
    job.state = result.isEmpty() ? JobState::Running : JobState::Completed;
    job.payload = json(R"({"file": "/data/people.csv", "batch_size": 5000, "signature": "abc"})");
    job.result = result;
    job.checkpoint = checkpoint;
    return job;
}

// "Label: text", one per fact; a fact with a folder ends in " -> folder".
QStringList lines(const QList<JobFact> &facts)
{
    QStringList out;
    for (const JobFact &fact : facts)
        out << fact.label + QStringLiteral(": ") + fact.text
                + (fact.folder.isEmpty() ? QString() : QStringLiteral(" -> ") + fact.folder);
    return out;
}

} // namespace

class TestJobFacts : public QObject
{
    Q_OBJECT
private slots:
    void describesJobs_data();
    void describesJobs();
    void durationIsTheLastAttempt();
    void detailsKeepTheRawJson();
    void importResultNamesItsRejectsFile();
};

void TestJobFacts::describesJobs_data()
{
    QTest::addColumn<JobRecord>("job");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absentLabels");

    const QJsonObject finished = json(R"({"status": "completed", "rows_read": 300000, "rows_loaded": 294715,
        "rows_skipped": 5285, "skipped_by_reason": {"invalid_age": 285, "duplicate_in_file": 5000, "unknown_country": 0},
        "resumed_from_line": 110001,
        "rejects_file": "/home/ana/.local/share/insighta-desk/import-rejects/job-12.csv"})");
    QTest::newRow("finished import")
        << importJob(finished)
        << QStringList{QStringLiteral("File: /data/people.csv"),
                       QStringLiteral("Rows: 300,000 read · 294,715 loaded · 5,285 skipped"),
                       QStringLiteral("Skipped: duplicate_in_file 5,000 · invalid_age 285"),
                       QStringLiteral("Resumed: from line 110,001"),
                       QStringLiteral("Rejected rows: saved in %1 -> %1").arg(kRejects),
                       QStringLiteral("State: completed")}
        << QStringList{QStringLiteral("Rows so far"), QStringLiteral("Batch size"), QStringLiteral("Signature")};

    JobRecord elsewhere = importJob(finished);
    elsewhere.host = QStringLiteral("someone-elses-laptop");
    QTest::newRow("rejects written on another machine")
        << elsewhere << QStringList{} << QStringList{QStringLiteral("Rejected rows")};

    QJsonObject escaping = finished;
    escaping.insert(QStringLiteral("rejects_file"), QString(kRejects + QStringLiteral("/../../.ssh/id_ed25519")));
    QTest::newRow("rejects path leading out")
        << importJob(escaping) << QStringList{} << QStringList{QStringLiteral("Rejected rows")};
    escaping.insert(QStringLiteral("rejects_file"), QString(kRejects + QStringLiteral("/nested/job-12.csv")));
    QTest::newRow("rejects path in a sub-folder")
        << importJob(escaping) << QStringList{} << QStringList{QStringLiteral("Rejected rows")};
    escaping.insert(QStringLiteral("rejects_file"), QStringLiteral("job-12.csv"));
    QTest::newRow("relative rejects path")
        << importJob(escaping) << QStringList{} << QStringList{QStringLiteral("Rejected rows")};

    QTest::newRow("running import")
        << importJob({}, json(R"({"byte_offset": 4096, "line": 51, "rows_read": 50, "rows_loaded": 48,
                                  "rows_skipped": 2, "skipped_by_reason": {"invalid_gender": 2}})"))
        << QStringList{QStringLiteral("Rows so far: 50 read · 48 loaded · 2 skipped"),
                       QStringLiteral("Skipped: invalid_gender 2"), QStringLiteral("State: running")}
        << QStringList{QStringLiteral("Rows"), QStringLiteral("Rejected rows"), QStringLiteral("Resumed")};

    JobRecord hostile = importJob({});
    hostile.payload = json(R"({"file": "/data/\u001b]0;pwned\u0007.csv"})");
    QTest::newRow("control characters in a file name")
        << hostile << QStringList{QStringLiteral("File: /data/\\x1B]0;pwned\\x07.csv")} << QStringList{};

    JobRecord email;
    email.kind = QStringLiteral("send-email");
    email.state = JobState::Available;
    email.payload = json(R"({"to": "ada@example.com", "interview_id": 42, "signature": "abc",
                             "body": {"html": "<p>Hi</p>"}})");
    QTest::newRow("other kinds show their plain payload values")
        << email
        << QStringList{QStringLiteral("To: ada@example.com"), QStringLiteral("Interview id: 42"),
                       QStringLiteral("State: available")}
        << QStringList{QStringLiteral("Body"), QStringLiteral("Signature"), QStringLiteral("File")};
}

void TestJobFacts::describesJobs()
{
    QFETCH(JobRecord, job);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absentLabels);
    const QStringList shown = lines(jobFacts(job, {kHost, kRejects, QLocale(QLocale::English)}));
    for (const QString &line : present)
        QVERIFY2(shown.contains(line),
                 qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(line, shown.join(QLatin1Char('\n')))));
    for (const QString &label : absentLabels) {
        for (const QString &line : shown)
            QVERIFY2(!line.startsWith(label + QStringLiteral(": ")), qPrintable(line));
    }
    for (const QString &line : shown)
        QVERIFY2(!line.contains(QLatin1Char('{')), qPrintable(line)); // no raw JSON in the facts
}

void TestJobFacts::durationIsTheLastAttempt()
{
    JobRecord job = importJob(json(R"({"rows_read": 1})"));
    job.createdAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    job.attemptedAt = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    job.finishedAt = job.attemptedAt.addMSecs(8500);
    const QStringList shown = lines(jobFacts(job, {kHost, kRejects, QLocale(QLocale::English)}));
    QVERIFY2(shown.contains(QStringLiteral("Duration: 8.5 s")), qPrintable(shown.join(QLatin1Char('\n'))));
    // A clock that went backwards gives no duration rather than a negative one.
    job.finishedAt = job.attemptedAt.addSecs(-5);
    for (const QString &line : lines(jobFacts(job, {kHost, kRejects, QLocale(QLocale::English)})))
        QVERIFY2(!line.startsWith(QStringLiteral("Duration")), qPrintable(line));
}

void TestJobFacts::detailsKeepTheRawJson()
{
    const JobRecord job = importJob(json(R"({"rows_read": 7})"), json(R"({"byte_offset": 10, "line": 2})"));
    const QJsonObject details = QJsonDocument::fromJson(jobDetailsJson(job).toUtf8()).object();
    QCOMPARE(details.value(QStringLiteral("payload")).toObject(), job.payload);
    QCOMPARE(details.value(QStringLiteral("result")).toObject(), job.result);
    QCOMPARE(details.value(QStringLiteral("checkpoint")).toObject(), job.checkpoint);
}

// The producer of the "Rejected rows" fact: a finished import job names its rejects file when
// rows were skipped, and never carries the rejected rows themselves.
void TestJobFacts::importResultNamesItsRejectsFile()
{
    ImportReport report;
    report.status = ImportStatus::Completed;
    report.counts.rowsRead = 10;
    report.counts.rowsSkipped = 3;
    report.rejects.append(RejectedRecord{});
    const QString path = kRejects + QStringLiteral("/job-12.csv");
    QJsonObject result = ImportJobHandler::resultFor(report, path);
    QCOMPARE(result.value(QStringLiteral("rejects_file")).toString(), path);
    QVERIFY(!result.contains(QStringLiteral("rejects")));
    report.counts.rowsSkipped = 0;
    report.rejects.clear();
    result = ImportJobHandler::resultFor(report, path);
    QVERIFY(!result.contains(QStringLiteral("rejects_file")));
}

QTEST_GUILESS_MAIN(TestJobFacts)
#include "tst_job_facts.moc"
