#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/jobs/Clock.h"
#include "core/jobs/JobRegistry.h"
#include "core/jobs/JobTypes.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QThread;

namespace insighta::jobs {

class JobContext;
class JobQueue;
struct JobOutcome;

struct WorkerPoolOptions
{
    int workers = 2;
    std::chrono::milliseconds lease{std::chrono::seconds(30)}; // renewed every lease/3 while a job runs
    std::chrono::milliseconds idlePoll{std::chrono::milliseconds(500)}; // how often an idle worker looks again
    std::chrono::milliseconds agingInterval{std::chrono::seconds(10)}; // see JobQueue::setAgingInterval
    QString name; // lease owner prefix; default host:pid:random
    const Clock *clock = nullptr; // default: the system clock
};

// Runs jobs: `workers` threads, each with its own database connection, claiming jobs of the
// registered kinds, plus one heartbeat thread that renews the leases of running jobs, passes
// cancel requests on to their handlers, and rescues jobs whose worker (in any process) died.
// Per-kind concurrency limits (KindOptions::maxConcurrency) hold within this pool.
class WorkerPool : public QObject
{
    Q_OBJECT
public:
    WorkerPool(DatabaseUrl url, std::shared_ptr<const JobRegistry> registry, WorkerPoolOptions options = {},
               QObject *parent = nullptr);
    ~WorkerPool() override;

    void start();
    // Asks running handlers to stop (their jobs go back to the queue, the attempt not counted)
    // and waits for every thread to finish.
    void stop();
    // New work may be there: idle workers look now instead of at their next poll.
    void wake();

    QString name() const { return m_options.name; }
    bool isRunning() const { return !m_threads.empty(); }
    qint64 finishedJobs() const { return m_finished.load(); }
    // True when every worker last found nothing to claim.
    bool allIdle() const;
    // Blocks until finishedJobs() >= count or the deadline passes. For benchmarks and the CLI.
    bool waitForFinished(qint64 count, QDeadlineTimer deadline);

signals:
    // Emitted from worker threads; connect with a context object to receive them in yours.
    void jobStarted(qint64 id, const QString &kind);
    void jobFinished(qint64 id, const QString &kind, insighta::jobs::JobState state);
    void failure(const QString &message);

private:
    struct Slot
    {
        qint64 jobId = 0;
        std::shared_ptr<std::atomic_bool> cancel;
        quint64 sequence = 0; // when it was registered, so a heartbeat only judges slots older than its query
    };
    // What a worker found to do: a job, or how long to wait before looking again.
    struct Claim
    {
        std::optional<ClaimedJob> job;
        std::chrono::milliseconds wait{0};
    };
    void workerLoop(int index);
    Claim claimNext(JobQueue &queue, const QString &me);
    void runClaimed(JobQueue &queue, const ClaimedJob &job, int index, const QString &me);
    // The queue's record of how the attempt went, and the state it leaves the job in.
    std::pair<Status, JobState> recordOutcome(JobQueue &queue, const ClaimedJob &job, const QString &me,
                                              const JobOutcome &outcome, const JobContext &context);
    void heartbeatLoop();
    QStringList reserveKinds(QStringList *reserved);
    void releaseKinds(const QStringList &reserved, const QString &keep);
    void releaseKind(const QString &kind);
    void idleWait(std::chrono::milliseconds duration);
    QString owner(int index) const;

    DatabaseUrl m_url;
    std::shared_ptr<const JobRegistry> m_registry;
    WorkerPoolOptions m_options;
    std::vector<QThread *> m_threads;
    std::atomic_bool m_stopping{false};
    std::atomic<qint64> m_finished{0};
    std::atomic_int m_idle{0};

    mutable QMutex m_mutex; // guards everything below
    QWaitCondition m_wakeUp;
    QWaitCondition m_progress;
    QWaitCondition m_heartbeatWake;
    quint64 m_slotSequence = 0;
    QHash<QString, int> m_running; // per limited kind: running + reserved
    QHash<int, Slot> m_slots; // per worker: the job it runs now
};

} // namespace insighta::jobs
