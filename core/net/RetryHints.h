#pragma once

#include "core/net/HttpTypes.h"

#include <QByteArray>

#include <optional>

namespace insighta::net {

// Parsers for every form in which a server says "come back later". Pure functions: each returns
// a duration in milliseconds (or an absolute time for HTTP-dates), or nothing if malformed.
namespace hints {

// Retry-After per RFC 9110 §10.2.3: delay-seconds, or an HTTP-date in any of the three forms
// recipients must accept (IMF-fixdate, obsolete RFC 850, asctime). Returns the wait from nowMs,
// never negative.
std::optional<qint64> retryAfter(const QByteArray &raw, qint64 nowMs);

// HTTP-date → ms since the epoch.
std::optional<qint64> httpDate(const QByteArray &raw);

// Go's time.Duration string as Groq sends in x-ratelimit-reset-*: "2m59.56s", "391ms", "1h0m0s".
std::optional<qint64> goDuration(const QByteArray &raw);

// A protobuf Duration in JSON ("47.17s"), as in google.rpc.RetryInfo.retryDelay.
std::optional<qint64> protoDuration(const QString &raw);

// Gemini's error body: the RetryInfo delay and whether a QuotaFailure names a per-day quota.
struct GoogleErrorHints
{
    std::optional<qint64> retryDelayMs;
    bool perDayQuota = false;
    bool perMinuteQuota = false;
    QString status; // e.g. RESOURCE_EXHAUSTED
    QString reason; // ErrorInfo.reason, e.g. API_KEY_INVALID
};
GoogleErrorHints googleError(const QByteArray &body);

// The one earliest time to retry, from every header and body hint present: the latest of them
// (every hint must be satisfied). Returns the wait in ms from nowMs.
std::optional<qint64> earliestRetryDelay(const HttpResponse &response, qint64 nowMs);

} // namespace hints
} // namespace insighta::net
