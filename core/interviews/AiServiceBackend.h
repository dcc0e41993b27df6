#pragma once

#include "core/interviews/AiBackend.h"

#include <QPointer>

namespace insighta::net {
class AiService;
}

namespace insighta {

// The AiBackend over core/net's provider chain. Requests with a JSON schema go to
// AiService::generateJson (no offline fallback: a schema answer cannot be faked); free-text
// requests (Ask) go through AiService::run without a fallback, so the caller's own offline
// answer (ask::offlineAnswer) takes over, labelled as such, when no provider answers.
//
// The service is not owned; it may live in another thread. send() may be called from any
// thread whose `context` receives events (a QThread's event loop, or a local QEventLoop).
class AiServiceBackend final : public AiBackend
{
public:
    explicit AiServiceBackend(net::AiService *service);

    bool available() const override { return m_available; }
    void send(const AiRequest &request, QObject *context, std::function<void(const AiReply &)> done) override;

private:
    QPointer<net::AiService> m_service;
    bool m_available = false;
};

} // namespace insighta
