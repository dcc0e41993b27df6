#pragma once

#include "core/net/ResilientClient.h"
#include "core/net/ai/AiTypes.h"

#include <QUrl>

#include <memory>

namespace insighta::net {

// The call a provider currently has in flight, so the chain can cancel it (a provider may make a
// second call of its own, e.g. with a larger output budget).
struct CallSlot
{
    QPointer<Call> current;
    bool cancelled = false;
    void cancel()
    {
        cancelled = true;
        if (current)
            current->cancel();
    }
};

struct ProviderConfig
{
    QString id; // gemini, groq, openrouter, ollama
    QUrl baseUrl;
    QString model;
    QString apiKey; // in memory only; from the keychain
};

// One language-model provider. Implementations translate AiRequest to their wire format, apply
// their quirks (errors inside 200s, blocked prompts, output budgets) and send through the shared
// ResilientClient, which owns retries: a provider never retries on its own except for the
// documented second-chance cases (a larger output budget, a JSON-mode downgrade).
class AiProvider
{
public:
    explicit AiProvider(ProviderConfig config)
        : m_config(std::move(config))
    {
    }
    virtual ~AiProvider() = default;

    const ProviderConfig &config() const { return m_config; }
    QString id() const { return m_config.id; }
    QString model() const { return m_config.model; }
    virtual QString label() const = 0;
    // Has what it needs to be tried (a key, for the hosted ones).
    virtual bool isConfigured() const { return !m_config.apiKey.isEmpty(); }

    // Runs the request; `done` is called exactly once on the client's thread unless `context`
    // died. `deadlineMs` is on the client's clock and shared by the whole chain.
    virtual void generate(const AiRequest &request, qint64 deadlineMs, ResilientClient *client, QObject *context,
                          std::shared_ptr<CallSlot> slot, std::function<void(const ProviderReply &)> done)
        = 0;

    static QString labelFor(const QString &id);
    static QUrl defaultBaseUrl(const QString &id);
    static QString defaultModel(const QString &id);
    static QStringList knownIds();
    // The failure reply for a call that did not succeed.
    static ProviderReply failure(const CallResult &result);
    static bool needsKey(const QString &id) { return id != QLatin1String("ollama"); }
    // Why a base URL must not be used, or empty when it may: keys and interview text travel in
    // every request, so only https, except plain http to this machine (a local Ollama).
    static QString baseUrlProblem(const QUrl &url);

protected:
    ProviderConfig m_config;
};

// Strips a ```json fence some models wrap JSON in, then parses; checks the schema's top-level
// "required" keys are present.
std::optional<QJsonObject> parseJsonAnswer(const QString &raw, const QJsonObject &schema, QString *error);

} // namespace insighta::net
