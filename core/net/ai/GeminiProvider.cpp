#include "core/net/ai/GeminiProvider.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace insighta::net {

GeminiProvider::Parsed GeminiProvider::parse(const QByteArray &body)
{
    Parsed parsed;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        parsed.malformed = true;
        return parsed;
    }
    const QJsonObject root = document.object();
    const QJsonArray candidates = root.value(QLatin1String("candidates")).toArray();
    if (candidates.isEmpty()) {
        parsed.blockReason = root.value(QLatin1String("promptFeedback"))
                                 .toObject()
                                 .value(QLatin1String("blockReason"))
                                 .toString(QStringLiteral("no candidates"));
        return parsed;
    }
    const QJsonObject candidate = candidates.first().toObject();
    parsed.finishReason = candidate.value(QLatin1String("finishReason")).toString();
    for (const QJsonValue part :
         candidate.value(QLatin1String("content")).toObject().value(QLatin1String("parts")).toArray()) {
        const QJsonObject object = part.toObject();
        if (object.value(QLatin1String("thought")).toBool())
            continue;
        parsed.text += object.value(QLatin1String("text")).toString();
    }
    return parsed;
}

void GeminiProvider::generate(const AiRequest &request, qint64 deadlineMs, ResilientClient *client, QObject *context,
                              std::shared_ptr<CallSlot> slot, std::function<void(const ProviderReply &)> done)
{
    send(request, request.maxOutputTokens, false, deadlineMs, client, context, slot, done, 0);
}

void GeminiProvider::send(const AiRequest &request, int maxTokens, bool secondChance, qint64 deadlineMs,
                          ResilientClient *client, QObject *context, const std::shared_ptr<CallSlot> &slot,
                          const std::function<void(const ProviderReply &)> &done, int attemptsSoFar)
{
    QJsonObject generationConfig{{QStringLiteral("temperature"), request.temperature},
                                 {QStringLiteral("maxOutputTokens"), maxTokens}};
    if (!request.jsonSchema.isEmpty()) {
        generationConfig.insert(QStringLiteral("responseMimeType"), QStringLiteral("application/json"));
        generationConfig.insert(QStringLiteral("responseJsonSchema"), request.jsonSchema);
    }
    QJsonObject body{{QStringLiteral("contents"),
                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("parts"),
                                              QJsonArray{QJsonObject{{QStringLiteral("text"), request.prompt}}}}}}},
                     {QStringLiteral("generationConfig"), generationConfig}};
    if (!request.system.isEmpty())
        body.insert(
            QStringLiteral("systemInstruction"),
            QJsonObject{{QStringLiteral("parts"), QJsonArray{QJsonObject{{QStringLiteral("text"), request.system}}}}});

    HttpRequest http;
    http.operation = request.operation;
    http.provider = id();
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + QStringLiteral("/models/") + m_config.model + QStringLiteral(":generateContent"));
    http.url = url;
    http.headers = {{"x-goog-api-key", m_config.apiKey.toUtf8()}, {"Content-Type", "application/json"}};
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    http.deadlineMs = deadlineMs;
    http.idempotent = true; // generation has no side effects
    http.inspect = [](const HttpResponse &response, const Classification &outcome) {
        if (!outcome.isSuccess())
            return outcome;
        const Parsed parsed = parse(response.body);
        Classification c = outcome;
        if (parsed.malformed) {
            c.kind = OutcomeKind::Transient;
            c.detail = QStringLiteral("HTTP 200 with an unreadable body");
        } else if (!parsed.blockReason.isEmpty()) {
            c.kind = OutcomeKind::ClientError;
            c.detail = QStringLiteral("prompt blocked (%1)").arg(parsed.blockReason);
        }
        return c;
    };

    const QString model = m_config.model;
    slot->current = client->send(
        std::move(http), context,
        [this, request, maxTokens, secondChance, deadlineMs, client, context, slot, done, attemptsSoFar,
         model](const CallResult &result) {
            const int attempts = attemptsSoFar + int(result.attempts.size());
            if (!result.ok()) {
                ProviderReply reply = failure(result);
                reply.attempts = attempts;
                done(reply);
                return;
            }
            const Parsed parsed = parse(result.response.body);
            if (parsed.text.trimmed().isEmpty() && parsed.finishReason == QLatin1String("MAX_TOKENS")) {
                if (!secondChance && !slot->cancelled) {
                    // Thinking used the whole budget: one more try with room to answer.
                    send(request, std::max(maxTokens * 4, 8192), true, deadlineMs, client, context, slot, done,
                         attempts);
                    return;
                }
                ProviderReply reply;
                reply.error = QStringLiteral("Gemini used its whole output budget without answering (MAX_TOKENS).");
                reply.attempts = attempts;
                done(reply);
                return;
            }
            ProviderReply reply;
            reply.attempts = attempts;
            reply.model = model;
            if (parsed.text.trimmed().isEmpty()) {
                reply.error = QStringLiteral("Gemini returned no text (finish reason %1).").arg(parsed.finishReason);
                done(reply);
                return;
            }
            reply.ok = true;
            reply.text = parsed.text;
            done(reply);
        });
}

} // namespace insighta::net
