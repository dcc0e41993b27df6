// The headless worker and `insighta interviews` through the real binary, against scripted
// servers on loopback standing in for Gemini, Groq, OpenRouter and Resend (base URLs from the
// settings file), with keys from the environment or a credentials file.
#include "tests/testkit/CliProcess.h"
#include "tests/testkit/InterviewFixtures.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace insighta;
using testkit::CliProcess;
using testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

const QString kGroqKey = QStringLiteral("gsk_workerSecret123");
const QString kResendKey = QStringLiteral("re_workerSecret456");

// Gemini's generateContent reply carrying one text part.
QByteArray geminiReply(const QString &text)
{
    const QJsonObject part{{QStringLiteral("text"), text}};
    const QJsonObject content{{QStringLiteral("role"), QStringLiteral("model")},
                              {QStringLiteral("parts"), QJsonArray{part}}};
    const QJsonObject candidate{{QStringLiteral("content"), content},
                                {QStringLiteral("finishReason"), QStringLiteral("STOP")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("candidates"), QJsonArray{candidate}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestCliWorker : public QObject
{
    Q_OBJECT

private:
    CliProcess m_cli;
    QString m_settings;
    QHash<QString, QString> m_env;

    CliProcess::Run cli(const QStringList &arguments, const QHash<QString, QString> &extra = {})
    {
        QHash<QString, QString> env = m_env;
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            env.insert(it.key(), it.value());
        return m_cli.run(arguments, env, 90'000);
    }

    // The headless worker on the test's settings, until the queue is empty.
    CliProcess::Run workUntilIdle()
    {
        return cli({QStringLiteral("jobs"), QStringLiteral("work"), QStringLiteral("--exit-when-idle"),
                    QStringLiteral("--poll-ms"), QStringLiteral("50"), QStringLiteral("--settings"), m_settings});
    }

    // Provider order and base URLs as the window's Settings store them.
    void writeSettings(const QStringList &order, const QHash<QString, QUrl> &urls, const QUrl &resend = {})
    {
        QSettings settings(m_settings, QSettings::IniFormat);
        settings.clear();
        QJsonObject baseUrls;
        for (auto it = urls.cbegin(); it != urls.cend(); ++it)
            baseUrls.insert(it.key(), it.value().toString());
        settings.setValue(QStringLiteral("ai/providerOrder"), order.join(QLatin1Char(',')));
        settings.setValue(QStringLiteral("ai/baseUrls"),
                          QString::fromUtf8(QJsonDocument(baseUrls).toJson(QJsonDocument::Compact)));
        if (resend.isValid())
            settings.setValue(QStringLiteral("email/resendBaseUrl"), resend.toString());
        settings.sync();
    }

    // A completed demo interview with a transcript and no assessment in progress.
    QString interviewWithTranscript()
    {
        const auto listed = cli({QStringLiteral("interviews"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const QJsonValue &v : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
            const QJsonObject o = v.toObject();
            if (o[QStringLiteral("status")].toString() == QLatin1String("completed")
                && o[QStringLiteral("assessment")].toString() != QLatin1String("generating"))
                return o[QStringLiteral("id")].toString();
        }
        return {};
    }

    static void verifyNoSecrets(const CliProcess::Run &run)
    {
        for (const QString &secret : {kGroqKey, kResendKey}) {
            QVERIFY2(!run.out.contains(secret), qPrintable(run.out));
            QVERIFY2(!run.err.contains(secret), qPrintable(run.err));
        }
    }

private slots:
    void init()
    {
        m_settings = m_cli.homeFile(QStringLiteral("worker.ini"));
        QFile::remove(m_settings);
        m_env.clear();
        QFile::remove(m_cli.homeFile(QStringLiteral("data/insighta-desk/workspace.db")));
        const auto demo = cli({QStringLiteral("demo"), QStringLiteral("--profiles"), QStringLiteral("20")});
        QCOMPARE(demo.exitCode, 0);
    }

    void missingProviderConfigurationIsExitThree_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("assess") << QStringLiteral("assess");
        QTest::newRow("ask") << QStringLiteral("ask");
    }
    void missingProviderConfigurationIsExitThree()
    {
        QFETCH(QString, action);
        writeSettings({QStringLiteral("groq")}, {});
        const QString id = interviewWithTranscript();
        QVERIFY(!id.isEmpty());
        QStringList args{QStringLiteral("interviews"), action, id, QStringLiteral("--settings"), m_settings};
        if (action == QLatin1String("ask"))
            args.insert(3, QStringLiteral("What did they build?"));
        const auto run = cli(args);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("no AI provider is configured")), qPrintable(run.err));
    }

    // The worker reads the same settings file and a key from the environment; the assessment is
    // generated by Groq in one request; the key reaches Groq and nothing else.
    void workerGeneratesAssessmentFromSettingsAndEnvironmentKey()
    {
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.enqueue(Response::json(200, testkit::chatCompletion(testkit::validAssessmentJson())));
        writeSettings({QStringLiteral("groq")}, {{QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))}});
        m_env.insert(QStringLiteral("INSIGHTA_GROQ_API_KEY"), kGroqKey);
        const QString id = interviewWithTranscript();
        const auto queued = cli(
            {QStringLiteral("interviews"), QStringLiteral("assess"), id, QStringLiteral("--settings"), m_settings});
        QCOMPARE(queued.exitCode, 0);
        const auto work = workUntilIdle();
        QCOMPARE(work.exitCode, 0);
        QVERIFY2(work.out.contains(QLatin1String("(generate-assessment) completed")), qPrintable(work.out + work.err));
        QCOMPARE(groq.requestCount(), 1);
        QCOMPARE(groq.lastRequest().header("authorization"), QByteArray("Bearer ") + kGroqKey.toUtf8());
        verifyNoSecrets(work);
        const auto shown = cli({QStringLiteral("interviews"), QStringLiteral("show"), id, QStringLiteral("--json")});
        QVERIFY2(shown.out.contains(QLatin1String("\"status\":\"ready\"")), qPrintable(shown.out));
        verifyNoSecrets(shown);
    }

    // Gemini down (503), OpenRouter answers 200 with an error object (a failure, not an answer),
    // Groq answers: `ask --json` cites transcript turns and names Groq.
    void askFallsThroughGeminiAndOpenRouterToGroq()
    {
        ScriptedHttpServer gemini, openrouter, groq;
        QVERIFY(gemini.listen() && openrouter.listen() && groq.listen());
        gemini.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(503, R"({"error":{"code":503,"status":"UNAVAILABLE"}})");
        });
        openrouter.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(200, R"({"error":{"message":"Provider returned error","code":502}})");
        });
        writeSettings({QStringLiteral("gemini"), QStringLiteral("openrouter"), QStringLiteral("groq")},
                      {{QStringLiteral("gemini"), gemini.url(QStringLiteral("/v1beta"))},
                       {QStringLiteral("openrouter"), openrouter.url(QStringLiteral("/api/v1"))},
                       {QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))}});
        const QString id = interviewWithTranscript();
        // The answer cites the first turn's time, as the prompt asks.
        const auto shown = cli({QStringLiteral("interviews"), QStringLiteral("show"), id,
                                QStringLiteral("--transcript"), QStringLiteral("--json")});
        const QJsonObject turn = QJsonDocument::fromJson(shown.out.toUtf8())[QStringLiteral("turns")][0].toObject();
        QVERIFY(!turn.isEmpty());
        groq.enqueue(
            Response::json(200,
                           testkit::chatCompletion(
                               QStringLiteral("They said so [%1].").arg(turn[QStringLiteral("elapsed")].toString()))));
        const auto run = cli({QStringLiteral("interviews"), QStringLiteral("ask"), id,
                              turn[QStringLiteral("text")].toString().left(120), QStringLiteral("--json"),
                              QStringLiteral("--settings"), m_settings},
                             {{QStringLiteral("INSIGHTA_GEMINI_API_KEY"), QStringLiteral("gm_key")},
                              {QStringLiteral("INSIGHTA_OPENROUTER_API_KEY"), QStringLiteral("or_key")},
                              {QStringLiteral("INSIGHTA_GROQ_API_KEY"), kGroqKey}});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(answer[QStringLiteral("offline")].toBool(), false);
        QCOMPARE(answer[QStringLiteral("provider")].toString(), QStringLiteral("groq"));
        QCOMPARE(answer[QStringLiteral("citations")][0][QStringLiteral("turn_id")].toString(),
                 turn[QStringLiteral("id")].toString());
        // Each failing provider gets the network layer's four attempts (RetryConfig::maxAttempts).
        QCOMPARE(gemini.requestCount(), 4);
        QCOMPARE(openrouter.requestCount(), 4);
        QCOMPARE(groq.requestCount(), 1);
        verifyNoSecrets(run);
    }

    // Resend answers 500 then 200: one email, both requests with the same idempotency key.
    void resendServerErrorThenSuccessSendsOneEmail()
    {
        ScriptedHttpServer resend;
        QVERIFY(resend.listen());
        resend.enqueue(Response::json(500, R"({"name":"internal_server_error"})"));
        resend.enqueue(Response::json(200, R"({"id":"re_sent_1"})"));
        writeSettings({QStringLiteral("groq")}, {}, resend.url());
        m_env.insert(QStringLiteral("INSIGHTA_RESEND_API_KEY"), kResendKey);
        const QString id = interviewWithTranscript();
        const auto queued = cli({QStringLiteral("interviews"), QStringLiteral("email"), id, QStringLiteral("--to"),
                                 QStringLiteral("candidate@example.org"), QStringLiteral("--template"),
                                 QStringLiteral("invite"), QStringLiteral("--settings"), m_settings});
        QCOMPARE(queued.exitCode, 0);
        const auto work = workUntilIdle();
        QCOMPARE(work.exitCode, 0);
        QVERIFY2(work.out.contains(QLatin1String("(send-email) completed")), qPrintable(work.out + work.err));
        QCOMPARE(resend.requestCount(), 2);
        const QByteArray key = resend.requests().at(0).header("idempotency-key");
        QVERIFY(!key.isEmpty());
        QCOMPARE(resend.requests().at(1).header("idempotency-key"), key);
        QCOMPARE(resend.lastRequest().header("authorization"), QByteArray("Bearer ") + kResendKey.toUtf8());
        verifyNoSecrets(work);
    }

    // The worker is SIGKILLed after Resend received the email and before the job was marked
    // done. The restarted worker sends it again with the same idempotency key, which Resend
    // (keeping keys 24 h) answers without sending a second email: one distinct key, one email.
    void killedWorkerSendsNoSecondEmail()
    {
        ScriptedHttpServer resend;
        QVERIFY(resend.listen());
        resend.enqueue(Response::stall()); // accepted, but the worker dies before it hears so
        resend.enqueue(Response::json(200, R"({"id":"re_sent_once"})"));
        writeSettings({QStringLiteral("groq")}, {}, resend.url());
        m_env.insert(QStringLiteral("INSIGHTA_RESEND_API_KEY"), kResendKey);
        const QString id = interviewWithTranscript();
        QCOMPARE(cli({QStringLiteral("interviews"), QStringLiteral("email"), id, QStringLiteral("--to"),
                      QStringLiteral("manager@example.org"), QStringLiteral("--template"), QStringLiteral("invite"),
                      QStringLiteral("--settings"), m_settings})
                     .exitCode,
                 0);
        const QStringList work{
            QStringLiteral("jobs"),       QStringLiteral("work"), QStringLiteral("--poll-ms"),  QStringLiteral("50"),
            QStringLiteral("--lease-ms"), QStringLiteral("500"),  QStringLiteral("--settings"), m_settings};
        QSignalSpy received(&resend, &ScriptedHttpServer::requestReceived);
        auto first = m_cli.start(work, m_env);
        QVERIFY(received.wait(30'000));
        first->kill();
        QVERIFY(first->waitForFinished(10'000));
        QCOMPARE(first->exitStatus(), QProcess::CrashExit);

        auto second = m_cli.start(work, m_env);
        QByteArray output;
        QObject::connect(second.get(), &QProcess::readyReadStandardOutput, second.get(),
                         [&] { output += second->readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("(send-email) completed"), 30'000);
        second->terminate(); // SIGTERM: the worker stops cleanly
        QVERIFY(second->waitForFinished(10'000));
        QCOMPARE(resend.requestCount(), 2);
        QSet<QByteArray> keys;
        for (const auto &request : resend.requests())
            keys.insert(request.header("idempotency-key"));
        QCOMPARE(keys.size(), 1);
        QVERIFY(!keys.contains(QByteArray()));
        QVERIFY(!QString::fromUtf8(output).contains(kResendKey));
    }

    // Gemini's 429 names its wait in the body (google.rpc.RetryInfo, 1.5 s): the worker retries
    // once, and not before that wait has passed, then stores Gemini's assessment.
    void geminiRetryInfoIsWaitedForBeforeTheRetry()
    {
        ScriptedHttpServer gemini;
        QVERIFY(gemini.listen());
        QElapsedTimer clock;
        qint64 firstMs = -1;
        qint64 secondMs = -1;
        gemini.setHandler([&](const ScriptedHttpServer::Request &) {
            if (firstMs < 0) {
                clock.start();
                firstMs = 0;
                return Response::json(
                    429,
                    R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})");
            }
            secondMs = clock.elapsed();
            return Response::json(200, geminiReply(testkit::validAssessmentJson()));
        });
        writeSettings({QStringLiteral("gemini")}, {{QStringLiteral("gemini"), gemini.url(QStringLiteral("/v1beta"))}});
        m_env.insert(QStringLiteral("INSIGHTA_GEMINI_API_KEY"), QStringLiteral("gm_workerKey"));
        const QString id = interviewWithTranscript();
        const auto queued = cli(
            {QStringLiteral("interviews"), QStringLiteral("assess"), id, QStringLiteral("--settings"), m_settings});
        QCOMPARE(queued.exitCode, 0);
        const auto work = workUntilIdle();
        QCOMPARE(work.exitCode, 0);
        QVERIFY2(work.out.contains(QLatin1String("(generate-assessment) completed")), qPrintable(work.out + work.err));
        QCOMPARE(gemini.requestCount(), 2);
        QVERIFY2(secondMs >= 1500, qPrintable(QString::number(secondMs)));
        const auto shown = cli({QStringLiteral("interviews"), QStringLiteral("show"), id, QStringLiteral("--json")});
        QVERIFY2(shown.out.contains(QLatin1String("\"status\":\"ready\"")), qPrintable(shown.out));
    }

    // Every provider down: the job ends with the offline extractive summary, marked as such,
    // never left at "generating".
    void everyProviderDownStoresTheOfflineSummary()
    {
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(503, R"({"error":{"message":"over capacity"}})", {{"retry-after", "0"}});
        });
        writeSettings({QStringLiteral("groq")}, {{QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))}});
        m_env.insert(QStringLiteral("INSIGHTA_GROQ_API_KEY"), kGroqKey);
        const QString id = interviewWithTranscript();
        const auto assessed = cli({QStringLiteral("interviews"), QStringLiteral("assess"), id, QStringLiteral("--wait"),
                                   QStringLiteral("--settings"), m_settings});
        QVERIFY2(assessed.exitCode == 0, qPrintable(assessed.out + assessed.err));
        QVERIFY(groq.requestCount() >= 4);
        const auto shown = cli({QStringLiteral("interviews"), QStringLiteral("show"), id, QStringLiteral("--json")});
        QVERIFY2(!shown.out.contains(QLatin1String("generating")), qPrintable(shown.out));
        QVERIFY2(shown.out.contains(QLatin1String("offline")), qPrintable(shown.out));
        verifyNoSecrets(assessed);
    }

    // A daily quota (429, Retry-After of two hours) is not retried within the job: one request,
    // and the job is parked until the reset instead of the queue's short backoff.
    void dailyQuotaParksTheJobUntilTheReset()
    {
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(429,
                                  R"({"error":{"message":"Rate limit reached for requests per day","type":"tokens"}})",
                                  {{"retry-after", "7200"}});
        });
        writeSettings({QStringLiteral("groq")}, {{QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))}});
        m_env.insert(QStringLiteral("INSIGHTA_GROQ_API_KEY"), kGroqKey);
        const QString id = interviewWithTranscript();
        const auto queued = cli(
            {QStringLiteral("interviews"), QStringLiteral("assess"), id, QStringLiteral("--settings"), m_settings});
        QCOMPARE(queued.exitCode, 0);
        const qint64 jobId = queued.out.section(QLatin1Char('#'), 1).trimmed().toLongLong();
        QVERIFY(jobId > 0);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto work = workUntilIdle();
        QCOMPARE(work.exitCode, 0);
        QCOMPARE(groq.requestCount(), 1);
        const auto shown
            = cli({QStringLiteral("jobs"), QStringLiteral("show"), QString::number(jobId), QStringLiteral("--json")});
        const QJsonObject job = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(job[QStringLiteral("state")].toString(), QStringLiteral("retryable"));
        const QDateTime runAt = QDateTime::fromString(job[QStringLiteral("run_at")].toString(), Qt::ISODateWithMs);
        QVERIFY2(runAt >= before.addSecs(7200 - 60), qPrintable(runAt.toString(Qt::ISODate)));
        QVERIFY2(runAt <= QDateTime::currentDateTimeUtc().addSecs(7200 + 60), qPrintable(runAt.toString(Qt::ISODate)));
        verifyNoSecrets(work);
    }

    // A credentials file others can read is refused with the reason; an owner-only one is used.
    void credentialsFileMustBeOwnerOnly_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("group-readable") << 0640 << 2;
        QTest::newRow("world-readable") << 0604 << 2;
        QTest::newRow("owner-only") << 0600 << 0;
    }
    void credentialsFileMustBeOwnerOnly()
    {
        QFETCH(int, mode);
        QFETCH(int, exitCode);
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.enqueue(Response::json(200, testkit::chatCompletion(QStringLiteral("An answer."))));
        writeSettings({QStringLiteral("groq")}, {{QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))}});
        const QString path = m_cli.homeFile(QStringLiteral("credentials"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("# keys of the worker\ngroq = " + kGroqKey.toUtf8() + "\n");
        file.close();
        QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        if (mode & 0040)
            permissions |= QFileDevice::ReadGroup;
        if (mode & 0004)
            permissions |= QFileDevice::ReadOther;
        QVERIFY(file.setPermissions(permissions));
        const QString id = interviewWithTranscript();
        const auto run = cli({QStringLiteral("interviews"), QStringLiteral("ask"), id, QStringLiteral("Anything?"),
                              QStringLiteral("--json"), QStringLiteral("--settings"), m_settings,
                              QStringLiteral("--credentials"), path});
        QCOMPARE(run.exitCode, exitCode);
        verifyNoSecrets(run);
        if (exitCode != 0) {
            QVERIFY2(run.err.contains(QLatin1String("chmod 600")), qPrintable(run.err));
            QCOMPARE(groq.requestCount(), 0);
        } else {
            QCOMPARE(groq.requestCount(), 1);
            QCOMPARE(groq.lastRequest().header("authorization"), QByteArray("Bearer ") + kGroqKey.toUtf8());
        }
    }

    void keysAreNotOptions()
    {
        const auto run = cli({QStringLiteral("jobs"), QStringLiteral("work"), QStringLiteral("--api-key"), kGroqKey});
        QCOMPARE(run.exitCode, 2);
        verifyNoSecrets(run);
    }
};

QTEST_GUILESS_MAIN(TestCliWorker)
#include "tst_cli_worker.moc"
