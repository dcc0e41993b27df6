#include "core/services/JobServices.h"

#include "core/interviews/AiServiceBackend.h"
#include "core/interviews/InterviewJobHandlers.h"
#include "core/jobs/JobRegistry.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "core/net/ResilientClient.h"
#include "core/net/ai/AiService.h"
#include "core/net/email/ResendClient.h"

#include <QThread>

namespace insighta {

JobServices::JobServices(const ServiceConfig &config)
    : m_config(config)
    , m_network(new QThread)
{
    m_network->setObjectName(QStringLiteral("network"));
    // Built here without parents, then moved: QNetworkAccessManager must live where it is used.
    m_ai = new net::AiService(m_config.ai);
    m_emailHttp = new net::ResilientClient;
    m_resend = new net::ResendClient(m_emailHttp, m_config.resendApiKey, m_emailHttp);
    if (m_config.resendBaseUrl.isValid() && !m_config.resendBaseUrl.isEmpty())
        m_resend->setBaseUrl(m_config.resendBaseUrl);
    if (m_config.resendSpacingMs >= 0)
        m_resend->setMinimumSpacingMs(m_config.resendSpacingMs);
    m_ai->moveToThread(m_network);
    m_emailHttp->moveToThread(m_network);
    // Destroyed in their own thread once it stops.
    QObject::connect(m_network, &QThread::finished, m_ai, &QObject::deleteLater);
    QObject::connect(m_network, &QThread::finished, m_emailHttp, &QObject::deleteLater);
    m_network->start();
    m_backend = std::make_shared<AiServiceBackend>(m_ai);
}

JobServices::~JobServices()
{
    m_backend.reset();
    m_network->quit();
    m_network->wait();
    delete m_network;
}

void JobServices::registerJobHandlers(jobs::JobRegistry &registry, const DatabaseUrl &url,
                                      const QStringList &sharedFolders) const
{
    registry.add(jobs::ImportJobHandler::kind(), std::make_shared<jobs::ImportJobHandler>(url, sharedFolders));
    if (m_config.emailConfigured())
        registerInterviewJobHandlers(registry, url, m_backend, m_resend);
    else
        registry.add(GenerateAssessmentHandler::kind(), std::make_shared<GenerateAssessmentHandler>(url, m_backend));
}

} // namespace insighta
