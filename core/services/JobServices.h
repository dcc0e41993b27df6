#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/services/ServiceConfig.h"

#include <QStringList>

#include <memory>

class QThread;

namespace insighta {

class AiBackend;

namespace jobs {
class JobRegistry;
}
namespace net {
class AiService;
class ResendClient;
class ResilientClient;
} // namespace net

// The network side of the durable jobs, built from one ServiceConfig: the AI provider chain and
// the Resend client on a network thread of their own, and the one registration of every job
// kind that needs them. The window (BackgroundServices) and the headless worker
// (`insighta jobs work`) both use it, so both run the same kinds with the same settings.
class JobServices
{
public:
    explicit JobServices(const ServiceConfig &config);
    ~JobServices(); // stops the network thread; the worker pool using it must be stopped first
    JobServices(const JobServices &) = delete;
    JobServices &operator=(const JobServices &) = delete;

    const ServiceConfig &config() const { return m_config; }
    // Never null; answers from the provider chain (AiServiceBackend).
    std::shared_ptr<AiBackend> aiBackend() const { return m_backend; }
    net::ResendClient *resend() const { return m_resend; }

    // Imports (reading files only inside `sharedFolders`, when given), assessment generation and,
    // with a Resend key, emails; without one emails stay queued (nobody claims them) until one
    // is set.
    void registerJobHandlers(jobs::JobRegistry &registry, const DatabaseUrl &url,
                             const QStringList &sharedFolders = {}) const;

private:
    ServiceConfig m_config;
    QThread *m_network = nullptr;
    net::AiService *m_ai = nullptr;
    net::ResilientClient *m_emailHttp = nullptr;
    net::ResendClient *m_resend = nullptr;
    std::shared_ptr<AiBackend> m_backend;
};

} // namespace insighta
