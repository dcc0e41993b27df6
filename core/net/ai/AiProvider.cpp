#include "core/net/ai/AiProvider.h"

#include "core/common/Hosts.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace insighta::net {

QString AiProvider::baseUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("the base URL is not a valid URL");
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    if (scheme == QLatin1String("http"))
        return QStringLiteral("the base URL must use https (plain http is allowed only to this machine)");
    return QStringLiteral("the base URL must be an https:// URL");
}

QString AiProvider::labelFor(const QString &id)
{
    if (id == QLatin1String("gemini"))
        return QStringLiteral("Gemini");
    if (id == QLatin1String("groq"))
        return QStringLiteral("Groq");
    if (id == QLatin1String("openrouter"))
        return QStringLiteral("OpenRouter");
    if (id == QLatin1String("ollama"))
        return QStringLiteral("Ollama");
    if (id == QLatin1String("offline"))
        return QStringLiteral("Offline summary");
    return id;
}

QUrl AiProvider::defaultBaseUrl(const QString &id)
{
    if (id == QLatin1String("gemini"))
        return QUrl(QStringLiteral("https://generativelanguage.googleapis.com/v1beta"));
    if (id == QLatin1String("groq"))
        return QUrl(QStringLiteral("https://api.groq.com/openai/v1"));
    if (id == QLatin1String("openrouter"))
        return QUrl(QStringLiteral("https://openrouter.ai/api/v1"));
    if (id == QLatin1String("ollama"))
        return QUrl(QStringLiteral("http://localhost:11434/v1"));
    return {};
}

QString AiProvider::defaultModel(const QString &id)
{
    if (id == QLatin1String("gemini"))
        return QStringLiteral("gemini-2.5-flash");
    if (id == QLatin1String("groq"))
        return QStringLiteral("llama-3.3-70b-versatile");
    if (id == QLatin1String("openrouter"))
        return QStringLiteral("openai/gpt-4o-mini");
    if (id == QLatin1String("ollama"))
        return QStringLiteral("llama3.2");
    return {};
}

QStringList AiProvider::knownIds()
{
    return {QStringLiteral("gemini"), QStringLiteral("groq"), QStringLiteral("openrouter"), QStringLiteral("ollama")};
}

ProviderReply AiProvider::failure(const CallResult &result)
{
    ProviderReply reply;
    reply.ok = false;
    reply.error = result.error;
    reply.tryNext = result.worthTryingElsewhere();
    reply.laterMayHelp = result.mayPassLater();
    const bool limited = result.last.kind == OutcomeKind::QuotaExhausted || result.last.kind == OutcomeKind::Throttled;
    if (limited && result.last.hintDelayMs) {
        // A quota or rate limit resets by itself at the time the server named (a daily quota's
        // Retry-After of hours was not waited for within the call): later does help, then.
        reply.retryAfterMs = result.last.hintDelayMs;
        reply.laterMayHelp = true;
    }
    reply.attempts = int(result.attempts.size());
    return reply;
}

std::optional<QJsonObject> parseJsonAnswer(const QString &raw, const QJsonObject &schema, QString *error)
{
    QString text = raw.trimmed();
    if (text.startsWith(QLatin1String("```"))) {
        const qsizetype firstLine = text.indexOf(QLatin1Char('\n'));
        text = text.mid(firstLine + 1);
        if (text.endsWith(QLatin1String("```")))
            text.chop(3);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("the answer is not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    for (const QJsonValue key : schema.value(QLatin1String("required")).toArray()) {
        if (!object.contains(key.toString())) {
            *error = QStringLiteral("the answer lacks the required field \"%1\"").arg(key.toString());
            return std::nullopt;
        }
    }
    return object;
}

} // namespace insighta::net
