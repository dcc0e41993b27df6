#include "core/interviews/AiServiceBackend.h"

#include "core/common/Logging.h"
#include "core/net/ai/AiService.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace insighta {

namespace {

AiReply toReply(const net::AiResult &result)
{
    AiReply reply;
    reply.ok = result.ok;
    reply.provider = result.provider;
    reply.model = result.model;
    reply.attempts = result.attempts;
    reply.error = result.error;
    // The network layer already retried within its policy and the chain already moved through
    // every provider. What is left is final unless the call was stopped before it finished or
    // some provider failed in a way that heals with time (down, rate limited, timed out).
    reply.retryable = !result.ok && (result.cancelled || result.laterMayHelp);
    reply.retryAfterMs = result.ok ? std::nullopt : result.retryAfterMs;
    if (result.ok)
        reply.text = result.json.isEmpty()
            ? result.text
            : QString::fromUtf8(QJsonDocument(result.json).toJson(QJsonDocument::Compact));
    return reply;
}

} // namespace

AiServiceBackend::AiServiceBackend(net::AiService *service)
    : m_service(service)
{
    if (service) {
        for (const auto &provider : service->chain()->providers())
            m_available = m_available || provider->isConfigured();
    }
}

void AiServiceBackend::send(const AiRequest &request, QObject *context, std::function<void(const AiReply &)> done)
{
    if (!m_service) {
        AiReply reply;
        reply.error = QCoreApplication::translate("Interviews", "The AI service is not running.");
        QMetaObject::invokeMethod(
            context, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
        return;
    }
    net::AiRequest netRequest;
    netRequest.operation = request.purpose;
    netRequest.system = request.systemPrompt;
    netRequest.prompt = request.userPrompt;
    netRequest.jsonSchema = request.jsonSchema;
    if (!request.jsonSchema.isEmpty())
        netRequest.maxOutputTokens = 4096; // a scorecard with quotes is longer than a chat answer
    // The continuation runs in `context`'s thread and is dropped if `context` dies first.
    m_service->run(netRequest).then(context, [done = std::move(done)](const net::AiResult &result) {
        if (!result.ok)
            qCInfo(lcInterviews).noquote() << "AI request failed:" << result.error;
        done(toReply(result));
    });
}

} // namespace insighta
