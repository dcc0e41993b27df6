// Reliability figures for the resilient HTTP layer against a scripted loopback server.
//   1. 2,000 calls, 30% of requests fail transiently (503): every call must succeed within its
//      deadline; prints attempts per call.
//   2. The server 100% down: retry amplification (attempts ÷ calls) of our client (budget and
//      breaker engaged) next to a naive 3-retry client, in the same run.
// Time runs 100x faster on a ScaledClock (a 1 s backoff takes 10 ms), so this takes seconds.
#include "core/net/ResilientClient.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace insighta::net;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

const int kCalls = qEnvironmentVariableIntValue("BENCH_CALLS") > 0 ? qEnvironmentVariableIntValue("BENCH_CALLS") : 2000;
const int kInFlight
    = qEnvironmentVariableIntValue("BENCH_IN_FLIGHT") > 0 ? qEnvironmentVariableIntValue("BENCH_IN_FLIGHT") : 16;
constexpr double kSpeedup = 100;

struct Outcome
{
    int calls = 0;
    int succeeded = 0;
    int failedFast = 0; // rejected by an open circuit without a request
    int deadlineExceeded = 0;
    qint64 attempts = 0;
    QList<int> attemptsPerCall;
    QList<qint64> latencyMs; // on the client's clock
    qint64 serverRequests = 0;
    double realSeconds = 0;
};

Outcome run(ResilientClient &client, ScriptedHttpServer &server, const QString &provider)
{
    Outcome outcome;
    server.clearRequests();
    QElapsedTimer real;
    real.start();
    int started = 0;
    int finished = 0;
    // A real event loop, not QTest::qWaitFor: that one sleeps 10 ms between rounds, which would
    // dominate loopback latency (and, on a fast clock, the virtual time).
    QEventLoop loop;
    std::function<void()> startOne = [&] {
        if (started >= kCalls)
            return;
        ++started;
        HttpRequest request;
        request.operation = QStringLiteral("bench");
        request.provider = provider;
        request.url = server.url(QStringLiteral("/v1/generate"));
        request.headers = {{"Content-Type", "application/json"}};
        request.body = R"({"prompt":"x"})";
        request.timeoutMs = 120'000;
        const qint64 begin = client.clock()->nowMs();
        client.send(request, &client, [&, begin](const CallResult &result) {
            ++finished;
            ++outcome.calls;
            outcome.attempts += result.attempts.size();
            outcome.attemptsPerCall << int(result.attempts.size());
            outcome.latencyMs << client.clock()->nowMs() - begin;
            if (result.ok())
                ++outcome.succeeded;
            if (result.status == CallResult::Status::CircuitOpen)
                ++outcome.failedFast;
            if (result.deadlineExceeded)
                ++outcome.deadlineExceeded;
            if (finished == kCalls)
                loop.quit();
            startOne();
        });
    };
    for (int i = 0; i < kInFlight; ++i)
        startOne();
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    if (finished < kCalls)
        loop.exec();
    if (finished < kCalls)
        std::fprintf(stderr, "benchmark did not finish: %d of %d calls\n", finished, kCalls);
    outcome.serverRequests = server.requestCount();
    outcome.realSeconds = double(real.elapsed()) / 1000.0;
    return outcome;
}

RetryConfig retryConfig()
{
    RetryConfig config;
    config.maxAttempts = 4;
    config.baseDelayMs = 1000;
    config.maxDelayMs = 20'000;
    config.attemptTimeoutMs = 30'000;
    return config;
}

qint64 percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())))];
}

void printHistogram(const Outcome &o)
{
    QMap<int, int> histogram;
    for (int attempts : o.attemptsPerCall)
        histogram[attempts] += 1;
    std::printf("  attempts per call:");
    for (auto it = histogram.begin(); it != histogram.end(); ++it)
        std::printf("  %d: %d", it.key(), it.value());
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("insighta.net=false"));

    ScriptedHttpServer server;
    if (!server.listen())
        return 1;

    std::printf("# Network reliability (%d calls, %d in flight, loopback server, clock %gx)\n", kCalls, kInFlight,
                kSpeedup);

    // 1. 30% transient failures, decided per request by a seeded generator.
    {
        QRandomGenerator failures(42);
        server.setHandler([&failures](const ScriptedHttpServer::Request &) {
            return failures.generateDouble() < 0.30 ? Response::json(503, R"({"error":"busy"})")
                                                    : Response::json(200, R"({"ok":true})");
        });
        ScaledClock clock(kSpeedup);
        ResilientClient client(&clock, seededRandomSource(7));
        // With failures independent at 30%, four attempts would leave 0.3^4 = 0.8% of calls failed
        // (16 of 2,000); eight leave 0.007% — the deadline, not the count, bounds the call.
        RetryConfig config = retryConfig();
        config.maxAttempts = 8;
        client.setRetryConfig(config);
        const Outcome o = run(client, server, QStringLiteral("flaky"));
        std::printf("\n## 30%% of requests fail transiently\n");
        std::printf("  succeeded: %d / %d   deadline exceeded: %d\n", o.succeeded, o.calls, o.deadlineExceeded);
        std::printf("  attempts: %lld   attempts per call: %.3f   server requests: %lld\n", o.attempts,
                    double(o.attempts) / o.calls, o.serverRequests);
        printHistogram(o);
        std::printf("  latency on the client's clock: p50 %lld ms   p99 %lld ms   max %lld ms (deadline 120000 ms)\n",
                    percentile(o.latencyMs, 0.50), percentile(o.latencyMs, 0.99), percentile(o.latencyMs, 1.0));
        std::printf("  real time: %.2f s\n", o.realSeconds);
    }

    // 2. The server is down for the whole run.
    server.setHandler([](const ScriptedHttpServer::Request &) { return Response::json(503, R"({"error":"down"})"); });
    std::printf("\n## Server 100%% down: retry amplification (attempts / calls)\n");
    {
        ScaledClock clock(kSpeedup);
        ResilientClient client(&clock, seededRandomSource(7));
        RetryConfig config = retryConfig();
        config.maxAttempts = 8; // the same generous client as above: budget and breaker still cap it
        client.setRetryConfig(config);
        const Outcome o = run(client, server, QStringLiteral("down"));
        std::printf("  ours (budget + breaker):   %.3fx   (%lld attempts for %d calls; %d rejected at once by the open "
                    "circuit; server saw %lld requests; %.2f s)\n",
                    double(o.attempts) / o.calls, o.attempts, o.calls, o.failedFast, o.serverRequests, o.realSeconds);
    }
    {
        ScaledClock clock(kSpeedup);
        ResilientClient client(&clock, seededRandomSource(7));
        RetryConfig config = retryConfig();
        config.maxAttempts = 8;
        client.setRetryConfig(config);
        CircuitBreaker::Config never;
        never.consecutiveFailures = 1'000'000'000;
        client.setBreakerConfig(never);
        const Outcome o = run(client, server, QStringLiteral("down"));
        std::printf("  ours, budget only (no breaker): %.3fx   (%lld attempts for %d calls; %.2f s)\n",
                    double(o.attempts) / o.calls, o.attempts, o.calls, o.realSeconds);
    }
    {
        ScaledClock clock(kSpeedup);
        ResilientClient client(&clock, seededRandomSource(7));
        client.setRetryConfig(retryConfig());
        // The naive client: the same 3 retries with backoff, no budget and no breaker.
        client.setBudgetConfig(RetryBudget::Config{1'000'000'000, 1, 1, 1});
        CircuitBreaker::Config never;
        never.consecutiveFailures = 1'000'000'000;
        client.setBreakerConfig(never);
        const Outcome o = run(client, server, QStringLiteral("down"));
        std::printf(
            "  naive 3-retry client:      %.3fx   (%lld attempts for %d calls; server saw %lld requests; %.2f s)\n",
            double(o.attempts) / o.calls, o.attempts, o.calls, o.serverRequests, o.realSeconds);
    }
    return 0;
}
