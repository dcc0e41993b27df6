#include "core/net/ai/AiService.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace insighta::net;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

QByteArray geminiText(const QString &text, const QString &finish = QStringLiteral("STOP"))
{
    const QJsonObject reply{
        {QStringLiteral("candidates"),
         QJsonArray{
             QJsonObject{{QStringLiteral("content"),
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("model")},
                                      {QStringLiteral("parts"),
                                       QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("thinking...")},
                                                              {QStringLiteral("thought"), true}},
                                                  QJsonObject{{QStringLiteral("text"), text}}}}}},
                         {QStringLiteral("finishReason"), finish}}}},
        {QStringLiteral("responseId"), QStringLiteral("r1")}};
    return QJsonDocument(reply).toJson(QJsonDocument::Compact);
}

QByteArray chatText(const QString &text, const QString &finish = QStringLiteral("stop"))
{
    const QJsonObject reply{{QStringLiteral("choices"),
                             QJsonArray{QJsonObject{{QStringLiteral("message"),
                                                     QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                 {QStringLiteral("content"), text}}},
                                                    {QStringLiteral("finish_reason"), finish}}}}};
    return QJsonDocument(reply).toJson(QJsonDocument::Compact);
}

const QJsonObject kSchema{
    {QStringLiteral("type"), QStringLiteral("object")},
    {QStringLiteral("properties"),
     QJsonObject{{QStringLiteral("score"), QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}}}},
    {QStringLiteral("required"), QJsonArray{QStringLiteral("score")}}};

AiRequest simple()
{
    AiRequest request;
    request.operation = QStringLiteral("op");
    request.prompt = QStringLiteral("hi");
    return request;
}

struct Fixture
{
    ScriptedHttpServer gemini;
    ScriptedHttpServer groq;
    ScriptedHttpServer openrouter;
    // 100x: the default 120 s deadline is 1.2 s of real time, roomy enough on a busy machine.
    ScaledClock clock{100};
    std::unique_ptr<AiService> service;

    explicit Fixture(const QStringList &order = {QStringLiteral("gemini"), QStringLiteral("groq")},
                     QHash<QString, QString> keys = {})
    {
        QVERIFY(gemini.listen());
        QVERIFY(groq.listen());
        QVERIFY(openrouter.listen());
        AiSettings settings;
        settings.order = order;
        settings.baseUrls = {{QStringLiteral("gemini"), gemini.url(QStringLiteral("/v1beta"))},
                             {QStringLiteral("groq"), groq.url(QStringLiteral("/openai/v1"))},
                             {QStringLiteral("openrouter"), openrouter.url(QStringLiteral("/api/v1"))}};
        settings.models = {{QStringLiteral("gemini"), QStringLiteral("gemini-test")},
                           {QStringLiteral("groq"), QStringLiteral("llama-test")},
                           {QStringLiteral("openrouter"), QStringLiteral("router/test")}};
        settings.apiKeys = keys.isEmpty()
            ? QHash<QString, QString>{{QStringLiteral("gemini"), QStringLiteral("AIzaGeminiKey123")},
                                      {QStringLiteral("groq"), QStringLiteral("gsk_groqKey123")},
                                      {QStringLiteral("openrouter"), QStringLiteral("sk-or-key123")}}
            : keys;
        service = std::make_unique<AiService>(settings, &clock, fixedRandom(0.5));
        RetryConfig config;
        config.attemptTimeoutMs = 60'000;
        service->client()->setRetryConfig(config);
    }

    static AiResult wait(QFuture<AiResult> future)
    {
        QEventLoop loop;
        QFutureWatcher<AiResult> watcher;
        QObject::connect(&watcher, &QFutureWatcher<AiResult>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        if (!future.isFinished())
            loop.exec();
        if (!future.isFinished())
            qFatal("AI call did not finish");
        if (future.isCanceled() || future.resultCount() == 0) {
            AiResult cancelled;
            cancelled.cancelled = true;
            return cancelled;
        }
        return future.result();
    }
};

} // namespace

class TestProviderChain : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=false")); }

    void geminiAnswersWithJson()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(200, geminiText(QStringLiteral(R"({"score":4})"))));
        const AiResult r
            = Fixture::wait(f.service->generateJson(QStringLiteral("generate-assessment"), QStringLiteral("Rate this"),
                                                    kSchema, QStringLiteral("You are fair.")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.provider, QStringLiteral("gemini"));
        QCOMPARE(r.model, QStringLiteral("gemini-test"));
        QCOMPARE(r.json.value(QLatin1String("score")).toInt(), 4);
        QCOMPARE(f.gemini.requestCount(), 1);
        QCOMPARE(f.groq.requestCount(), 0);
        const auto request = f.gemini.lastRequest();
        QCOMPARE(request.path, QByteArray("/v1beta/models/gemini-test:generateContent"));
        QCOMPARE(request.header("x-goog-api-key"), QByteArray("AIzaGeminiKey123"));
        QVERIFY(!request.path.contains("key="));
        const QJsonObject config = request.jsonBody().value(QLatin1String("generationConfig")).toObject();
        QCOMPARE(config.value(QLatin1String("responseMimeType")).toString(), QStringLiteral("application/json"));
        QCOMPARE(config.value(QLatin1String("responseJsonSchema")).toObject(), kSchema);
        QCOMPARE(request.jsonBody()
                     .value(QLatin1String("systemInstruction"))
                     .toObject()
                     .value(QLatin1String("parts"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("text"))
                     .toString(),
                 QStringLiteral("You are fair."));
    }

    void unauthorisedMovesToNextProvider()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(
            400,
            R"({"error":{"code":400,"message":"API key not valid","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}})"));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral(R"({"score":2})"))));
        const AiResult r = Fixture::wait(
            f.service->generateJson(QStringLiteral("generate-assessment"), QStringLiteral("Rate"), kSchema));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(r.model, QStringLiteral("llama-test"));
        QCOMPARE(f.gemini.requestCount(), 1); // no retry of a bad key
        QCOMPARE(f.groq.requestCount(), 1);
        QCOMPARE(r.attempts, 2);
        QCOMPARE(r.trail.size(), 1);
        QVERIFY2(r.trail.first().contains(QLatin1String("unauthorised")), qPrintable(r.trail.first()));
        QVERIFY(!r.trail.first().contains(QLatin1String("AIzaGeminiKey123")));
        QCOMPARE(f.groq.lastRequest().header("Authorization"), QByteArray("Bearer gsk_groqKey123"));
        QCOMPARE(f.groq.lastRequest().path, QByteArray("/openai/v1/chat/completions"));
        const QJsonObject format = f.groq.lastRequest().jsonBody().value(QLatin1String("response_format")).toObject();
        QCOMPARE(format.value(QLatin1String("type")).toString(), QStringLiteral("json_schema"));
    }

    void http401MovesToNextProvider()
    {
        Fixture f({QStringLiteral("groq"), QStringLiteral("gemini")});
        f.groq.enqueue(Response::json(401, R"({"error":{"message":"Invalid API Key"}})"));
        f.gemini.enqueue(Response::json(200, geminiText(QStringLiteral("hello"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("gemini"));
        QCOMPARE(r.text, QStringLiteral("hello")); // the thought part is left out
        QCOMPARE(f.groq.requestCount(), 1);
    }

    void blockedPromptMovesOnWithoutRetry()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(200, R"({"promptFeedback":{"blockReason":"SAFETY"},"responseId":"x"})"));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("fine"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(f.gemini.requestCount(), 1);
        QVERIFY2(r.trail.value(0).contains(QLatin1String("prompt blocked (SAFETY)")), qPrintable(r.trail.join(u'|')));
    }

    void maxTokensWithoutTextGetsOneLargerBudget()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(200, geminiText(QString(), QStringLiteral("MAX_TOKENS"))));
        f.gemini.enqueue(Response::json(200, geminiText(QStringLiteral("done"))));
        AiRequest request = simple();
        request.maxOutputTokens = 1000;
        const AiResult r = Fixture::wait(f.service->run(request));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.provider, QStringLiteral("gemini"));
        QCOMPARE(r.text, QStringLiteral("done"));
        QCOMPARE(f.gemini.requestCount(), 2);
        const auto budget = [](const ScriptedHttpServer::Request &req) {
            return req.jsonBody()
                .value(QLatin1String("generationConfig"))
                .toObject()
                .value(QLatin1String("maxOutputTokens"))
                .toInt();
        };
        QCOMPARE(budget(f.gemini.requests().at(0)), 1000);
        QVERIFY(budget(f.gemini.requests().at(1)) > 1000);
    }

    void maxTokensTwiceMovesOn()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(200, geminiText(QString(), QStringLiteral("MAX_TOKENS"))));
        f.gemini.enqueue(Response::json(200, geminiText(QString(), QStringLiteral("MAX_TOKENS"))));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("ok"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(f.gemini.requestCount(), 2);
        QVERIFY(r.trail.value(0).contains(QLatin1String("MAX_TOKENS")));
    }

    void openRouterErrorInside200IsRetried()
    {
        Fixture f({QStringLiteral("openrouter")});
        f.openrouter.enqueue(Response::json(200, R"({"error":{"code":502,"message":"upstream failed"}})"));
        f.openrouter.enqueue(Response::json(
            200,
            R"({"choices":[{"finish_reason":"error","error":{"code":503,"message":"provider overloaded"},"message":{"content":""}}]})"));
        f.openrouter.enqueue(Response::json(200, chatText(QStringLiteral("answer"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.provider, QStringLiteral("openrouter"));
        QCOMPARE(r.text, QStringLiteral("answer"));
        QCOMPARE(f.openrouter.requestCount(), 3);
        QCOMPARE(r.attempts, 3);
        const auto request = f.openrouter.lastRequest();
        QCOMPARE(request.header("X-Title"), QByteArray("Insighta Desk"));
        QVERIFY(!request.header("HTTP-Referer").isEmpty());
    }

    void openRouterCreditsErrorInside200MovesOn()
    {
        Fixture f({QStringLiteral("openrouter"), QStringLiteral("groq")});
        f.openrouter.enqueue(Response::json(200, R"({"error":{"code":402,"message":"Insufficient credits"}})"));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("ok"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(f.openrouter.requestCount(), 1);
        QVERIFY(r.trail.value(0).contains(QLatin1String("quota exhausted")));
    }

    void groqJsonSchemaDowngradesToJsonObject()
    {
        Fixture f({QStringLiteral("groq")});
        f.groq.enqueue(Response::json(
            400,
            R"({"error":{"message":"response_format json_schema is not supported with this model","type":"invalid_request_error"}})"));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("```json\n{\"score\":5}\n```"))));
        const AiResult r
            = Fixture::wait(f.service->generateJson(QStringLiteral("op"), QStringLiteral("Rate it"), kSchema));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.json.value(QLatin1String("score")).toInt(), 5);
        QCOMPARE(f.groq.requestCount(), 2);
        const QJsonObject second = f.groq.lastRequest().jsonBody();
        QCOMPARE(second.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("json_object"));
        const QString prompt = second.value(QLatin1String("messages"))
                                   .toArray()
                                   .last()
                                   .toObject()
                                   .value(QLatin1String("content"))
                                   .toString();
        QVERIFY(prompt.contains(QLatin1String("JSON")));
    }

    void exhaustedProviderDoesNotMultiplyRetries()
    {
        Fixture f;
        f.gemini.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(503, "{}"); });
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("ok"))));
        const AiResult r = Fixture::wait(f.service->run(simple()));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(f.gemini.requestCount(), 4); // the client's attempts, once
        QCOMPARE(f.groq.requestCount(), 1);
        QCOMPARE(r.attempts, 5);
    }

    void invalidJsonMovesOn()
    {
        Fixture f;
        f.gemini.enqueue(Response::json(200, geminiText(QStringLiteral("not json at all"))));
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral(R"({"score":1})"))));
        const AiResult r = Fixture::wait(f.service->generateJson(QStringLiteral("op"), QStringLiteral("x"), kSchema));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QVERIFY(r.trail.value(0).contains(QLatin1String("not a JSON object")));
    }

    void localProviderDownIsSkippedAtOnce()
    {
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            deadPort = probe.serverPort();
        }
        Fixture f({QStringLiteral("ollama"), QStringLiteral("groq")});
        AiSettings settings;
        settings.order = {QStringLiteral("ollama"), QStringLiteral("groq")};
        settings.baseUrls = {{QStringLiteral("ollama"), QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(deadPort))},
                             {QStringLiteral("groq"), f.groq.url(QStringLiteral("/openai/v1"))}};
        settings.apiKeys = {{QStringLiteral("groq"), QStringLiteral("gsk_groqKey123")}};
        AiService service(settings, &f.clock, fixedRandom(0.5));
        f.groq.setHandler(
            [](const ScriptedHttpServer::Request &) { return Response::json(200, chatText(QStringLiteral("ok"))); });
        const AiResult first = Fixture::wait(service.run(simple()));
        QVERIFY(first.ok);
        QCOMPARE(first.provider, QStringLiteral("groq"));
        QCOMPARE(first.attempts, 2); // one refused connection, no backoff, then Groq
        QVERIFY(first.trail.value(0).contains(QLatin1String("not running")));
        const AiResult second = Fixture::wait(service.run(simple()));
        QCOMPARE(second.provider, QStringLiteral("groq"));
        QCOMPARE(second.attempts, 1); // Ollama's circuit is open: skipped without a request
        QVERIFY2(second.trail.value(0).startsWith(QLatin1String("Ollama: circuit open, next probe in")),
                 qPrintable(second.trail.value(0)));
    }

    void offlineFallbackAnswersFromPassages()
    {
        Fixture f({QStringLiteral("gemini")}, {{QStringLiteral("other"), QStringLiteral("x")}}); // no usable key
        const QStringList passages{
            QStringLiteral("I grew up in Lagos. My first job was at a bank."),
            QStringLiteral("At the bank I managed a team of six analysts. We shipped a fraud model in 2019."),
            QStringLiteral("I enjoy football on weekends.")};
        const AiResult r = Fixture::wait(
            f.service->answerFromPassages(QStringLiteral("How large was the team she managed?"), passages));
        QVERIFY(r.ok);
        QVERIFY(r.offline);
        QCOMPARE(r.provider, QStringLiteral("offline"));
        QCOMPARE(r.providerLabel, QStringLiteral("Offline summary"));
        QVERIFY2(r.text.contains(QLatin1String("managed a team of six analysts")), qPrintable(r.text));
        QVERIFY(!r.text.contains(QLatin1String("football")));
        QCOMPARE(f.gemini.requestCount(), 0);
        QVERIFY(r.trail.value(0).contains(QLatin1String("no API key")));
    }

    void jsonWithoutProvidersFailsReadably()
    {
        Fixture f({QStringLiteral("gemini")});
        f.gemini.setHandler([](const ScriptedHttpServer::Request &) {
            return Response::json(
                429,
                R"({"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}})");
        });
        const AiResult r = Fixture::wait(f.service->generateJson(QStringLiteral("op"), QStringLiteral("x"), kSchema));
        QVERIFY(!r.ok);
        QCOMPARE(f.gemini.requestCount(), 1); // per-day quota: not retried
        QVERIFY2(r.error.startsWith(QLatin1String("No AI provider could answer. Gemini: HTTP 429 (quota exhausted)")),
                 qPrintable(r.error));
    }

    void cancelStopsTheChain()
    {
        Fixture f;
        f.gemini.enqueue(Response::stall());
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("ok"))));
        QFuture<AiResult> future = f.service->run(simple());
        QTRY_COMPARE(f.gemini.requestCount(), 1);
        future.cancel();
        QTRY_VERIFY(future.isFinished());
        QVERIFY(future.isCanceled());
        QTest::qWait(50);
        QCOMPARE(f.groq.requestCount(), 0);
    }

    void testConnectionTouchesOnlyThatProvider()
    {
        Fixture f;
        f.groq.enqueue(Response::json(200, chatText(QStringLiteral("ready"))));
        const AiResult r = Fixture::wait(f.service->testConnection(QStringLiteral("groq")));
        QVERIFY(r.ok);
        QCOMPARE(r.provider, QStringLiteral("groq"));
        QCOMPARE(f.gemini.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProviderChain)
#include "tst_provider_chain.moc"
