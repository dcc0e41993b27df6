#include "core/net/RetryPolicy.h"

#include "core/net/RetryHints.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace insighta::net {

QString outcomeName(OutcomeKind kind)
{
    switch (kind) {
    case OutcomeKind::Success:
        return QStringLiteral("success");
    case OutcomeKind::Transient:
        return QStringLiteral("transient");
    case OutcomeKind::Throttled:
        return QStringLiteral("rate limited");
    case OutcomeKind::QuotaExhausted:
        return QStringLiteral("quota exhausted");
    case OutcomeKind::ClientError:
        return QStringLiteral("rejected");
    case OutcomeKind::Unauthorized:
        return QStringLiteral("unauthorised");
    case OutcomeKind::Cancelled:
        return QStringLiteral("cancelled");
    case OutcomeKind::Ambiguous:
        return QStringLiteral("connection lost");
    case OutcomeKind::TimedOut:
        return QStringLiteral("timed out");
    case OutcomeKind::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

namespace {

Classification make(OutcomeKind kind, int status, const QString &detail)
{
    Classification c;
    c.kind = kind;
    c.httpStatus = status;
    c.detail = detail;
    return c;
}

QString httpDetail(int status, OutcomeKind kind)
{
    return QStringLiteral("HTTP %1 (%2)").arg(status).arg(outcomeName(kind));
}

// Resend's error names ({"statusCode","message","name"}).
QString resendName(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("name")).toString();
}

} // namespace

Classification classify(const HttpResponse &response, qint64 nowMs)
{
    if (response.cancelled)
        return make(OutcomeKind::Cancelled, 0, QStringLiteral("cancelled"));
    if (response.timedOut)
        return make(OutcomeKind::TimedOut, response.status, QStringLiteral("timed out"));

    if (response.networkError != QNetworkReply::NoError && response.status == 0) {
        switch (response.networkError) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
            return make(OutcomeKind::Unreachable, 0, QStringLiteral("unreachable: %1").arg(response.errorString));
        case QNetworkReply::SslHandshakeFailedError:
            // Never retried and never bypassed: a certificate problem needs a person.
            return make(OutcomeKind::ClientError, 0, QStringLiteral("TLS failure: %1").arg(response.errorString));
        case QNetworkReply::OperationCanceledError:
            return make(OutcomeKind::Cancelled, 0, QStringLiteral("cancelled"));
        default:
            return make(OutcomeKind::Ambiguous, 0, QStringLiteral("connection lost: %1").arg(response.errorString));
        }
    }
    const int status = response.status;
    // A status line arrived but the body broke off (reset mid-body).
    if (response.networkError != QNetworkReply::NoError && status >= 200 && status < 300)
        return make(OutcomeKind::Ambiguous, status,
                    QStringLiteral("HTTP %1, then the connection broke: %2").arg(status).arg(response.errorString));

    if (status >= 200 && status < 300)
        return make(OutcomeKind::Success, status, QStringLiteral("HTTP %1").arg(status));

    OutcomeKind kind = OutcomeKind::ClientError;
    switch (status) {
    case 408:
    case 425:
    case 498: // Groq: over capacity
    case 500:
    case 502:
    case 503:
    case 504:
        kind = OutcomeKind::Transient;
        break;
    case 429: {
        const QString name = resendName(response.body);
        const auto google = hints::googleError(response.body);
        if (name == QLatin1String("daily_quota_exceeded") || name == QLatin1String("monthly_quota_exceeded")
            || google.perDayQuota)
            kind = OutcomeKind::QuotaExhausted;
        else
            kind = OutcomeKind::Throttled;
        break;
    }
    case 402:
        kind = OutcomeKind::QuotaExhausted;
        break;
    case 401:
    case 403:
        kind = OutcomeKind::Unauthorized;
        break;
    case 400:
        kind = hints::googleError(response.body).reason == QLatin1String("API_KEY_INVALID")
                || response.body.contains("API_KEY_INVALID")
            ? OutcomeKind::Unauthorized
            : OutcomeKind::ClientError;
        break;
    case 409:
        kind = resendName(response.body) == QLatin1String("concurrent_idempotent_requests") ? OutcomeKind::Transient
                                                                                            : OutcomeKind::ClientError;
        break;
    default:
        kind = status >= 500 ? OutcomeKind::Transient : OutcomeKind::ClientError;
        break;
    }
    Classification c = make(kind, status, httpDetail(status, kind));
    if (kind == OutcomeKind::Transient || kind == OutcomeKind::Throttled || kind == OutcomeKind::QuotaExhausted)
        c.hintDelayMs = hints::earliestRetryDelay(response, nowMs);
    return c;
}

qint64 RetryPolicy::backoffMs(int attempt, double random01) const
{
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const double ceiling
        = std::min<double>(double(m_config.maxDelayMs), double(m_config.baseDelayMs) * std::pow(2.0, exponent));
    return qint64(std::floor(std::clamp(random01, 0.0, 1.0) * ceiling));
}

RetryDecision RetryPolicy::decide(int attempt, const Classification &outcome, bool idempotent, qint64 nowMs,
                                  qint64 deadlineMs, double random01) const
{
    RetryDecision stop;
    switch (outcome.kind) {
    case OutcomeKind::Success:
        stop.reason = QStringLiteral("succeeded");
        return stop;
    case OutcomeKind::Cancelled:
        stop.reason = QStringLiteral("cancelled");
        return stop;
    case OutcomeKind::QuotaExhausted:
        stop.reason = outcome.hintDelayMs
            ? QStringLiteral("quota exhausted, resets in %1").arg(formatDuration(*outcome.hintDelayMs))
            : QStringLiteral("quota exhausted");
        return stop;
    case OutcomeKind::ClientError:
    case OutcomeKind::Unauthorized:
        stop.reason = QStringLiteral("not retryable");
        return stop;
    case OutcomeKind::Ambiguous:
    case OutcomeKind::TimedOut:
        if (!idempotent) {
            stop.reason = QStringLiteral("not retried: the request may have been processed");
            return stop;
        }
        break;
    case OutcomeKind::Transient:
    case OutcomeKind::Throttled:
    case OutcomeKind::Unreachable:
        break;
    }
    if (attempt >= m_config.maxAttempts) {
        stop.reason = QStringLiteral("gave up after %1 attempts").arg(attempt);
        return stop;
    }
    const qint64 backoff = backoffMs(attempt, random01);
    const qint64 hint = outcome.hintDelayMs.value_or(0);
    const qint64 delay = std::max(backoff, hint);
    if (nowMs + delay >= deadlineMs) {
        stop.failedFast = true;
        stop.reason = hint >= backoff && outcome.hintDelayMs
            ? QStringLiteral("the server asks to wait %1, beyond the deadline").arg(formatDuration(hint))
            : QStringLiteral("no time left before the deadline");
        return stop;
    }
    RetryDecision retry;
    retry.retry = true;
    retry.delayMs = delay;
    retry.reason = QStringLiteral("retrying in %1").arg(formatDuration(delay));
    return retry;
}

QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60'000)
        return QStringLiteral("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', ms < 10'000 ? 1 : 0));
    if (ms < 3'600'000)
        return QStringLiteral("%1 min %2 s").arg(ms / 60'000).arg((ms % 60'000) / 1000);
    return QStringLiteral("%1 h %2 min").arg(ms / 3'600'000).arg((ms % 3'600'000) / 60'000);
}

} // namespace insighta::net
