#include "core/db/Connection.h"
#include "core/demo/DemoSeeder.h"
#include "core/interviews/AiServiceBackend.h"
#include "core/interviews/InterviewJobHandlers.h"
#include "core/interviews/InterviewRepository.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "core/net/ai/AiService.h"
#include "core/net/email/ResendClient.h"
#include "tests/testkit/InterviewFixtures.h"
#include "tests/testkit/ScriptedHttpServer.h"
#include "tests/testkit/TestDatabases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace insighta;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

using testkit::chatCompletion;
using testkit::validAssessmentJson;

QString demoId(int n)
{
    return testkit::demoInterviewId(n);
}

jobs::JobState stateOf(jobs::JobQueue &queue, qint64 id)
{
    const auto job = queue.get(id);
    return job.ok() && job.value() ? job.value()->state : jobs::JobState::Available;
}

jobs::WorkerPoolOptions fastPool()
{
    jobs::WorkerPoolOptions options;
    options.workers = 1;
    options.idlePoll = std::chrono::milliseconds(50);
    return options;
}

} // namespace

class TestInterviewJobs : public QObject
{
    Q_OBJECT

private slots:
    // 429 with a retry hint, then a valid assessment: generated, validated and stored by a job.
    void generatesAssessmentThroughChainAndQueue()
    {
        testkit::SqliteTestDatabase db;
        QVERIFY(db.ok());
        QVERIFY(DemoSeeder(db.url()).run(20).ok());

        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.enqueue(Response::json(429, R"({"error":{"message":"Rate limit reached","type":"requests"}})",
                                    {{"retry-after-ms", "50"}}));
        groq.enqueue(Response::json(200, chatCompletion(validAssessmentJson())));

        const net::AiSettings settings = testkit::scriptedGroq(groq);
        net::ScaledClock clock(100);
        net::AiService service(settings, &clock, net::fixedRandom(0.5));
        auto backend = std::make_shared<AiServiceBackend>(&service);
        QVERIFY(backend->available());

        Connection connection(db.url(), QStringLiteral("test"));
        QVERIFY2(connection.ok(), qPrintable(connection.error()));
        InterviewRepository repository(connection.database(), connection.kind());
        const auto prepared = repository.prepareAssessment(demoId(1));
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        const QString assessmentId = prepared.value().id;

        jobs::JobQueue queue(connection.database(), connection.kind());
        const auto enqueued = queue.enqueue(GenerateAssessmentHandler::spec(assessmentId));
        QVERIFY2(enqueued.ok(), qPrintable(enqueued.error()));
        const qint64 jobId = enqueued.value().id;

        auto registry = std::make_shared<jobs::JobRegistry>();
        registerInterviewJobHandlers(*registry, db.url(), backend, nullptr);
        jobs::WorkerPool pool(db.url(), registry, fastPool());
        int finished = 0;
        QObject receiver; // queued to this thread
        QObject::connect(&pool, &jobs::WorkerPool::jobFinished, &receiver, [&finished] { ++finished; });
        pool.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished > 0, 20'000);
        pool.stop();

        QCOMPARE(stateOf(queue, jobId), jobs::JobState::Completed);
        QCOMPARE(groq.requestCount(), 2); // the 429, then the answer: retried inside one job attempt
        QVERIFY(groq.requests().at(1).path.endsWith("/chat/completions"));
        const auto stored = repository.assessment(assessmentId);
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().status, QStringLiteral("ready"));
        QCOMPARE(stored.value().provider, QStringLiteral("groq"));
        QCOMPARE(stored.value().model, QStringLiteral("llama-test"));
        QCOMPARE(stored.value().jobId, jobId);
        QCOMPARE(stored.value().content.scorecard.size(), 2);
        QCOMPARE(stored.value().content.scorecard.at(0).score, 4);
        QCOMPARE(stored.value().content.recommendation, QStringLiteral("hire"));
    }

    // A provider's final answer (bad key) makes the job dead at once and the assessment failed.
    void finalProviderErrorKillsJob()
    {
        testkit::SqliteTestDatabase db;
        QVERIFY(db.ok());
        QVERIFY(DemoSeeder(db.url()).run(20).ok());
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(401, R"({"error":{"message":"Invalid API Key","type":"invalid_request_error"}})");
        });
        const net::AiSettings settings = testkit::scriptedGroq(groq, QStringLiteral("gsk_badKey123"));
        net::ScaledClock clock(100);
        net::AiService service(settings, &clock, net::fixedRandom(0.5));

        Connection connection(db.url(), QStringLiteral("test"));
        QVERIFY(connection.ok());
        InterviewRepository repository(connection.database(), connection.kind());
        const QString assessmentId = repository.prepareAssessment(demoId(1)).value().id;
        jobs::JobQueue queue(connection.database(), connection.kind());
        const qint64 jobId = queue.enqueue(GenerateAssessmentHandler::spec(assessmentId)).value().id;

        auto registry = std::make_shared<jobs::JobRegistry>();
        registerInterviewJobHandlers(*registry, db.url(), std::make_shared<AiServiceBackend>(&service), nullptr);
        jobs::WorkerPool pool(db.url(), registry, fastPool());
        int finished = 0;
        QObject receiver; // queued to this thread
        QObject::connect(&pool, &jobs::WorkerPool::jobFinished, &receiver, [&finished] { ++finished; });
        pool.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished > 0, 20'000);
        pool.stop();

        QCOMPARE(stateOf(queue, jobId), jobs::JobState::Dead);
        QCOMPARE(queue.get(jobId).value()->attempt, 1);
        QCOMPARE(groq.requestCount(), 1);
        const Assessment failed = repository.assessment(assessmentId).value();
        QCOMPARE(failed.status, QStringLiteral("failed"));
        QVERIFY2(failed.error.contains(QLatin1String("401")) || failed.error.contains(QLatin1String("nauthori")),
                 qPrintable(failed.error));
    }

    // A provider that stays down (503) may recover: the job is retried with the queue's backoff
    // while the assessment stays "generating"; the last attempt stores the offline extractive
    // summary, labelled as such, unscored, saying why.
    void transientProviderFailureIsRetriedThenFallsBackOffline()
    {
        testkit::SqliteTestDatabase db;
        QVERIFY(db.ok());
        QVERIFY(DemoSeeder(db.url()).run(20).ok());
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(503, R"({"error":{"message":"Service unavailable"}})");
        });
        const net::AiSettings settings = testkit::scriptedGroq(groq);
        net::ScaledClock clock(1000);
        net::AiService service(settings, &clock, net::fixedRandom(0.5));

        Connection connection(db.url(), QStringLiteral("test"));
        QVERIFY(connection.ok());
        InterviewRepository repository(connection.database(), connection.kind());
        const QString assessmentId = repository.prepareAssessment(demoId(1)).value().id;
        jobs::JobQueue queue(connection.database(), connection.kind());
        jobs::JobSpec spec = GenerateAssessmentHandler::spec(assessmentId);
        spec.maxAttempts = 2;
        const qint64 jobId = queue.enqueue(spec).value().id;
        QVERIFY(repository.markGenerating(assessmentId, jobId).ok());

        auto registry = std::make_shared<jobs::JobRegistry>();
        registerInterviewJobHandlers(*registry, db.url(), std::make_shared<AiServiceBackend>(&service), nullptr);
        jobs::WorkerPool pool(db.url(), registry, fastPool());
        QList<jobs::JobState> states;
        QString statusAfterFirstAttempt;
        QObject receiver; // queued to this thread
        QObject::connect(&pool, &jobs::WorkerPool::jobFinished, &receiver,
                         [&](qint64, const QString &, jobs::JobState state) {
                             states << state;
                             if (states.size() == 1)
                                 statusAfterFirstAttempt = repository.assessment(assessmentId).value().status;
                         });
        pool.start();
        QTRY_COMPARE_WITH_TIMEOUT(states.size(), 2, 30'000);
        pool.stop();

        QCOMPARE(states, (QList<jobs::JobState>{jobs::JobState::Retryable, jobs::JobState::Completed}));
        QCOMPARE(statusAfterFirstAttempt, QStringLiteral("generating"));
        QCOMPARE(queue.get(jobId).value()->attempt, 2);
        QCOMPARE(queue.get(jobId).value()->result.value(QStringLiteral("offline")).toBool(), true);
        // The first job attempt makes the network layer's four; the second one more (the circuit
        // breaker's probe) up to four again, depending on whether the circuit is open by then.
        QVERIFY2(groq.requestCount() >= 5 && groq.requestCount() <= 8,
                 qPrintable(QString::number(groq.requestCount())));
        const Assessment offline = repository.assessment(assessmentId).value();
        QCOMPARE(offline.status, QStringLiteral("ready"));
        QCOMPARE(offline.provider, QStringLiteral("offline"));
        QCOMPARE(offline.content.recommendation, QStringLiteral("not_assessed"));
        QVERIFY(offline.content.scorecard.isEmpty());
        QVERIFY(!offline.content.strengths.isEmpty());
        QVERIFY2(offline.content.summary.contains(QLatin1String("503")), qPrintable(offline.content.summary));
    }

    // 503 then 200: one email, one key on both attempts; after a restart nothing is sent twice.
    void emailSentOnceAcrossRetryAndRestart()
    {
        testkit::SqliteTestDatabase db;
        QVERIFY(db.ok());
        QVERIFY(DemoSeeder(db.url()).run(20).ok());

        ScriptedHttpServer server;
        QVERIFY(server.listen());
        // Resend's behaviour: the first request with a key sends; a repeat returns the same id.
        QHash<QByteArray, QString> sentByKey;
        int emailsSent = 0;
        server.enqueue(Response::json(503, R"({"statusCode":503,"name":"service_unavailable","message":"busy"})"));
        server.setHandler([&](const ScriptedHttpServer::Request &request) {
            const QByteArray key = request.header("Idempotency-Key");
            if (!sentByKey.contains(key))
                sentByKey.insert(key, QStringLiteral("re-email-%1").arg(++emailsSent));
            return Response::json(200,
                                  QJsonDocument(QJsonObject{{QStringLiteral("id"), sentByKey.value(key)}}).toJson());
        });
        net::ScaledClock clock(1000);
        net::ResilientClient client(&clock, net::fixedRandom(0.5));
        net::ResendClient resend(&client, QStringLiteral("re_testKey123"));
        resend.setBaseUrl(server.url());
        resend.setMinimumSpacingMs(0);

        Connection connection(db.url(), QStringLiteral("test"));
        QVERIFY(connection.ok());
        InterviewRepository repository(connection.database(), connection.kind());
        const QJsonObject body{{QStringLiteral("from"), QStringLiteral("Insighta <hello@example.org>")},
                               {QStringLiteral("to"), QJsonArray{QStringLiteral("ada@example.org")}},
                               {QStringLiteral("subject"), QStringLiteral("Your interview")},
                               {QStringLiteral("text"), QStringLiteral("See you on Monday.")}};
        const auto queued
            = repository.queueEmail(QStringLiteral("invitation"), demoId(1), {QStringLiteral("ada@example.org")},
                                    QStringLiteral("Your interview"), QString::fromUtf8(QJsonDocument(body).toJson()));
        QVERIFY2(queued.ok(), qPrintable(queued.error()));
        const QString emailId = queued.value().id;
        const QByteArray storedKey = queued.value().idempotencyKey.toUtf8();
        QVERIFY(!storedKey.isEmpty());

        auto registry = std::make_shared<jobs::JobRegistry>();
        registerInterviewJobHandlers(*registry, db.url(), nullptr, &resend);
        jobs::JobQueue queue(connection.database(), connection.kind());

        const auto runOnce = [&](const QString &label) {
            const auto job = queue.enqueue(SendEmailHandler::spec(emailId));
            QVERIFY2(job.ok(), qPrintable(job.error()));
            jobs::WorkerPool pool(db.url(), registry, fastPool()); // a fresh pool: as after a restart
            int finished = 0;
            QObject receiver; // queued to this thread
            QObject::connect(&pool, &jobs::WorkerPool::jobFinished, &receiver, [&finished] { ++finished; });
            pool.start();
            QTRY_VERIFY2_WITH_TIMEOUT(finished > 0, qPrintable(label), 20'000);
            pool.stop();
            QCOMPARE(stateOf(queue, job.value().id), jobs::JobState::Completed);
        };

        runOnce(QStringLiteral("first run"));
        QCOMPARE(server.requestCount(), 2); // 503, then 200
        QCOMPARE(server.requests().at(0).header("Idempotency-Key"), storedKey);
        QCOMPARE(server.requests().at(1).header("Idempotency-Key"), storedKey);
        QCOMPARE(emailsSent, 1);
        QueuedEmail sent = repository.email(emailId).value();
        QCOMPARE(sent.status, QStringLiteral("sent"));
        QCOMPARE(sent.providerId, QStringLiteral("re-email-1"));

        // Restart with the email marked sent: the handler does not call Resend at all.
        runOnce(QStringLiteral("after restart"));
        QCOMPARE(server.requestCount(), 2);

        // A crash after Resend accepted the email but before the id was stored: the row is still
        // "sending". The next run sends the same key again, and Resend does not send twice.
        QSqlQuery crash(connection.database());
        QVERIFY(crash.exec(QStringLiteral("UPDATE emails SET status = 'sending', provider_id = NULL")));
        runOnce(QStringLiteral("after crash"));
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(server.lastRequest().header("Idempotency-Key"), storedKey);
        QCOMPARE(emailsSent, 1);
        sent = repository.email(emailId).value();
        QCOMPARE(sent.status, QStringLiteral("sent"));
        QCOMPARE(sent.providerId, QStringLiteral("re-email-1"));
        QCOMPARE(repository.emails(demoId(1)).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInterviewJobs)
#include "tst_interview_jobs.moc"
