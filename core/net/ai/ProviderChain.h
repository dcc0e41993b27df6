#pragma once

#include "core/net/ai/AiProvider.h"

#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace insighta::net {

// A running chain call; cancel() stops it silently (the caller gets a cancelled result).
struct ChainCall
{
    std::shared_ptr<CallSlot> slot = std::make_shared<CallSlot>();
    void cancel() { slot->cancel(); }
};

// Providers in the user's order. A request goes to the first provider that is configured and
// whose circuit is not open; when that provider fails for any provider-specific reason
// (unauthorised, quota, blocked, retries spent, circuit open, bad JSON) the next one gets the
// request. Retries happen only inside each provider's call (ResilientClient, shared budget), and
// the whole chain shares one deadline, so falling back never multiplies the work. The chain ends
// in the request's offline fallback, when it has one.
class ProviderChain : public QObject
{
    Q_OBJECT
public:
    explicit ProviderChain(ResilientClient *client, QObject *parent = nullptr);
    ~ProviderChain() override;

    void setProviders(std::vector<std::unique_ptr<AiProvider>> providers);
    const std::vector<std::unique_ptr<AiProvider>> &providers() const { return m_providers; }
    AiProvider *provider(const QString &id) const;
    ResilientClient *client() const { return m_client; }

    // `only`: restrict to these provider ids (e.g. "Test connection" on one provider).
    std::shared_ptr<ChainCall> generate(const AiRequest &request, QObject *context,
                                        std::function<void(const AiResult &)> done, const QStringList &only = {});

private:
    struct Run;
    void step(const std::shared_ptr<Run> &run, size_t index);
    // Why this provider is passed over without a request (in the trail), or nothing to try it.
    std::optional<QString> passOver(Run &run, AiProvider *provider) const;
    void onReply(const std::shared_ptr<Run> &run, size_t index, AiProvider *provider, const ProviderReply &reply);
    void finishCancelled(const std::shared_ptr<Run> &run);
    void finishAfterEveryProvider(const std::shared_ptr<Run> &run); // the offline answer, or why none answered
    void finish(const std::shared_ptr<Run> &run, const AiResult &result);

    ResilientClient *m_client;
    std::vector<std::unique_ptr<AiProvider>> m_providers;
};

} // namespace insighta::net
