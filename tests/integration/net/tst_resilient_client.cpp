#include "core/net/ResilientClient.h"
#include "tests/testkit/CallRunner.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>

using namespace insighta::net;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

// Virtual time runs 1000x faster: a 1 s backoff takes 1 ms, and the planned waits stay exact.
constexpr double kSpeedup = 1000;

QByteArray imfFixdate(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    static const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return QByteArray(days[at.date().dayOfWeek() - 1]) + ", "
        + QByteArray::number(at.date().day()).rightJustified(2, '0') + ' ' + months[at.date().month() - 1] + ' '
        + QByteArray::number(at.date().year()) + ' ' + at.time().toString(QStringLiteral("hh:mm:ss")).toLatin1()
        + " GMT";
}

struct Fixture
{
    ScriptedHttpServer server;
    ScaledClock clock{kSpeedup};
    ResilientClient client{&clock, fixedRandom(0.5)};

    Fixture()
    {
        RetryConfig config;
        config.maxAttempts = 4;
        config.baseDelayMs = 1000;
        config.maxDelayMs = 20'000;
        config.attemptTimeoutMs = 500'000; // 0.5 s of real time
        client.setRetryConfig(config);
        client.setProviderLabel(QStringLiteral("test"), QStringLiteral("Test"));
    }

    HttpRequest request(bool idempotent = true)
    {
        HttpRequest r;
        r.operation = QStringLiteral("generate-assessment");
        r.provider = QStringLiteral("test");
        r.url = server.url(QStringLiteral("/v1/thing"));
        r.headers = {{"Authorization", "Bearer sk-test-secret-123456"}, {"Content-Type", "application/json"}};
        r.body = R"({"q":1})";
        r.idempotent = idempotent;
        r.timeoutMs = 60 * 60'000; // 3.6 s of real time at 1000x
        return r;
    }

    CallResult run(HttpRequest r) { return insighta::testkit::runCall(client, std::move(r)); }
};

QList<qint64> waits(const CallResult &result)
{
    QList<qint64> list;
    for (const AttemptRecord &attempt : result.attempts) {
        if (attempt.waitAfterMs >= 0)
            list << attempt.waitAfterMs;
    }
    return list;
}

} // namespace

class TestResilientClient : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=false")); }

    void throttledHonoursEveryHintForm_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("expectedWait");
        // Backoff after attempt 1 with jitter 0.5 is 500 ms; every hint here is larger.
        QTest::newRow("retry-after seconds")
            << QByteArray("Retry-After") << QByteArray("7") << QByteArray() << qint64(7000);
        QTest::newRow("retry-after-ms") << QByteArray("retry-after-ms") << QByteArray("2500") << QByteArray()
                                        << qint64(2500);
        QTest::newRow("ratelimit-reset") << QByteArray("ratelimit-reset") << QByteArray("3") << QByteArray()
                                         << qint64(3000);
        QTest::newRow("groq go duration")
            << QByteArray("x-ratelimit-reset-requests") << QByteArray("2m1.5s") << QByteArray() << qint64(121'500);
        QTest::newRow("gemini RetryInfo")
            << QByteArray() << QByteArray()
            << QByteArray(
                   R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47.17s"}]}})")
            << qint64(47'170);
    }
    void throttledHonoursEveryHintForm()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, body);
        QFETCH(qint64, expectedWait);
        Fixture f;
        QVERIFY(f.server.listen());
        ScriptedHttpServer::Headers headers;
        if (!header.isEmpty())
            headers.append(qMakePair(header, value));
        f.server.enqueue(Response::json(429, body.isEmpty() ? QByteArray("{}") : body, headers));
        f.server.enqueue(Response::json(200, R"({"ok":true})"));
        const CallResult result = f.run(f.request());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(f.server.requestCount(), 2);
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(result.attempts[0].outcome.kind, OutcomeKind::Throttled);
        QCOMPARE(waits(result), QList<qint64>{expectedWait});
        // The second attempt did not start before the wait was over (on the client's clock).
        QVERIFY(result.attempts[1].startedAtMs - result.attempts[0].startedAtMs >= expectedWait);
    }

    void retryAfterHttpDate()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        // The date is taken on the client's clock when the request arrives; whole seconds only, and
        // at 1000x a millisecond of real latency is a virtual second, hence the generous range.
        f.server.setHandler([&f](const ScriptedHttpServer::Request &) {
            static int calls = 0;
            if (calls++ == 0)
                return Response::json(429, "{}", {{"Retry-After", imfFixdate(f.clock.nowMs() + 600'000)}});
            return Response::json(200, "{}");
        });
        HttpRequest r = f.request();
        r.timeoutMs = 3'600'000;
        const CallResult result = f.run(r);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.attempts.size(), 2);
        const qint64 wait = waits(result).value(0);
        QVERIFY2(wait > 500'000 && wait <= 600'000, qPrintable(QString::number(wait)));
    }

    void transientBacksOffWithFullJitter()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::json(503, "{}"), Response::json(502, "{}"), Response::json(200, "{}")});
        const CallResult result = f.run(f.request());
        QVERIFY(result.ok());
        QCOMPARE(f.server.requestCount(), 3);
        // jitter 0.5 of 1 s, then of 2 s
        QCOMPARE(waits(result), (QList<qint64>{500, 1000}));
    }

    void givesUpAfterMaxAttempts()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(503, "{}"); });
        const CallResult result = f.run(f.request());
        QCOMPARE(result.status, CallResult::Status::Failed);
        QCOMPARE(f.server.requestCount(), 4);
        QCOMPARE(waits(result), (QList<qint64>{500, 1000, 2000}));
        QVERIFY(result.error.contains(QLatin1String("gave up after 4 attempts")));
        QVERIFY(result.worthTryingElsewhere());
    }

    void resetMidBodyRetriesWhenIdempotent()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::resetMidBody(), Response::json(200, R"({"ok":1})")});
        const CallResult result = f.run(f.request(true));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(result.attempts[0].outcome.kind, OutcomeKind::Ambiguous);
        QCOMPARE(result.response.body, QByteArray(R"({"ok":1})"));
    }

    void resetMidBodyNotRetriedWhenNotIdempotent()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::resetMidBody(), Response::json(200, "{}")});
        const CallResult result = f.run(f.request(false));
        QCOMPARE(result.status, CallResult::Status::Failed);
        QCOMPARE(f.server.requestCount(), 1);
        QVERIFY(result.error.contains(QLatin1String("may have been processed")));
    }

    void stallPastTimeoutRetries()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::stall(), Response::json(200, "{}")});
        const CallResult result = f.run(f.request());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(f.server.requestCount(), 2);
        QCOMPARE(result.attempts[0].outcome.kind, OutcomeKind::TimedOut);
        // The first attempt lasted its whole timeout on the client's clock.
        QVERIFY(result.attempts[1].startedAtMs - result.attempts[0].startedAtMs >= 500'000);
    }

    void hintBeyondDeadlineFailsFast()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::json(429, "{}", {{"Retry-After", "3600"}}), Response::json(200, "{}")});
        HttpRequest r = f.request();
        r.timeoutMs = 60'000;
        const CallResult result = f.run(r);
        QCOMPARE(result.status, CallResult::Status::Failed);
        QCOMPARE(f.server.requestCount(), 1);
        QVERIFY(result.deadlineExceeded);
        QVERIFY(!result.worthTryingElsewhere());
        QVERIFY2(result.error.contains(QLatin1String("beyond the deadline")), qPrintable(result.error));
    }

    void overallDeadlineIncludesRetries()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.setHandler([](const ScriptedHttpServer::Request &) { return Response::stall(); });
        HttpRequest r = f.request();
        r.timeoutMs = 800'000; // one 500 s attempt plus a bit: the second attempt gets what is left
        const CallResult result = f.run(r);
        QCOMPARE(result.status, CallResult::Status::Failed);
        QVERIFY(result.deadlineExceeded);
        QCOMPARE(result.attempts.size(), 2);
        QVERIFY(f.clock.nowMs() - result.attempts[0].startedAtMs < 800'000 + 200'000);
    }

    void cancelIsNotATimeout()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue(Response::stall());
        std::optional<CallResult> result;
        QPointer<Call> call = f.client.send(f.request(), &f.client, [&](const CallResult &r) { result = r; });
        QSignalSpy received(&f.server, &ScriptedHttpServer::requestReceived);
        QVERIFY(received.wait(5000));
        call->cancel();
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->status, CallResult::Status::Cancelled);
        QCOMPARE(result->attempts.size(), 1);
        QCOMPARE(result->last.kind, OutcomeKind::Cancelled);
        QVERIFY(!result->worthTryingElsewhere());
        QCOMPARE(f.server.requestCount(), 1);
    }

    void clientErrorsAreFinal()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::json(401, R"({"error":"bad key"})"), Response::json(200, "{}")});
        const CallResult result = f.run(f.request());
        QCOMPARE(result.status, CallResult::Status::Failed);
        QCOMPARE(result.last.kind, OutcomeKind::Unauthorized);
        QCOMPARE(f.server.requestCount(), 1);
    }

    void budgetStopsRetryStorm()
    {
        Fixture f;
        f.client.setBudgetConfig(RetryBudget::Config{10, 5, 10, 1}); // two retries in total
        CircuitBreaker::Config breaker;
        breaker.consecutiveFailures = 1000; // isolate the budget
        f.client.setBreakerConfig(breaker);
        QVERIFY(f.server.listen());
        f.server.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(503, "{}"); });
        for (int i = 0; i < 5; ++i)
            QCOMPARE(f.run(f.request()).status, CallResult::Status::Failed);
        QCOMPARE(f.server.requestCount(), 5 + 2);
        QCOMPARE(f.client.health(QStringLiteral("test")).budgetTokens, 0);
    }

    void breakerOpensAndProbes()
    {
        Fixture f;
        QVERIFY(f.server.listen());
        QSignalSpy health(&f.client, &ResilientClient::healthChanged);
        f.server.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(503, "{}"); });
        // 4 attempts, then 1 more opens the circuit (5 consecutive failures).
        QCOMPARE(f.run(f.request()).status, CallResult::Status::Failed);
        const CallResult second = f.run(f.request());
        QCOMPARE(second.status, CallResult::Status::Failed);
        QVERIFY2(second.error.contains(QLatin1String("circuit open")), qPrintable(second.error));
        QCOMPARE(f.server.requestCount(), 5);
        const CallResult rejected = f.run(f.request());
        QCOMPARE(rejected.status, CallResult::Status::CircuitOpen);
        QCOMPARE(rejected.attempts.size(), 0);
        QCOMPARE(f.server.requestCount(), 5);
        const ProviderHealth state = f.client.health(QStringLiteral("test"));
        QCOMPARE(state.state, CircuitBreaker::State::Open);
        QVERIFY2(state.text.startsWith(QLatin1String("Test: circuit open, next probe in")), qPrintable(state.text));
        QVERIFY(!health.isEmpty());
        QVERIFY(health.last().at(1).toString().contains(QLatin1String("circuit open")));

        // After the 30 s cool-down (30 ms real) one probe goes through and closes the circuit.
        f.server.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(200, "{}"); });
        QTRY_COMPARE_WITH_TIMEOUT(f.client.health(QStringLiteral("test")).state, CircuitBreaker::State::HalfOpen, 5000);
        QVERIFY(f.run(f.request()).ok());
        QCOMPARE(f.client.health(QStringLiteral("test")).state, CircuitBreaker::State::Closed);
    }

    void oneRedactedLogLinePerAttempt()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=true"));
        Fixture f;
        QVERIFY(f.server.listen());
        f.server.enqueue({Response::json(429, R"({"echo":"Bearer sk-test-secret-123456"})", {{"Retry-After", "2"}}),
                          Response::json(200, "{}")});
        QTest::ignoreMessage(
            QtWarningMsg,
            "attempt 1/4 for generate-assessment on Test failed: HTTP 429 (rate limited), retrying in 2.0 s");
        const CallResult result = f.run(f.request());
        QVERIFY(result.ok());
        QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=false"));
        QVERIFY(!result.error.contains(QLatin1String("sk-test-secret")));
    }

    void unreachableTripsLocalProvider()
    {
        Fixture f;
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            deadPort = probe.serverPort();
        }
        HttpRequest r = f.request();
        r.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(deadPort));
        r.tripOnUnreachable = true;
        const CallResult result = f.run(r);
        QCOMPARE(result.status, CallResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.last.kind, OutcomeKind::Unreachable);
        QCOMPARE(f.client.health(QStringLiteral("test")).state, CircuitBreaker::State::Open);
    }
};

QTEST_GUILESS_MAIN(TestResilientClient)
#include "tst_resilient_client.moc"
