#pragma once

#include "core/net/ai/ProviderChain.h"

#include <QFuture>
#include <QHash>
#include <QObject>

namespace insighta::net {

// The provider settings as the app stores them (AppSettings ProviderOrder / ProviderBaseUrls /
// ProviderModels) plus the keys fetched from the keychain. A plain value: read on the UI thread,
// hand it to whoever builds the service.
struct AiSettings
{
    QStringList order; // provider ids, first tried first
    QHash<QString, QUrl> baseUrls; // overrides of the defaults
    QHash<QString, QString> models;
    QHash<QString, QString> apiKeys; // never persisted by this struct

    // order: "gemini,groq,openrouter,ollama"; baseUrls/models: JSON objects id -> string.
    static AiSettings fromStored(const QString &order, const QString &baseUrlsJson, const QString &modelsJson);
    QUrl baseUrl(const QString &id) const;
    QString model(const QString &id) const;
};

// Reads the API keys of `providers` from the system keychain (asynchronously) and calls `done`
// with the ones found, on `context`'s thread. Missing keys or no keychain: absent from the map.
void loadApiKeys(const QStringList &providers, QObject *context, std::function<void(QHash<QString, QString>)> done);

std::vector<std::unique_ptr<AiProvider>> makeProviders(const AiSettings &settings);

// The entry point for features (interviews, assessments): build it from settings and keys, then
// ask for JSON or for an answer from passages. Every method may be called from any thread; the
// work runs in the service's own thread (move it to a worker QThread, or leave it on the thread
// that created it — QNetworkAccessManager is asynchronous either way). Results come back as
// futures: attach `.then(context, ...)` to receive them on your thread; `future.cancel()` stops
// the call silently.
//
//     auto *ai = new AiService(settings, this);
//     ai->generateJson(QStringLiteral("generate-assessment"), prompt, schema)
//         .then(this, [this](const AiResult &r) { r.ok ? show(r.json, r.providerLabel, r.model) : fail(r.error); });
class AiService : public QObject
{
    Q_OBJECT
public:
    explicit AiService(const AiSettings &settings, QObject *parent = nullptr);
    // Tests and benchmarks: an injectable clock and random source.
    AiService(const AiSettings &settings, Clock *clock, RandomSource random, QObject *parent = nullptr);

    // JSON matching `schema` (top-level "required" keys are checked). No offline fallback: a
    // schema answer cannot be faked; the error lists what each provider said.
    QFuture<AiResult> generateJson(const QString &operation, const QString &prompt, const QJsonObject &schema,
                                   const QString &system = QString(), qint64 timeoutMs = 120'000);
    // An answer to `question` from `passages` only. Degrades to the offline extractive answer
    // (result.offline, providerLabel "Offline summary") when no provider can answer.
    QFuture<AiResult> answerFromPassages(const QString &question, const QStringList &passages,
                                         qint64 timeoutMs = 60'000);
    // Any request; `only` restricts the chain to those providers.
    QFuture<AiResult> run(const AiRequest &request, const QStringList &only = {});
    // A tiny request to one provider, no fallback: for Settings → "Test connection".
    QFuture<AiResult> testConnection(const QString &providerId, qint64 timeoutMs = 30'000);

    ResilientClient *client() const { return m_client; }
    ProviderChain *chain() const { return m_chain; }
    // Must be called in the service's thread.
    QList<ProviderHealth> health() const;

signals:
    // "Gemini: circuit open, next probe in 40 s"
    void healthChanged(const QString &provider, const QString &text);

private:
    ResilientClient *m_client;
    ProviderChain *m_chain;
};

} // namespace insighta::net
