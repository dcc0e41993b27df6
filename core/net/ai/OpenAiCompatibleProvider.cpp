#include "core/net/ai/OpenAiCompatibleProvider.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace insighta::net {

namespace {

bool isOllama(const QString &id)
{
    return id == QLatin1String("ollama");
}

Classification fromEmbeddedCode(int code, const QString &message, const Classification &base)
{
    Classification c = base;
    c.httpStatus = code;
    if (code == 429)
        c.kind = OutcomeKind::Throttled;
    else if (code == 402)
        c.kind = OutcomeKind::QuotaExhausted;
    else if (code == 401 || code == 403)
        c.kind = OutcomeKind::Unauthorized;
    else if (code >= 400 && code < 500)
        c.kind = OutcomeKind::ClientError;
    else
        c.kind = OutcomeKind::Transient; // 5xx, or no code: the generation broke off
    c.detail = QStringLiteral("error inside HTTP 200: %1%2 (%3)")
                   .arg(code > 0 ? QString::number(code) + QLatin1Char(' ') : QString(), message, outcomeName(c.kind));
    return c;
}

} // namespace

bool OpenAiCompatibleProvider::isConfigured() const
{
    return isOllama(id()) || !m_config.apiKey.isEmpty();
}

Classification OpenAiCompatibleProvider::inspect(const HttpResponse &response, const Classification &outcome)
{
    if (!outcome.isSuccess())
        return outcome;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        Classification c = outcome;
        c.kind = OutcomeKind::Transient;
        c.detail = QStringLiteral("HTTP 200 with an unreadable body");
        return c;
    }
    const QJsonObject root = document.object();
    if (root.contains(QLatin1String("error"))) {
        const QJsonObject error = root.value(QLatin1String("error")).toObject();
        return fromEmbeddedCode(error.value(QLatin1String("code")).toInt(),
                                error.value(QLatin1String("message")).toString(), outcome);
    }
    const QJsonArray choices = root.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty()) {
        Classification c = outcome;
        c.kind = OutcomeKind::Transient;
        c.detail = QStringLiteral("HTTP 200 without choices");
        return c;
    }
    const QJsonObject choice = choices.first().toObject();
    if (choice.value(QLatin1String("finish_reason")).toString() == QLatin1String("error")) {
        const QJsonObject error = choice.value(QLatin1String("error")).toObject();
        return fromEmbeddedCode(error.value(QLatin1String("code")).toInt(),
                                error.value(QLatin1String("message")).toString(QStringLiteral("generation failed")),
                                outcome);
    }
    return outcome;
}

void OpenAiCompatibleProvider::generate(const AiRequest &request, qint64 deadlineMs, ResilientClient *client,
                                        QObject *context, std::shared_ptr<CallSlot> slot,
                                        std::function<void(const ProviderReply &)> done)
{
    send(Send{request, request.jsonSchema.isEmpty() ? JsonMode::None : JsonMode::Schema, request.maxOutputTokens, false,
              deadlineMs, client, context, std::move(slot), std::move(done), 0});
}

void OpenAiCompatibleProvider::send(Send call)
{
    HttpRequest http = httpRequest(call.request, requestBody(call.request, call.mode, call.maxTokens), call.deadlineMs);
    ResilientClient *client = call.client;
    QObject *context = call.context;
    std::shared_ptr<CallSlot> slot = call.slot;
    slot->current = client->send(std::move(http), context,
                                 [this, call = std::move(call)](const CallResult &result) { onReply(call, result); });
}

QJsonObject OpenAiCompatibleProvider::requestBody(const AiRequest &request, JsonMode mode, int maxTokens) const
{
    QString prompt = request.prompt;
    if (mode == JsonMode::Object) {
        // json_object mode is refused unless the messages mention JSON; give the schema in words.
        prompt += QStringLiteral("\n\nAnswer with a single JSON object matching this JSON schema:\n")
            + QString::fromUtf8(QJsonDocument(request.jsonSchema).toJson(QJsonDocument::Compact));
    }
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.system}});
    messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), prompt}});
    QJsonObject body{{QStringLiteral("model"), m_config.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("temperature"), request.temperature},
                     {QStringLiteral("max_tokens"), maxTokens}};
    if (mode == JsonMode::Schema) {
        body.insert(QStringLiteral("response_format"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                                {QStringLiteral("json_schema"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("answer")},
                                             {QStringLiteral("schema"), request.jsonSchema}}}});
    } else if (mode == JsonMode::Object) {
        body.insert(QStringLiteral("response_format"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}});
    }
    return body;
}

HttpRequest OpenAiCompatibleProvider::httpRequest(const AiRequest &request, const QJsonObject &body,
                                                  qint64 deadlineMs) const
{
    HttpRequest http;
    http.operation = request.operation;
    http.provider = id();
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + QStringLiteral("/chat/completions"));
    http.url = url;
    http.headers = {{"Content-Type", "application/json"}};
    if (!m_config.apiKey.isEmpty() && !isOllama(id()))
        http.headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + m_config.apiKey.toUtf8()));
    if (id() == QLatin1String("openrouter")) {
        http.headers.append(qMakePair(QByteArray("HTTP-Referer"), QByteArray("https://insighta.example.org")));
        http.headers.append(qMakePair(QByteArray("X-Title"), QByteArray("Insighta Desk")));
    }
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    http.deadlineMs = deadlineMs;
    http.idempotent = true;
    http.inspect = &OpenAiCompatibleProvider::inspect;
    http.tripOnUnreachable = isOllama(id());
    return http;
}

void OpenAiCompatibleProvider::onReply(Send call, const CallResult &result)
{
    const int attempts = call.attemptsSoFar + int(result.attempts.size());
    if (!result.ok()) {
        if (downgradesJsonMode(call, result)) {
            call.mode = JsonMode::Object;
            call.attemptsSoFar = attempts;
            send(std::move(call));
            return;
        }
        call.done(failureReply(result, attempts));
        return;
    }
    const QJsonObject choice = QJsonDocument::fromJson(result.response.body)
                                   .object()
                                   .value(QLatin1String("choices"))
                                   .toArray()
                                   .first()
                                   .toObject();
    const QString text = choice.value(QLatin1String("message")).toObject().value(QLatin1String("content")).toString();
    ProviderReply reply;
    reply.attempts = attempts;
    reply.model = m_config.model;
    if (text.trimmed().isEmpty()) {
        // Cut off before any text: once more, with room for the answer.
        if (choice.value(QLatin1String("finish_reason")).toString() == QLatin1String("length") && !call.secondChance
            && !call.slot->cancelled) {
            call.maxTokens = std::max(call.maxTokens * 4, 8192);
            call.secondChance = true;
            call.attemptsSoFar = attempts;
            send(std::move(call));
            return;
        }
        reply.error = QStringLiteral("%1 returned no text.").arg(label());
        call.done(reply);
        return;
    }
    reply.ok = true;
    reply.text = text;
    call.done(reply);
}

// Some models refuse json_schema: downgrade once to json_object.
bool OpenAiCompatibleProvider::downgradesJsonMode(const Send &call, const CallResult &result) const
{
    return call.mode == JsonMode::Schema && result.last.httpStatus == 400 && !call.slot->cancelled
        && (result.response.body.contains("json_schema") || result.response.body.contains("response_format"));
}

ProviderReply OpenAiCompatibleProvider::failureReply(const CallResult &result, int attempts) const
{
    ProviderReply reply = failure(result);
    reply.attempts = attempts;
    if (isOllama(id()) && result.last.httpStatus == 404) {
        reply.error
            = QStringLiteral("Ollama does not have the model \"%1\": run \"ollama pull %1\".").arg(m_config.model);
    } else if (isOllama(id()) && result.last.kind == OutcomeKind::Unreachable) {
        reply.error = QStringLiteral("Ollama is not running on this computer.");
        reply.laterMayHelp = false; // someone has to start it
    }
    return reply;
}

} // namespace insighta::net
