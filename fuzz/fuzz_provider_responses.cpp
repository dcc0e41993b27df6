// What AI and email providers send back, on arbitrary bytes: Retry-After in its three date forms
// and delay-seconds, Go and protobuf durations, Google's error body (RetryInfo, QuotaFailure),
// Gemini's reply, an OpenAI-compatible 200 that carries an error, a model's JSON answer and
// Resend's reply. No crash, no wait a hint produces is ever negative, and what Resend's reply
// becomes for the user holds no control character and stays short.
#include "core/net/RetryHints.h"
#include "core/net/RetryPolicy.h"
#include "core/net/ai/AiProvider.h"
#include "core/net/ai/GeminiProvider.h"
#include "core/net/ai/OpenAiCompatibleProvider.h"
#include "core/net/email/ResendClient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

constexpr qint64 kNowMs = 1'767'225'600'000; // 2026-01-01, a fixed "now"

void requireNonNegative(const std::optional<qint64> &wait)
{
    if (wait && *wait < 0)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace insighta::net;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The first line doubles as a header value, the whole input as a body.
    const QByteArray firstLine = bytes.left(bytes.indexOf('\n') < 0 ? bytes.size() : bytes.indexOf('\n'));

    requireNonNegative(hints::retryAfter(firstLine, kNowMs));
    (void)hints::httpDate(firstLine);
    (void)hints::goDuration(firstLine);
    (void)hints::protoDuration(QString::fromUtf8(firstLine));
    (void)hints::googleError(bytes);
    (void)GeminiProvider::parse(bytes);

    HttpResponse response;
    // A status from the first byte (mostly 200 and 4xx/5xx, the interesting ones).
    static const int kStatuses[] = {200, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504, 0};
    response.status = size > 0 ? kStatuses[data[0] % (sizeof kStatuses / sizeof kStatuses[0])] : 200;
    response.headers = {{"Retry-After", firstLine},
                        {"x-ratelimit-reset-requests", firstLine},
                        {"ratelimit-reset", firstLine},
                        {"Content-Type", "application/json"}};
    response.body = bytes;
    const Classification outcome = classify(response, kNowMs);
    requireNonNegative(outcome.hintDelayMs);
    const Classification inspected = OpenAiCompatibleProvider::inspect(response, outcome);
    requireNonNegative(inspected.hintDelayMs);
    requireNonNegative(hints::earliestRetryDelay(response, kNowMs));

    CallResult call;
    call.status = outcome.isSuccess() ? CallResult::Status::Succeeded : CallResult::Status::Failed;
    call.response = response;
    call.last = outcome;
    call.error = outcome.detail;
    const EmailResult email = ResendClient::interpretReply(call);
    if (email.message.size() > 400)
        std::abort();
    for (const QChar c : email.message)
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0))
            std::abort();

    QString error;
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")}};
    (void)parseJsonAnswer(QString::fromUtf8(bytes), schema, &error);
    return 0;
}
