#include "core/net/RetryPolicy.h"

#include <QTest>

using namespace insighta::net;

Q_DECLARE_METATYPE(OutcomeKind)

namespace {

HttpResponse http(int status, QByteArray body = {}, HeaderList headers = {})
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

HttpResponse networkFailure(QNetworkReply::NetworkError error, int status = 0)
{
    HttpResponse response;
    response.status = status;
    response.networkError = error;
    response.errorString = QStringLiteral("boom");
    return response;
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    void classification_data()
    {
        QTest::addColumn<HttpResponse>("response");
        QTest::addColumn<OutcomeKind>("kind");
        QTest::addColumn<qint64>("hint");
        QTest::newRow("200") << http(200) << OutcomeKind::Success << qint64(-1);
        QTest::newRow("204") << http(204) << OutcomeKind::Success << qint64(-1);
        for (int status : {408, 425, 498, 500, 502, 503, 504, 599})
            QTest::addRow("%d", status) << http(status) << OutcomeKind::Transient << qint64(-1);
        QTest::newRow("503 retry-after") << http(503, {}, {{"retry-after", "4"}}) << OutcomeKind::Transient
                                         << qint64(4000);
        QTest::newRow("429") << http(429, {}, {{"retry-after", "2"}}) << OutcomeKind::Throttled << qint64(2000);
        QTest::newRow("429 gemini per-minute") << http(
            429,
            R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47.17s"}]}})")
                                               << OutcomeKind::Throttled << qint64(47'170);
        QTest::newRow("429 gemini per-day") << http(
            429,
            R"({"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel"}]}]}})")
                                            << OutcomeKind::QuotaExhausted << qint64(-1);
        QTest::newRow("429 resend rate") << http(
            429, R"({"statusCode":429,"name":"rate_limit_exceeded","message":"slow down"})", {{"ratelimit-reset", "1"}})
                                         << OutcomeKind::Throttled << qint64(1000);
        QTest::newRow("429 resend daily") << http(429, R"({"statusCode":429,"name":"daily_quota_exceeded"})")
                                          << OutcomeKind::QuotaExhausted << qint64(-1);
        QTest::newRow("429 resend monthly") << http(429, R"({"statusCode":429,"name":"monthly_quota_exceeded"})")
                                            << OutcomeKind::QuotaExhausted << qint64(-1);
        QTest::newRow("402") << http(402) << OutcomeKind::QuotaExhausted << qint64(-1);
        QTest::newRow("400") << http(400) << OutcomeKind::ClientError << qint64(-1);
        QTest::newRow("400 gemini bad key") << http(
            400,
            R"({"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}})")
                                            << OutcomeKind::Unauthorized << qint64(-1);
        QTest::newRow("401") << http(401) << OutcomeKind::Unauthorized << qint64(-1);
        QTest::newRow("403") << http(403) << OutcomeKind::Unauthorized << qint64(-1);
        QTest::newRow("404") << http(404) << OutcomeKind::ClientError << qint64(-1);
        QTest::newRow("422") << http(422) << OutcomeKind::ClientError << qint64(-1);
        QTest::newRow("409 payload mismatch")
            << http(409, R"({"name":"invalid_idempotent_request"})") << OutcomeKind::ClientError << qint64(-1);
        QTest::newRow("409 concurrent") << http(409, R"({"name":"concurrent_idempotent_requests"})")
                                        << OutcomeKind::Transient << qint64(-1);
        QTest::newRow("refused") << networkFailure(QNetworkReply::ConnectionRefusedError) << OutcomeKind::Unreachable
                                 << qint64(-1);
        QTest::newRow("host not found") << networkFailure(QNetworkReply::HostNotFoundError) << OutcomeKind::Unreachable
                                        << qint64(-1);
        QTest::newRow("closed") << networkFailure(QNetworkReply::RemoteHostClosedError) << OutcomeKind::Ambiguous
                                << qint64(-1);
        QTest::newRow("reset mid-body") << networkFailure(QNetworkReply::RemoteHostClosedError, 200)
                                        << OutcomeKind::Ambiguous << qint64(-1);
        QTest::newRow("tls") << networkFailure(QNetworkReply::SslHandshakeFailedError) << OutcomeKind::ClientError
                             << qint64(-1);
        HttpResponse cancelled = networkFailure(QNetworkReply::OperationCanceledError);
        cancelled.cancelled = true;
        QTest::newRow("cancelled") << cancelled << OutcomeKind::Cancelled << qint64(-1);
        HttpResponse timedOut = networkFailure(QNetworkReply::OperationCanceledError);
        timedOut.timedOut = true;
        QTest::newRow("timed out") << timedOut << OutcomeKind::TimedOut << qint64(-1);
    }
    void classification()
    {
        QFETCH(HttpResponse, response);
        QFETCH(OutcomeKind, kind);
        QFETCH(qint64, hint);
        const Classification c = classify(response, 0);
        QCOMPARE(outcomeName(c.kind), outcomeName(kind));
        QCOMPARE(c.hintDelayMs.value_or(-1), hint);
    }

    void decision_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<OutcomeKind>("kind");
        QTest::addColumn<qint64>("hint"); // -1 none
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<qint64>("deadline"); // from now = 0
        QTest::addColumn<double>("random");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<qint64>("delay");
        QTest::addColumn<bool>("failedFast");
        const qint64 far = 1'000'000;
        // base 1 s, cap 8 s, 4 attempts
        QTest::newRow("success stops") << 1 << OutcomeKind::Success << qint64(-1) << true << far << 0.5 << false
                                       << qint64(0) << false;
        QTest::newRow("transient, full jitter 1")
            << 1 << OutcomeKind::Transient << qint64(-1) << true << far << 0.5 << true << qint64(500) << false;
        QTest::newRow("transient, full jitter 2")
            << 2 << OutcomeKind::Transient << qint64(-1) << true << far << 0.5 << true << qint64(1000) << false;
        QTest::newRow("transient, full jitter 3")
            << 3 << OutcomeKind::Transient << qint64(-1) << true << far << 0.99 << true << qint64(3960) << false;
        QTest::newRow("jitter can be zero")
            << 1 << OutcomeKind::Transient << qint64(-1) << true << far << 0.0 << true << qint64(0) << false;
        QTest::newRow("last attempt") << 4 << OutcomeKind::Transient << qint64(-1) << true << far << 0.5 << false
                                      << qint64(0) << false;
        QTest::newRow("hint beats backoff")
            << 1 << OutcomeKind::Throttled << qint64(7000) << true << far << 0.5 << true << qint64(7000) << false;
        QTest::newRow("backoff beats hint")
            << 3 << OutcomeKind::Throttled << qint64(100) << true << far << 0.5 << true << qint64(2000) << false;
        QTest::newRow("hint above cap still honoured")
            << 1 << OutcomeKind::Throttled << qint64(30'000) << true << far << 0.5 << true << qint64(30'000) << false;
        QTest::newRow("hint beyond deadline fails fast") << 1 << OutcomeKind::Throttled << qint64(60'000) << true
                                                         << qint64(30'000) << 0.5 << false << qint64(0) << true;
        QTest::newRow("backoff beyond deadline")
            << 3 << OutcomeKind::Transient << qint64(-1) << true << qint64(1000) << 0.9 << false << qint64(0) << true;
        QTest::newRow("quota stops") << 1 << OutcomeKind::QuotaExhausted << qint64(5000) << true << far << 0.5 << false
                                     << qint64(0) << false;
        QTest::newRow("client error stops")
            << 1 << OutcomeKind::ClientError << qint64(-1) << true << far << 0.5 << false << qint64(0) << false;
        QTest::newRow("unauthorised stops")
            << 1 << OutcomeKind::Unauthorized << qint64(-1) << true << far << 0.5 << false << qint64(0) << false;
        QTest::newRow("cancel stops") << 1 << OutcomeKind::Cancelled << qint64(-1) << true << far << 0.5 << false
                                      << qint64(0) << false;
        QTest::newRow("ambiguous idempotent retries")
            << 1 << OutcomeKind::Ambiguous << qint64(-1) << true << far << 0.5 << true << qint64(500) << false;
        QTest::newRow("ambiguous non-idempotent stops")
            << 1 << OutcomeKind::Ambiguous << qint64(-1) << false << far << 0.5 << false << qint64(0) << false;
        QTest::newRow("timeout non-idempotent stops")
            << 1 << OutcomeKind::TimedOut << qint64(-1) << false << far << 0.5 << false << qint64(0) << false;
        QTest::newRow("unreachable non-idempotent retries (nothing sent)")
            << 1 << OutcomeKind::Unreachable << qint64(-1) << false << far << 0.5 << true << qint64(500) << false;
    }
    void decision()
    {
        QFETCH(int, attempt);
        QFETCH(OutcomeKind, kind);
        QFETCH(qint64, hint);
        QFETCH(bool, idempotent);
        QFETCH(qint64, deadline);
        QFETCH(double, random);
        QFETCH(bool, retry);
        QFETCH(qint64, delay);
        QFETCH(bool, failedFast);
        RetryConfig config;
        config.maxAttempts = 4;
        config.baseDelayMs = 1000;
        config.maxDelayMs = 8000;
        const RetryPolicy policy(config);
        Classification outcome;
        outcome.kind = kind;
        if (hint >= 0)
            outcome.hintDelayMs = hint;
        const RetryDecision decision = policy.decide(attempt, outcome, idempotent, 0, deadline, random);
        QCOMPARE(decision.retry, retry);
        if (retry)
            QCOMPARE(decision.delayMs, delay);
        QCOMPARE(decision.failedFast, failedFast);
        QVERIFY(!decision.reason.isEmpty());
    }

    void backoffIsCapped()
    {
        RetryConfig config;
        config.baseDelayMs = 1000;
        config.maxDelayMs = 20'000;
        const RetryPolicy policy(config);
        QCOMPARE(policy.backoffMs(1, 1.0), qint64(1000));
        QCOMPARE(policy.backoffMs(5, 1.0), qint64(16'000));
        QCOMPARE(policy.backoffMs(6, 1.0), qint64(20'000));
        QCOMPARE(policy.backoffMs(60, 1.0), qint64(20'000));
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(250) << QStringLiteral("250 ms");
        QTest::newRow("s") << qint64(1800) << QStringLiteral("1.8 s");
        QTest::newRow("tens") << qint64(40'000) << QStringLiteral("40 s");
        QTest::newRow("min") << qint64(125'000) << QStringLiteral("2 min 5 s");
        QTest::newRow("h") << qint64(3'900'000) << QStringLiteral("1 h 5 min");
    }
    void durations()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(ms), text);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retry_policy.moc"
