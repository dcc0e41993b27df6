#include "ui/services/BackgroundServices.h"

#include "core/common/Logging.h"
#include "core/interviews/AiBackend.h"
#include "core/jobs/WorkerPool.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "core/services/AppSettings.h"
#include "core/services/JobServices.h"
#include "ui/Workspace.h"

#include <QPointer>

namespace insighta {

BackgroundServices::BackgroundServices(QObject *parent)
    : QObject(parent)
    , m_backend(std::make_shared<NoAiBackend>())
{
    qRegisterMetaType<insighta::jobs::JobState>();
}

BackgroundServices::~BackgroundServices()
{
    stopPool();
    tearDownNetwork();
}

void BackgroundServices::attach(Workspace *workspace)
{
    QPointer<Workspace> ws = workspace;
    connect(workspace, &Workspace::ready, this, [this, ws](const DatabaseUrl &url) {
        stop(); // the database changed: nothing more runs on the old one
        // ready() comes just before first-start seeding begins; look once the event loop is back.
        QMetaObject::invokeMethod(
            this,
            [this, ws, url] {
                // Read-only (no primary): jobs wait, queued, until the workspace has one again.
                if (ws && !ws->isSeeding() && !ws->isReadOnly() && ws->url() == url)
                    start(url);
            },
            Qt::QueuedConnection);
    });
    // Seeding writes in large transactions; the pool starts after it rather than competing.
    connect(workspace, &Workspace::seedingFinished, this, [this, ws] {
        if (ws && ws->state() == Workspace::State::Ready && !ws->isReadOnly())
            start(ws->url());
    });
    connect(workspace, &Workspace::failed, this, &BackgroundServices::stop);
    // An import finished in the background (one the window handed over or that a crash left):
    // searches and the import history must see its rows.
    connect(this, &BackgroundServices::jobFinished, workspace, [ws](qint64, const QString &kind, jobs::JobState state) {
        if (ws && kind == jobs::ImportJobHandler::kind() && state == jobs::JobState::Completed)
            emit ws->dataChanged();
    });
}

void BackgroundServices::reloadConfiguration(AppSettings &settings)
{
    const quint64 reload = ++m_reloads;
    loadServiceConfig(settings, this, [this, reload](const ServiceConfig &config) {
        if (reload != m_reloads)
            return; // a newer reload is on its way
        configure(config);
    });
}

void BackgroundServices::configure(const ServiceConfig &config)
{
    const bool wasRunning = isRunning();
    stopPool();
    tearDownNetwork();
    m_config = config;
    m_configured = true;
    buildNetwork();
    if (wasRunning || m_hasDatabase)
        startPool();
    emit configurationChanged();
}

void BackgroundServices::start(const DatabaseUrl &url)
{
    if (isRunning() && m_url == url)
        return;
    stopPool();
    m_url = url;
    m_hasDatabase = true;
    if (m_configured)
        startPool();
}

void BackgroundServices::stop()
{
    stopPool();
    m_hasDatabase = false;
}

bool BackgroundServices::isRunning() const
{
    return m_pool && m_pool->isRunning();
}

void BackgroundServices::wake()
{
    if (m_pool)
        m_pool->wake();
}

void BackgroundServices::buildNetwork()
{
    m_services = std::make_unique<JobServices>(m_config);
    m_backend = m_services->aiBackend();
}

void BackgroundServices::tearDownNetwork()
{
    m_backend = std::make_shared<NoAiBackend>();
    m_services.reset();
}

void BackgroundServices::startPool()
{
    if (!m_configured || !m_hasDatabase || isRunning())
        return;
    auto registry = std::make_shared<jobs::JobRegistry>();
    m_services->registerJobHandlers(*registry, m_url);

    jobs::WorkerPoolOptions options;
    options.workers = std::max(1, m_config.workers);
    m_pool = std::make_unique<jobs::WorkerPool>(m_url, registry, options);
    connect(m_pool.get(), &jobs::WorkerPool::jobStarted, this, [this](qint64 id, const QString &) {
        m_running.insert(id);
        emit runningJobsChanged(runningJobs());
    });
    connect(m_pool.get(), &jobs::WorkerPool::jobFinished, this,
            [this](qint64 id, const QString &kind, jobs::JobState state) {
                if (m_running.remove(id))
                    emit runningJobsChanged(runningJobs());
                emit jobFinished(id, kind, state);
            });
    connect(m_pool.get(), &jobs::WorkerPool::failure, this, [this](const QString &message) {
        qCWarning(lcJobs).noquote() << "Background jobs:" << message;
        emit failure(message);
    });
    m_pool->start();
    qCInfo(lcJobs).noquote() << "Background jobs run on" << m_url.displayName() << "for"
                             << registry->kinds().join(QStringLiteral(", "));
}

void BackgroundServices::stopPool()
{
    if (!m_pool)
        return;
    m_pool->stop(); // running jobs go back to the queue, their attempt not counted
    m_pool.reset();
    if (!m_running.isEmpty()) {
        m_running.clear();
        emit runningJobsChanged(0);
    }
}

} // namespace insighta
