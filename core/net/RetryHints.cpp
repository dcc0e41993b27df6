#include "core/net/RetryHints.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace insighta::net {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

namespace hints {

namespace {

// The longest wait a hint can ask for. Servers' numbers are input: a huge one saturates here
// instead of overflowing, which would wrap to a negative wait and retry at once.
constexpr qint64 kLongestHintMs = std::numeric_limits<qint64>::max() / 4;

qint64 saturatedMs(double ms)
{
    return ms >= double(kLongestHintMs) ? kLongestHintMs : qint64(std::ceil(ms));
}

std::optional<int> monthNumber(const QByteArray &name)
{
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (name == months[i])
            return i + 1;
    }
    return std::nullopt;
}

std::optional<QTime> timeOfDay(const QByteArray &text)
{
    const QList<QByteArray> parts = text.split(':');
    if (parts.size() != 3)
        return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    const QTime time(parts[0].toInt(&ok1), parts[1].toInt(&ok2), parts[2].toInt(&ok3));
    if (!ok1 || !ok2 || !ok3 || !time.isValid())
        return std::nullopt;
    return time;
}

std::optional<qint64> toEpochMs(int year, int month, int day, const QTime &time)
{
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
}

bool isDigits(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

std::optional<qint64> httpDate(const QByteArray &raw)
{
    const QByteArray value = raw.simplified();
    const QList<QByteArray> tokens = value.split(' ');
    bool ok = false;
    if (tokens.size() == 6 && tokens[0].endsWith(',') && tokens[5] == "GMT") {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        const int day = tokens[1].toInt(&ok);
        const auto month = monthNumber(tokens[2]);
        bool yearOk = false;
        const int year = tokens[3].toInt(&yearOk);
        const auto time = timeOfDay(tokens[4]);
        if (!ok || !month || !yearOk || !time || tokens[3].size() != 4)
            return std::nullopt;
        return toEpochMs(year, *month, day, *time);
    }
    if (tokens.size() == 4 && tokens[0].endsWith(',') && tokens[3] == "GMT") {
        // obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT. Two-digit years: RFC 9110 says a
        // year more than 50 years in the future is in the past century.
        const QList<QByteArray> date = tokens[1].split('-');
        if (date.size() != 3)
            return std::nullopt;
        const int day = date[0].toInt(&ok);
        const auto month = monthNumber(date[1]);
        bool yearOk = false;
        int year = date[2].toInt(&yearOk);
        const auto time = timeOfDay(tokens[2]);
        if (!ok || !month || !yearOk || !time)
            return std::nullopt;
        if (date[2].size() == 2) {
            const int currentYear = QDate::currentDate().year();
            year += (currentYear / 100) * 100;
            if (year > currentYear + 50)
                year -= 100;
        }
        return toEpochMs(year, *month, day, *time);
    }
    if (tokens.size() == 5) {
        // asctime: Sun Nov  6 08:49:37 1994 (simplified() already folded the double space)
        const auto month = monthNumber(tokens[1]);
        const int day = tokens[2].toInt(&ok);
        const auto time = timeOfDay(tokens[3]);
        bool yearOk = false;
        const int year = tokens[4].toInt(&yearOk);
        if (!month || !ok || !time || !yearOk)
            return std::nullopt;
        return toEpochMs(year, *month, day, *time);
    }
    return std::nullopt;
}

std::optional<qint64> retryAfter(const QByteArray &raw, qint64 nowMs)
{
    const QByteArray value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (isDigits(value)) {
        bool ok = false;
        const qint64 seconds = value.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        return saturatedMs(double(seconds) * 1000);
    }
    // Some servers send fractional seconds although the RFC does not allow them; accept them.
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok && seconds >= 0 && std::isfinite(seconds))
        return saturatedMs(seconds * 1000);
    if (const auto at = httpDate(value))
        return std::max<qint64>(0, *at - nowMs);
    return std::nullopt;
}

std::optional<qint64> goDuration(const QByteArray &raw)
{
    const QByteArray value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (value == "0")
        return 0;
    double totalMs = 0;
    qsizetype i = 0;
    bool any = false;
    while (i < value.size()) {
        const qsizetype start = i;
        while (i < value.size() && ((value[i] >= '0' && value[i] <= '9') || value[i] == '.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool ok = false;
        const double number = value.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < value.size() && !((value[i] >= '0' && value[i] <= '9') || value[i] == '.'))
            ++i;
        const QByteArray unit = value.mid(unitStart, i - unitStart);
        double factor = 0;
        if (unit == "h")
            factor = 3'600'000;
        else if (unit == "m")
            factor = 60'000;
        else if (unit == "s")
            factor = 1000;
        else if (unit == "ms")
            factor = 1;
        else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs")
            factor = 0.001;
        else if (unit == "ns")
            factor = 0.000001;
        else
            return std::nullopt;
        totalMs += number * factor;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return saturatedMs(totalMs);
}

std::optional<qint64> protoDuration(const QString &raw)
{
    const QString value = raw.trimmed();
    if (!value.endsWith(QLatin1Char('s')))
        return std::nullopt;
    bool ok = false;
    const double seconds = value.chopped(1).toDouble(&ok);
    if (!ok || seconds < 0 || !std::isfinite(seconds))
        return std::nullopt;
    return saturatedMs(seconds * 1000);
}

GoogleErrorHints googleError(const QByteArray &body)
{
    GoogleErrorHints result;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    // Google sometimes wraps the error in a one-element array.
    const QJsonObject root = document.isArray() ? document.array().first().toObject() : document.object();
    const QJsonObject error = root.value(QLatin1String("error")).toObject();
    if (error.isEmpty())
        return result;
    result.status = error.value(QLatin1String("status")).toString();
    const QJsonArray details = error.value(QLatin1String("details")).toArray();
    for (const QJsonValue entry : details) {
        const QJsonObject detail = entry.toObject();
        const QString type = detail.value(QLatin1String("@type")).toString();
        if (type.endsWith(QLatin1String("google.rpc.RetryInfo"))) {
            result.retryDelayMs = protoDuration(detail.value(QLatin1String("retryDelay")).toString());
        } else if (type.endsWith(QLatin1String("google.rpc.QuotaFailure"))) {
            for (const QJsonValue violation : detail.value(QLatin1String("violations")).toArray()) {
                const QString quotaId = violation.toObject().value(QLatin1String("quotaId")).toString();
                if (quotaId.contains(QLatin1String("PerDay"), Qt::CaseInsensitive))
                    result.perDayQuota = true;
                else if (quotaId.contains(QLatin1String("PerMinute"), Qt::CaseInsensitive))
                    result.perMinuteQuota = true;
            }
        } else if (type.endsWith(QLatin1String("google.rpc.ErrorInfo"))) {
            result.reason = detail.value(QLatin1String("reason")).toString();
        }
    }
    return result;
}

std::optional<qint64> earliestRetryDelay(const HttpResponse &response, qint64 nowMs)
{
    std::optional<qint64> latest;
    auto consider = [&latest](std::optional<qint64> candidate) {
        if (candidate && (!latest || *candidate > *latest))
            latest = candidate;
    };
    consider(retryAfter(response.header("retry-after"), nowMs));
    {
        bool ok = false;
        const double ms = response.header("retry-after-ms").trimmed().toDouble(&ok);
        if (ok && ms >= 0 && std::isfinite(ms))
            consider(saturatedMs(ms));
    }
    // IETF RateLimit fields (Resend): seconds until the window resets.
    {
        const QByteArray reset = response.header("ratelimit-reset").trimmed();
        if (isDigits(reset))
            consider(saturatedMs(reset.toDouble() * 1000));
    }
    // Groq sends its window resets on every reply; they matter only on a 429, and only for the
    // window that ran out (remaining 0 or not reported).
    for (const char *window : {"requests", "tokens"}) {
        if (response.status != 429)
            break;
        const QByteArray reset = response.header(QByteArray("x-ratelimit-reset-") + window);
        if (reset.isEmpty())
            continue;
        const QByteArray remaining = response.header(QByteArray("x-ratelimit-remaining-") + window).trimmed();
        if (remaining.isEmpty() || remaining == "0")
            consider(goDuration(reset));
    }
    if (response.status >= 400)
        consider(googleError(response.body).retryDelayMs);
    return latest;
}

} // namespace hints
} // namespace insighta::net
