#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/jobs/JobTypes.h"
#include "core/services/ServiceConfig.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace insighta {

class AiBackend;
class AppSettings;
class JobServices;
class Workspace;

namespace jobs {
class WorkerPool;
}

// The window's background work: the network side (JobServices: the AI provider chain and the
// Resend client on a network thread of their own) and a worker pool that runs the durable jobs
// (assessment generation, emails, imports queued from the command line) on the workspace's
// database. `insighta jobs work` runs the same JobServices without a window.
//
// The pool runs once both are known: a configuration (configure() or reloadConfiguration())
// and a database (start(), or attach() to follow the workspace, waiting for first-start demo
// seeding to finish). Until then jobs simply wait in the queue, which is durable. A new
// configuration or database restarts the pool; jobs that were running go back to the queue.
class BackgroundServices : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundServices(QObject *parent = nullptr);
    ~BackgroundServices() override;

    // Follows `workspace`: the pool runs on its database once it is ready and seeded.
    void attach(Workspace *workspace);
    // Reads settings and keychain (asynchronously), then configure(). Emits configurationChanged.
    void reloadConfiguration(AppSettings &settings);
    // Rebuilds the network side from `config` and restarts the pool if it was running.
    void configure(const ServiceConfig &config);
    void start(const DatabaseUrl &url);
    void stop();

    bool isConfigured() const { return m_configured; }
    bool isRunning() const;
    const ServiceConfig &config() const { return m_config; }
    // Who answers interactive AI requests (Ask). Never null; without a configuration every
    // request fails at once and callers use their offline fallback.
    std::shared_ptr<AiBackend> aiBackend() const { return m_backend; }
    // A job was queued: idle workers look now rather than at their next poll.
    void wake();
    // Jobs this window's pool is running now (for the status bar).
    int runningJobs() const { return int(m_running.size()); }

signals:
    // On this object's (the UI) thread.
    void jobFinished(qint64 id, const QString &kind, insighta::jobs::JobState state);
    void runningJobsChanged(int running);
    void configurationChanged();
    void failure(const QString &message);

private:
    void buildNetwork();
    void tearDownNetwork();
    void startPool();
    void stopPool();

    ServiceConfig m_config;
    bool m_configured = false;
    DatabaseUrl m_url;
    bool m_hasDatabase = false;
    quint64 m_reloads = 0; // drops a slower, older reloadConfiguration()

    std::unique_ptr<JobServices> m_services;
    std::shared_ptr<AiBackend> m_backend;
    std::unique_ptr<jobs::WorkerPool> m_pool;
    QSet<qint64> m_running;
};

} // namespace insighta
