#pragma once

#include "core/net/HttpTypes.h"

#include <QString>

#include <optional>

namespace insighta::net {

// What an attempt's outcome means for retrying. Every response is classified before any
// decision is taken.
enum class OutcomeKind {
    Success,
    Transient, // network error before sending, 408, 425, 500, 502, 503, 504, Groq 498
    Throttled, // 429 with a short (per-minute) window
    QuotaExhausted, // per-day 429, 402, Resend daily/monthly quota: stop and park
    ClientError, // 400, 404, 409 payload mismatch, 422, TLS failure...: stop
    Unauthorized, // 401, 403, Gemini API_KEY_INVALID: stop; the chain moves on
    Cancelled, // the user cancelled: stop silently
    Ambiguous, // the connection dropped after the request went out: retry only if idempotent
    TimedOut, // the per-attempt timeout fired (also ambiguous)
    Unreachable, // connection refused / host not found: nothing was sent
};

QString outcomeName(OutcomeKind kind);

struct Classification
{
    OutcomeKind kind = OutcomeKind::Success;
    int httpStatus = 0;
    QString detail; // short and readable: "HTTP 429 (rate limited)"
    std::optional<qint64> hintDelayMs; // the server's earliest retry, relative to classification time

    bool isSuccess() const { return kind == OutcomeKind::Success; }
};

// Classifies a raw response. Provider quirks that need the body (errors inside a 200) are
// applied on top by the provider's inspector.
Classification classify(const HttpResponse &response, qint64 nowMs);

struct RetryConfig
{
    int maxAttempts = 4; // including the first
    qint64 baseDelayMs = 1000;
    qint64 maxDelayMs = 20'000; // cap of the exponential backoff
    qint64 attemptTimeoutMs = 60'000;
};

struct RetryDecision
{
    bool retry = false;
    qint64 delayMs = 0; // when retry: wait this long
    QString reason; // why we stop, or what we wait for
    bool failedFast = false; // the server's hint lies beyond the deadline
};

// A pure function of (attempt, outcome, now, deadline, random) → retry after D, or stop.
class RetryPolicy
{
public:
    explicit RetryPolicy(RetryConfig config = {})
        : m_config(config)
    {
    }
    const RetryConfig &config() const { return m_config; }

    // attempt: 1-based number of the attempt that just finished. random01 in [0, 1).
    RetryDecision decide(int attempt, const Classification &outcome, bool idempotent, qint64 nowMs, qint64 deadlineMs,
                         double random01) const;

    // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].
    qint64 backoffMs(int attempt, double random01) const;

private:
    RetryConfig m_config;
};

// "1.8 s", "250 ms", "2 min 5 s" — for log lines and the UI.
QString formatDuration(qint64 ms);

} // namespace insighta::net
