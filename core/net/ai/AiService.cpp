#include "core/net/ai/AiService.h"

#include "core/net/ai/ExtractiveAnswerer.h"
#include "core/net/ai/GeminiProvider.h"
#include "core/net/ai/OpenAiCompatibleProvider.h"
#include "core/secrets/SecretStore.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QPromise>

namespace insighta::net {

AiSettings AiSettings::fromStored(const QString &order, const QString &baseUrlsJson, const QString &modelsJson)
{
    AiSettings settings;
    for (const QString &id : order.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = id.trimmed().toLower();
        if (AiProvider::knownIds().contains(trimmed) && !settings.order.contains(trimmed))
            settings.order << trimmed;
    }
    const QJsonObject urls = QJsonDocument::fromJson(baseUrlsJson.toUtf8()).object();
    for (auto it = urls.begin(); it != urls.end(); ++it) {
        const QUrl url(it.value().toString().trimmed());
        if (url.isValid() && !url.isRelative())
            settings.baseUrls.insert(it.key(), url);
    }
    const QJsonObject models = QJsonDocument::fromJson(modelsJson.toUtf8()).object();
    for (auto it = models.begin(); it != models.end(); ++it) {
        if (!it.value().toString().trimmed().isEmpty())
            settings.models.insert(it.key(), it.value().toString().trimmed());
    }
    return settings;
}

QUrl AiSettings::baseUrl(const QString &id) const
{
    QUrl url = baseUrls.value(id, AiProvider::defaultBaseUrl(id));
    // "https://host/v1/" and "https://host/v1" mean the same.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

QString AiSettings::model(const QString &id) const
{
    return models.value(id, AiProvider::defaultModel(id));
}

void loadApiKeys(const QStringList &providers, QObject *context, std::function<void(QHash<QString, QString>)> done)
{
    struct Pending
    {
        QHash<QString, QString> keys;
        int remaining = 0;
        std::function<void(QHash<QString, QString>)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    QStringList wanted;
    for (const QString &id : providers) {
        if (AiProvider::needsKey(id))
            wanted << id;
    }
    pending->remaining = int(wanted.size());
    if (wanted.isEmpty()) {
        pending->done({});
        return;
    }
    for (const QString &id : wanted) {
        SecretStore::read(SecretStore::apiKeyKey(id), context, [pending, id](const SecretStore::Outcome &outcome) {
            if (outcome.ok && !outcome.value.isEmpty())
                pending->keys.insert(id, outcome.value);
            if (--pending->remaining == 0)
                pending->done(pending->keys);
        });
    }
}

std::vector<std::unique_ptr<AiProvider>> makeProviders(const AiSettings &settings)
{
    std::vector<std::unique_ptr<AiProvider>> providers;
    for (const QString &id : settings.order) {
        ProviderConfig config{id, settings.baseUrl(id), settings.model(id), settings.apiKeys.value(id)};
        if (id == QLatin1String("gemini"))
            providers.push_back(std::make_unique<GeminiProvider>(config));
        else
            providers.push_back(std::make_unique<OpenAiCompatibleProvider>(config));
    }
    return providers;
}

AiService::AiService(const AiSettings &settings, QObject *parent)
    : AiService(settings, nullptr, {}, parent)
{
}

AiService::AiService(const AiSettings &settings, Clock *clock, RandomSource random, QObject *parent)
    : QObject(parent)
    , m_client(new ResilientClient(clock, std::move(random), this))
    , m_chain(new ProviderChain(m_client, this))
{
    m_chain->setProviders(makeProviders(settings));
    connect(m_client, &ResilientClient::healthChanged, this, &AiService::healthChanged);
}

QFuture<AiResult> AiService::run(const AiRequest &request, const QStringList &only)
{
    auto promise = std::make_shared<QPromise<AiResult>>();
    promise->start();
    QFuture<AiResult> future = promise->future();
    QMetaObject::invokeMethod(this, [this, promise, request, only] {
        if (promise->isCanceled()) {
            promise->finish();
            return;
        }
        auto watcher = std::make_shared<QPointer<QFutureWatcher<AiResult>>>(new QFutureWatcher<AiResult>(this));
        auto call = m_chain->generate(
            request, this,
            [promise, watcher](const AiResult &result) {
                if (!result.cancelled)
                    promise->addResult(result);
                promise->finish();
                if (*watcher)
                    (*watcher)->deleteLater();
            },
            only);
        // A cancel on the caller's future reaches the call in flight.
        if (QFutureWatcher<AiResult> *w = *watcher) {
            connect(w, &QFutureWatcher<AiResult>::canceled, this, [call] { call->cancel(); });
            w->setFuture(promise->future());
        }
    });
    return future;
}

QFuture<AiResult> AiService::generateJson(const QString &operation, const QString &prompt, const QJsonObject &schema,
                                          const QString &system, qint64 timeoutMs)
{
    AiRequest request;
    request.operation = operation;
    request.prompt = prompt;
    request.system = system;
    request.jsonSchema = schema;
    request.timeoutMs = timeoutMs;
    return run(request);
}

QFuture<AiResult> AiService::answerFromPassages(const QString &question, const QStringList &passages, qint64 timeoutMs)
{
    AiRequest request;
    request.operation = QStringLiteral("answer-question");
    request.system = QStringLiteral("Answer the question using only the numbered passages. Quote the passage numbers "
                                    "you rely on. If the passages do not contain the answer, say so plainly.");
    QString prompt = QStringLiteral("Passages:\n");
    for (qsizetype i = 0; i < passages.size(); ++i)
        prompt += QStringLiteral("[%1] %2\n").arg(i + 1).arg(passages[i]);
    prompt += QStringLiteral("\nQuestion: ") + question;
    request.prompt = prompt;
    request.timeoutMs = timeoutMs;
    request.maxOutputTokens = 1024;
    request.offlineFallback = [question, passages] { return ExtractiveAnswerer::answer(question, passages).text; };
    return run(request);
}

QFuture<AiResult> AiService::testConnection(const QString &providerId, qint64 timeoutMs)
{
    AiRequest request;
    request.operation = QStringLiteral("test-connection");
    request.prompt = QStringLiteral("Reply with the single word: ready");
    request.maxOutputTokens = 64;
    request.timeoutMs = timeoutMs;
    return run(request, {providerId});
}

QList<ProviderHealth> AiService::health() const
{
    QList<ProviderHealth> list;
    for (const auto &provider : m_chain->providers())
        list << m_client->health(provider->id());
    return list;
}

} // namespace insighta::net
