#include "core/db/Connection.h"
#include "core/db/Dialect.h"
#include "core/demo/DemoSeeder.h"
#include "core/interviews/AssessmentGeneration.h"
#include "core/interviews/DemoInterviews.h"
#include "core/interviews/InterviewRepository.h"
#include "core/interviews/InterviewWorker.h"
#include "core/interviews/TranscriptAssembly.h"
#include "core/profiles/Uuid.h"
#include "tests/testkit/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace insighta;

namespace {

QString demoId(int n)
{
    return uuidV5(QStringLiteral("demo-interview-%1").arg(n)).toString(QUuid::WithoutBraces);
}

QStringList names(const QList<InterviewSummary> &list)
{
    QStringList out;
    for (const InterviewSummary &s : list)
        out << s.candidateName;
    return out;
}

// A row in the jobs table as the queue would hold it; the state decides whether the job is alive.
qint64 insertJob(const Connection &c, const QString &state)
{
    QSqlQuery q(c.database());
    const QVariant now = dialect::bindTimestamp(c.kind(), QDateTime::currentDateTimeUtc());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, state, run_at, created_at, updated_at) "
                             "VALUES ('interview.assessment', '{}', ?, ?, ?, ?)"));
    q.addBindValue(state);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return -1;
    QSqlQuery id(c.database());
    id.exec(QStringLiteral("SELECT MAX(id) FROM jobs"));
    return id.next() ? id.value(0).toLongLong() : -1;
}

bool setJobState(const Connection &c, qint64 id, const QString &state)
{
    QSqlQuery q(c.database());
    q.prepare(QStringLiteral("UPDATE jobs SET state = ? WHERE id = ?"));
    q.addBindValue(state);
    q.addBindValue(id);
    return q.exec();
}

const char *const kValidReply
    = R"({"summary":"Clear thinker.","scorecard":[{"competency":"Design","score":4,"evidence":["I stay quiet."]}],)"
      R"("strengths":["Listens"],"concerns":[],"recommendation":"hire"})";

} // namespace

class TestInterviewRepository : public QObject
{
    Q_OBJECT

private slots:
    void listsAndFilters_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void listsAndFilters()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase test(backend);
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        Connection c(test.url());
        QVERIFY2(c.ok(), qPrintable(c.error()));
        InterviewRepository repo(c.database(), c.kind());

        auto all = repo.list({});
        QVERIFY2(all.ok(), qPrintable(all.error()));
        // Newest first by start (or schedule) time.
        QCOMPARE(names(all.value()),
                 (QStringList{QStringLiteral("Chloé Dubois"), QStringLiteral("Tunde Adeyemi"),
                              QStringLiteral("Wanjiru Kamau"), QStringLiteral("Søren Müller"),
                              QStringLiteral("Adaeze Okafor")}));
        QCOMPARE(all.value().at(4).assessmentStatus, QStringLiteral("ready"));
        QCOMPARE(all.value().at(4).startedAt, QDateTime(QDate(2026, 10, 5), QTime(9, 2), QTimeZone::utc()));

        auto run = [&](const InterviewFilter &f) {
            auto r = repo.list(f);
            return r.ok() ? names(r.value()) : QStringList{r.error()};
        };
        InterviewFilter f;
        f.text = QStringLiteral("SØREN");
        QCOMPARE(run(f), QStringList{QStringLiteral("Søren Müller")});
        f.text = QStringLiteral("kamau@example");
        QCOMPARE(run(f), QStringList{QStringLiteral("Wanjiru Kamau")});
        f.text = QStringLiteral("100%_"); // LIKE wildcards are matched literally
        QCOMPARE(run(f), QStringList{});
        f = {};
        f.role = QStringLiteral("Backend Engineer");
        QCOMPARE(run(f),
                 (QStringList{QStringLiteral("Chloé Dubois"), QStringLiteral("Tunde Adeyemi"),
                              QStringLiteral("Adaeze Okafor")}));
        f = {};
        f.from = QDate(2026, 10, 6);
        f.to = QDate(2026, 10, 7);
        QCOMPARE(run(f), (QStringList{QStringLiteral("Wanjiru Kamau"), QStringLiteral("Søren Müller")}));
        f = {};
        f.assessmentStatus = QStringLiteral("failed");
        QCOMPARE(run(f), QStringList{QStringLiteral("Wanjiru Kamau")});
        f.assessmentStatus = QStringLiteral("none");
        QCOMPARE(run(f), QStringList{QStringLiteral("Chloé Dubois")});
        f.assessmentStatus = QStringLiteral("generating");
        QCOMPARE(run(f), QStringList{QStringLiteral("Tunde Adeyemi")});

        auto roles = repo.roles();
        QCOMPARE(roles.value(),
                 (QStringList{QStringLiteral("Backend Engineer"), QStringLiteral("Data Analyst"),
                              QStringLiteral("Product Designer")}));
    }

    void loadsTranscriptsFromEverySource_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void loadsTranscriptsFromEverySource()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase test(backend);
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        Connection c(test.url());
        InterviewRepository repo(c.database(), c.kind());

        auto complete = repo.load(demoId(1));
        QVERIFY2(complete.ok(), qPrintable(complete.error()));
        QCOMPARE(complete->transcript.source, TranscriptSource::Stored);
        QCOMPARE(complete->transcript.turns.size(), 10);
        QCOMPARE(complete->transcript.turns.at(1).elapsed, QStringLiteral("00:00:18"));
        QCOMPARE(complete->assessments.size(), 1);
        QCOMPARE(complete->assessments.at(0).status, QStringLiteral("ready"));
        QCOMPARE(complete->assessments.at(0).content.scorecard.size(), 3);
        QCOMPARE(complete->assessments.at(0).content.scorecard.at(0).score, 5);

        // Every third turn is missing from the table: rebuilt with the id the row would have had.
        auto partial = repo.load(demoId(2));
        QVERIFY2(partial.ok(), qPrintable(partial.error()));
        QCOMPARE(partial->transcript.source, TranscriptSource::Merged);
        QCOMPARE(partial->transcript.storedCount, 7);
        QCOMPARE(partial->transcript.rebuiltCount, 3);
        QCOMPARE(partial->transcript.turns.size(), 10);
        for (int i = 0; i < 10; ++i) {
            const TranscriptTurn &t = partial->transcript.turns.at(i);
            QCOMPARE(t.id, transcript::turnId(demoId(2), i));
            QCOMPARE(t.sequence, i + 1);
            QCOMPARE(t.origin, i % 3 == 2 ? TranscriptTurn::Origin::Rebuilt : TranscriptTurn::Origin::Stored);
        }
        QCOMPARE(partial->transcript.turns.at(2).elapsed, QStringLiteral("00:00:45"));

        auto none = repo.load(demoId(3));
        QVERIFY2(none.ok(), qPrintable(none.error()));
        QCOMPARE(none->transcript.source, TranscriptSource::Rebuilt);
        const QStringList elapsed{QStringLiteral("00:00:04"), QStringLiteral("00:00:11"), QStringLiteral("00:00:58"),
                                  QStringLiteral("00:01:03"), QStringLiteral("00:01:55"), QStringLiteral("00:02:01")};
        QCOMPARE(none->transcript.turns.size(), elapsed.size());
        for (int i = 0; i < elapsed.size(); ++i)
            QCOMPARE(none->transcript.turns.at(i).elapsed, elapsed.at(i));
        QCOMPARE(none->transcript.turns.at(0).id, QStringLiteral("c485f99d-3e4c-5c06-96dc-3f8b332284df"));
        QCOMPARE(none->transcript.turns.at(1).id, QStringLiteral("1738d599-0d54-52e2-86b2-9766fcbbd44b"));

        auto upcoming = repo.load(demoId(5));
        QVERIFY(upcoming.ok());
        QCOMPARE(upcoming->transcript.source, TranscriptSource::Empty);
        QVERIFY(repo.load(QStringLiteral("00000000-0000-4000-8000-000000000000"))
                    .error()
                    .contains(QStringLiteral("no longer exists")));
    }

    void reconcilesAssessmentsWhoseJobIsGone_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void reconcilesAssessmentsWhoseJobIsGone()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase test(backend);
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        Connection c(test.url());
        InterviewRepository repo(c.database(), c.kind());

        // The demo's "generating" assessment has no job at all: failed on load, with a reason.
        auto stranded = repo.load(demoId(4));
        QVERIFY2(stranded.ok(), qPrintable(stranded.error()));
        QCOMPARE(stranded->assessments.at(0).status, QStringLiteral("failed"));
        QVERIFY(stranded->assessments.at(0).error.contains(QStringLiteral("background job is gone")));

        // A generating assessment whose job is alive stays generating, through every live state.
        auto prepared = repo.prepareAssessment(demoId(4));
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        QCOMPARE(prepared->id, stranded->assessments.at(0).id); // a Retry reuses the failed row
        const qint64 job = insertJob(c, QStringLiteral("running"));
        QVERIFY(job > 0);
        QVERIFY(repo.markGenerating(prepared->id, job).ok());
        for (const char *alive : {"running", "available", "retryable", "blocked"}) {
            QVERIFY(setJobState(c, job, QString::fromLatin1(alive)));
            QCOMPARE(repo.reconcileAssessments().value(), 0);
            QCOMPARE(repo.assessment(prepared->id)->status, QStringLiteral("generating"));
        }
        QVERIFY(!repo.prepareAssessment(demoId(4)).ok()); // no second generation meanwhile

        // The job died (or completed without storing, or was deleted): failed.
        QVERIFY(setJobState(c, job, QStringLiteral("dead")));
        QCOMPARE(repo.reconcileAssessments().value(), 1);
        QCOMPARE(repo.assessment(prepared->id)->status, QStringLiteral("failed"));

        QVERIFY(repo.markGenerating(prepared->id, job + 1000).ok()); // a job id that does not exist
        QCOMPARE(repo.reconcileAssessments(demoId(1)).value(), 0); // scoped to another interview
        QCOMPARE(repo.reconcileAssessments(demoId(4)).value(), 1);
    }

    void storesValidatedReplies_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void storesValidatedReplies()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase test(backend);
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        Connection c(test.url());
        InterviewRepository repo(c.database(), c.kind());

        auto pending = repo.prepareAssessment(demoId(2));
        QVERIFY2(pending.ok(), qPrintable(pending.error()));
        AiReply reply;
        reply.ok = true;
        reply.text = QString::fromLatin1(kValidReply);
        reply.provider = QStringLiteral("gemini");
        reply.model = QStringLiteral("gemini-2.5-flash");
        QCOMPARE(assessment::storeReply(repo, pending->id, reply).value(), QStringLiteral("ready"));
        auto ready = repo.assessment(pending->id);
        QCOMPARE(ready->status, QStringLiteral("ready"));
        QCOMPARE(ready->provider, QStringLiteral("gemini"));
        QCOMPARE(ready->content.scorecard.at(0).evidence, QStringList{QStringLiteral("I stay quiet.")});
        QVERIFY(ready->generatedAt.isValid());

        // Regenerate a ready assessment: a new row, and an invalid reply fails it with the reason.
        auto next = repo.prepareAssessment(demoId(2));
        QVERIFY(next.ok());
        QVERIFY(next->id != pending->id);
        reply.text
            = QString::fromLatin1(kValidReply).replace(QStringLiteral("\"score\":4"), QStringLiteral("\"score\":9"));
        QCOMPARE(assessment::storeReply(repo, next->id, reply).value(), QStringLiteral("failed"));
        auto failed = repo.assessment(next->id);
        QCOMPARE(failed->status, QStringLiteral("failed"));
        QVERIFY2(
            failed->error.contains(QStringLiteral("'scorecard[0].score' must be a whole number from 1 to 5 (got 9)")),
            qPrintable(failed->error));
        auto detail = repo.load(demoId(2));
        QCOMPARE(detail->assessments.size(), 2);
        QCOMPARE(detail->assessments.at(0).id, next->id); // newest first
        QCOMPARE(detail->summary.assessmentStatus, QStringLiteral("failed"));

        AiReply down;
        down.error = QStringLiteral("Every provider is unavailable.");
        QCOMPARE(assessment::storeReply(repo, next->id, down).value(), QStringLiteral("failed"));
        QCOMPARE(repo.assessment(next->id)->error, QStringLiteral("Every provider is unavailable."));
    }

    void queuesEmailsWithAnIdempotencyKey_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void queuesEmailsWithAnIdempotencyKey()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase test(backend);
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        Connection c(test.url());
        InterviewRepository repo(c.database(), c.kind());
        const QStringList to{QStringLiteral("adaeze.okafor@example.com")};
        auto a = repo.queueEmail(QStringLiteral("invitation"), demoId(1), to, QStringLiteral("Invitation"),
                                 QStringLiteral("{}"));
        auto b = repo.queueEmail(QStringLiteral("invitation"), demoId(1), to, QStringLiteral("Invitation"),
                                 QStringLiteral("{}"));
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.error() + b.error()));
        QVERIFY(a->idempotencyKey != b->idempotencyKey);
        auto stored = repo.email(a->id);
        QCOMPARE(stored->idempotencyKey, a->idempotencyKey);
        QCOMPARE(stored->recipients, to);
        QCOMPARE(stored->status, QStringLiteral("queued"));
        QVERIFY(repo.updateEmail(a->id, QStringLiteral("sent"), QStringLiteral("re_123"), {}).ok());
        QCOMPARE(repo.email(a->id)->providerId, QStringLiteral("re_123"));
        QCOMPARE(repo.emails(demoId(1))->size(), 2);
    }

    void workerRepliesCarryTheirToken()
    {
        testkit::SqliteTestDatabase test;
        INSIGHTA_REQUIRE_DB(test);
        QVERIFY(DemoSeeder(test.url()).run(0).ok());
        InterviewWorker worker(test.url());
        QSignalSpy listed(&worker, &InterviewWorker::listed);
        QSignalSpy loaded(&worker, &InterviewWorker::loaded);
        worker.list(7, {});
        worker.load(8, demoId(3));
        QCOMPARE(listed.count(), 1);
        QCOMPARE(listed.at(0).at(0).toULongLong(), 7u);
        const auto reply = listed.at(0).at(1).value<InterviewListReply>();
        QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
        QCOMPARE(reply.interviews.size(), 5);
        // The list reconciled the stranded demo assessment before reporting statuses.
        QCOMPARE(reply.interviews.at(1).assessmentStatus, QStringLiteral("failed"));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).toULongLong(), 8u);
        QCOMPARE(loaded.at(0).at(1).value<InterviewDetail>().transcript.turns.size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestInterviewRepository)
#include "tst_interview_repository.moc"
