#include "core/net/ai/ProviderChain.h"

#include <QRegularExpression>

#include "core/common/Logging.h"

#include <QJsonDocument>

namespace insighta::net {

struct ProviderChain::Run
{
    AiRequest request;
    QPointer<QObject> context;
    bool hadContext = false;
    std::function<void(const AiResult &)> done;
    QStringList only;
    qint64 deadlineMs = 0;
    std::shared_ptr<ChainCall> call;
    AiResult result;
};

ProviderChain::ProviderChain(ResilientClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

ProviderChain::~ProviderChain() = default;

void ProviderChain::setProviders(std::vector<std::unique_ptr<AiProvider>> providers)
{
    m_providers = std::move(providers);
    for (const auto &provider : m_providers) {
        m_client->setProviderLabel(provider->id(), provider->label());
        m_client->addSecret(provider->config().apiKey);
    }
}

AiProvider *ProviderChain::provider(const QString &id) const
{
    for (const auto &provider : m_providers) {
        if (provider->id() == id)
            return provider.get();
    }
    return nullptr;
}

std::shared_ptr<ChainCall> ProviderChain::generate(const AiRequest &request, QObject *context,
                                                   std::function<void(const AiResult &)> done, const QStringList &only)
{
    auto run = std::make_shared<Run>();
    run->request = request;
    run->context = context;
    run->hadContext = context != nullptr;
    run->done = std::move(done);
    run->only = only;
    run->deadlineMs = m_client->clock()->nowMs() + request.timeoutMs;
    run->call = std::make_shared<ChainCall>();
    auto call = run->call;
    step(run, 0);
    return call;
}

void ProviderChain::step(const std::shared_ptr<Run> &run, size_t index)
{
    if (run->call->slot->cancelled) {
        finishCancelled(run);
        return;
    }
    if (index >= m_providers.size()) {
        finishAfterEveryProvider(run);
        return;
    }
    AiProvider *provider = m_providers[index].get();
    if (const auto reason = passOver(*run, provider)) {
        if (!reason->isEmpty())
            run->result.trail << *reason;
        step(run, index + 1);
        return;
    }
    QPointer<ProviderChain> self(this);
    provider->generate(run->request, run->deadlineMs, m_client, this, run->call->slot,
                       [self, run, index, provider](const ProviderReply &reply) {
                           if (self)
                               self->onReply(run, index, provider, reply);
                       });
}

std::optional<QString> ProviderChain::passOver(Run &run, AiProvider *provider) const
{
    if (!run.only.isEmpty() && !run.only.contains(provider->id()))
        return QString();
    if (!provider->isConfigured())
        return QStringLiteral("%1: no API key").arg(provider->label());
    if (const QString problem = AiProvider::baseUrlProblem(provider->config().baseUrl); !problem.isEmpty()) {
        // Checked before anything is sent: the key must never travel in clear.
        return QStringLiteral("%1: %2").arg(provider->label(), problem);
    }
    const ProviderHealth health = m_client->health(provider->id());
    if (health.state == CircuitBreaker::State::Open) {
        run.result.laterMayHelp = true; // the circuit closes again by itself
        return health.text;
    }
    return std::nullopt;
}

void ProviderChain::onReply(const std::shared_ptr<Run> &run, size_t index, AiProvider *provider,
                            const ProviderReply &reply)
{
    run->result.attempts += reply.attempts;
    if (reply.ok) {
        AiResult result = run->result;
        result.text = reply.text;
        if (!run->request.jsonSchema.isEmpty()) {
            QString error;
            const auto json = parseJsonAnswer(reply.text, run->request.jsonSchema, &error);
            if (!json) {
                run->result.trail << QStringLiteral("%1: %2").arg(provider->label(), error);
                step(run, index + 1);
                return;
            }
            result.json = *json;
        }
        result.ok = true;
        result.provider = provider->id();
        result.providerLabel = provider->label();
        result.model = reply.model;
        finish(run, result);
        return;
    }
    run->result.trail << reply.error;
    run->result.laterMayHelp = run->result.laterMayHelp || reply.laterMayHelp;
    if (reply.retryAfterMs)
        run->result.retryAfterMs
            = std::min(run->result.retryAfterMs.value_or(*reply.retryAfterMs), *reply.retryAfterMs);
    if (!reply.tryNext && run->call->slot->cancelled) {
        finishCancelled(run);
        return;
    }
    // Out of time: no other provider can help, but the offline answer needs none.
    step(run, reply.tryNext ? index + 1 : m_providers.size());
}

void ProviderChain::finishCancelled(const std::shared_ptr<Run> &run)
{
    AiResult result = run->result;
    result.cancelled = true;
    result.error = QStringLiteral("Cancelled.");
    finish(run, result);
}

void ProviderChain::finishAfterEveryProvider(const std::shared_ptr<Run> &run)
{
    AiResult result = run->result;
    if (run->request.offlineFallback) {
        result.ok = true;
        result.offline = true;
        result.provider = QStringLiteral("offline");
        result.providerLabel = AiProvider::labelFor(result.provider);
        result.model = QStringLiteral("extractive");
        result.text = run->request.offlineFallback();
        qCInfo(lcNet).noquote() << QStringLiteral("%1 answered offline after: %2")
                                       .arg(run->request.operation, result.trail.join(QLatin1String("; ")));
    } else {
        result.ok = false;
        result.error = result.trail.isEmpty()
            ? QStringLiteral("No AI provider is configured. Add an API key in Settings → AI providers.")
            : QStringLiteral("No AI provider could answer. %1.%2")
                  .arg(result.trail.join(QLatin1String("; ")).remove(QRegularExpression(QStringLiteral("\\.$"))),
                       // Nothing was even sent: the fix is in the settings, not in waiting.
                       result.attempts == 0 ? QStringLiteral(" Add an API key in Settings → AI providers.")
                                            : QString());
    }
    finish(run, result);
}

void ProviderChain::finish(const std::shared_ptr<Run> &run, const AiResult &result)
{
    auto done = std::move(run->done);
    run->done = nullptr;
    if (done && (!run->hadContext || run->context))
        done(result);
}

} // namespace insighta::net
