#include "core/net/Redact.h"
#include "core/net/RetryHints.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace insighta::net;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date.
const qint64 kRfcExample = QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc()).toMSecsSinceEpoch();
// The longest wait a hint can ask for (RetryHints.cpp): huge values saturate there.
constexpr qint64 kLongestHint = std::numeric_limits<qint64>::max() / 4;
} // namespace

class TestRetryHints : public QObject
{
    Q_OBJECT
private slots:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("expected"); // -1 = no hint
        QTest::newRow("delta-seconds") << QByteArray("120") << qint64(0) << qint64(120'000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0) << qint64(0);
        QTest::newRow("spaces") << QByteArray("  7 ") << qint64(0) << qint64(7000);
        QTest::newRow("fractional (lenient)") << QByteArray("1.5") << qint64(0) << qint64(1500);
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << kRfcExample - 30'000
                                     << qint64(30'000);
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << kRfcExample - 5000 << qint64(5000);
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << kRfcExample - 2000 << qint64(2000);
        QTest::newRow("date in the past")
            << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << kRfcExample + 10'000 << qint64(0);
        QTest::newRow("negative") << QByteArray("-5") << qint64(0) << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(0) << qint64(-1);
        QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << qint64(0) << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(0) << qint64(-1);
        // Found by fuzzing: a huge fractional value overflowed to a negative wait (retry at once).
        QTest::newRow("huge fractional saturates") << QByteArray(120, '7').append(".") << qint64(0) << kLongestHint;
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, now);
        QFETCH(qint64, expected);
        const auto result = hints::retryAfter(value, now);
        QCOMPARE(result.value_or(-1), expected);
    }

    void goDuration_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("minutes and seconds") << QByteArray("2m59.56s") << qint64(179'560);
        QTest::newRow("milliseconds") << QByteArray("391ms") << qint64(391);
        QTest::newRow("seconds") << QByteArray("7.66s") << qint64(7660);
        QTest::newRow("hours") << QByteArray("1h0m0s") << qint64(3'600'000);
        QTest::newRow("micro rounds up") << QByteArray("1.5us") << qint64(1);
        QTest::newRow("zero") << QByteArray("0s") << qint64(0);
        QTest::newRow("bare zero") << QByteArray("0") << qint64(0);
        QTest::newRow("no unit") << QByteArray("12") << qint64(-1);
        QTest::newRow("unknown unit") << QByteArray("3d") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("huge saturates") << QByteArray("99999999999999999999999h") << kLongestHint;
    }
    void goDuration()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        QCOMPARE(hints::goDuration(value).value_or(-1), expected);
    }

    void googleError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("delay");
        QTest::addColumn<bool>("perDay");
        QTest::addColumn<bool>("perMinute");
        QTest::newRow("per-minute with delay")
            << QByteArray(R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
                {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47.17s"}]}})")
            << qint64(47'170) << false << true;
        QTest::newRow("per-day") << QByteArray(R"({"error":{"code":429,"details":[
                {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}})")
                                 << qint64(20'000) << true << false;
        QTest::newRow("wrapped in an array") << QByteArray(
            R"([{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3s"}]}}])")
                                             << qint64(3000) << false << false;
        QTest::newRow("no details") << QByteArray(R"({"error":{"code":503}})") << qint64(-1) << false << false;
        QTest::newRow("not json") << QByteArray("<html>") << qint64(-1) << false << false;
    }
    void googleError()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, delay);
        QFETCH(bool, perDay);
        QFETCH(bool, perMinute);
        const auto result = hints::googleError(body);
        QCOMPARE(result.retryDelayMs.value_or(-1), delay);
        QCOMPARE(result.perDayQuota, perDay);
        QCOMPARE(result.perMinuteQuota, perMinute);
    }

    void earliest_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("retry-after") << 429 << HeaderList{{"retry-after", "3"}} << QByteArray() << qint64(3000);
        QTest::newRow("retry-after-ms") << 429 << HeaderList{{"retry-after-ms", "250.5"}} << QByteArray()
                                        << qint64(251);
        QTest::newRow("ratelimit-reset") << 429 << HeaderList{{"ratelimit-reset", "9"}} << QByteArray() << qint64(9000);
        QTest::newRow("largest wins") << 429 << HeaderList{{"retry-after", "2"}, {"retry-after-ms", "4500"}}
                                      << QByteArray() << qint64(4500);
        QTest::newRow("groq exhausted window") << 429
                                               << HeaderList{{"x-ratelimit-remaining-requests", "0"},
                                                             {"x-ratelimit-reset-requests", "2m59.56s"},
                                                             {"x-ratelimit-remaining-tokens", "5000"},
                                                             {"x-ratelimit-reset-tokens", "391ms"}}
                                               << QByteArray() << qint64(179'560);
        QTest::newRow("groq resets ignored off 429")
            << 503 << HeaderList{{"x-ratelimit-remaining-requests", "0"}, {"x-ratelimit-reset-requests", "30s"}}
            << QByteArray() << qint64(-1);
        QTest::newRow("gemini body")
            << 429 << HeaderList{}
            << QByteArray(
                   R"({"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})")
            << qint64(1500);
        QTest::newRow("none") << 503 << HeaderList{} << QByteArray() << qint64(-1);
        // Found by fuzzing: seconds * 1000 overflowed (signed overflow, then a negative wait).
        QTest::newRow("huge ratelimit-reset saturates")
            << 429 << HeaderList{{"ratelimit-reset", "62222222244445330"}} << QByteArray() << kLongestHint;
        QTest::newRow("huge retry-after-ms saturates")
            << 429 << HeaderList{{"retry-after-ms", "1e300"}} << QByteArray() << kLongestHint;
        QTest::newRow("huge gemini delay saturates")
            << 429 << HeaderList{}
            << QByteArray(
                   R"({"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1e300s"}]}})")
            << kLongestHint;
    }
    void earliest()
    {
        QFETCH(int, status);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, body);
        QFETCH(qint64, expected);
        HttpResponse response;
        response.status = status;
        response.headers = headers;
        response.body = body;
        QCOMPARE(hints::earliestRetryDelay(response, 0).value_or(-1), expected);
    }

    void redaction_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("known secret") << QStringLiteral("failed with sk-abcdef123456 in body")
                                      << QStringLiteral("failed with [redacted] in body");
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer gsk_zzzzzz")
                                << QStringLiteral("Authorization: Bearer [redacted]");
        QTest::newRow("google header") << QStringLiteral("x-goog-api-key: AIzaSyQ")
                                       << QStringLiteral("x-goog-api-key: [redacted]");
        QTest::newRow("query key") << QStringLiteral("https://h/v1?key=AIza123&alt=json")
                                   << QStringLiteral("https://h/v1?key=[redacted]&alt=json");
        QTest::newRow("nothing") << QStringLiteral("HTTP 503") << QStringLiteral("HTTP 503");
    }
    void redaction()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(redact(text, {QStringLiteral("sk-abcdef123456")}), expected);
    }
};

QTEST_GUILESS_MAIN(TestRetryHints)
#include "tst_retry_hints.moc"
