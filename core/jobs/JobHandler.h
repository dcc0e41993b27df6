#pragma once

#include "core/common/Result.h"
#include "core/jobs/JobTypes.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace insighta::jobs {

class Clock;

class JobQueue;

// What a handler returns.
struct JobOutcome
{
    enum class Kind { Success, RetryableError, FinalError };
    Kind kind = Kind::Success;
    QString message; // for errors: what went wrong, in words a person understands
    QJsonObject result; // for success: stored in jobs.result
    // For retryable errors: wait at least this long (e.g. a server's Retry-After) instead of
    // the kind's backoff schedule.
    std::optional<std::chrono::milliseconds> retryAfter;

    static JobOutcome success(QJsonObject result = {}) { return {Kind::Success, {}, std::move(result), {}}; }
    static JobOutcome retry(QString message, std::optional<std::chrono::milliseconds> after = std::nullopt)
    {
        return {Kind::RetryableError, std::move(message), {}, after};
    }
    static JobOutcome fail(QString message) { return {Kind::FinalError, std::move(message), {}, {}}; }
};

// What a running handler sees of its job. It lives in the worker's thread and talks to the
// database through the worker's own connection; do not hand it to another thread.
class JobContext
{
public:
    JobContext(JobQueue &queue, ClaimedJob claimed, std::chrono::milliseconds lease,
               std::shared_ptr<std::atomic_bool> cancelFlag = std::make_shared<std::atomic_bool>(false));

    qint64 id() const { return m_claimed.job.id; }
    const QString &kind() const { return m_claimed.job.kind; }
    const QJsonObject &payload() const { return m_claimed.job.payload; }
    int attempt() const { return m_claimed.job.attempt; } // 1-based
    int maxAttempts() const { return m_claimed.job.maxAttempts; }
    const JobRecord &job() const { return m_claimed.job; }
    const QString &owner() const { return m_claimed.owner; }
    std::chrono::milliseconds lease() const { return m_lease; }
    const Clock &clock() const;

    // The last checkpoint saved by an earlier attempt (empty on a first run). Resume from it.
    const QJsonObject &checkpoint() const { return m_checkpoint; }
    // Saves progress that must survive a crash, and renews the lease. Fails when the lease was
    // lost (the job was given to another worker): stop then, without committing more work.
    Status saveCheckpoint(const QJsonObject &checkpoint);
    // A checkpoint the handler saved itself, in a transaction of its own on its own connection
    // (JobQueue::saveCheckpoint there): remembered as the latest. `saved` false = the lease is
    // lost, and the job stops as after a failed saveCheckpoint().
    void noteCheckpoint(const QJsonObject &checkpoint, bool saved);

    // 0..1 and a short text ("12,000 of 80,000 rows"). Throttled; also renews the lease.
    void reportProgress(double fraction, const QString &text = {});
    // Renews the lease; false when the job should stop (cancelled, lease lost or shutting down).
    // The pool also renews leases in the background, so call this only between long steps.
    bool heartbeat();
    // True once a person cancelled the job or the worker pool is stopping. Check it often.
    bool isCancelled() const { return m_cancel->load(); }
    // The same flag, for code that polls an atomic itself (ImportRunner::setCancelFlag).
    const std::atomic_bool *cancelFlag() const { return m_cancel.get(); }

private:
    JobQueue &m_queue;
    ClaimedJob m_claimed;
    std::chrono::milliseconds m_lease;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QJsonObject m_checkpoint;
    qint64 m_lastProgressMs = -1;
};

// One kind of background work (import, generate-assessment, send-email, export, ...).
// run() is called on a worker thread, possibly on several threads at once for different jobs:
// keep per-job state in locals, not in members. It must not throw.
class JobHandler
{
public:
    virtual ~JobHandler() = default;
    virtual JobOutcome run(JobContext &context) = 0;
};

// A handler from a function, for small kinds and tests.
class FunctionJobHandler final : public JobHandler
{
public:
    explicit FunctionJobHandler(std::function<JobOutcome(JobContext &)> function)
        : m_function(std::move(function))
    {
    }
    JobOutcome run(JobContext &context) override { return m_function(context); }

private:
    std::function<JobOutcome(JobContext &)> m_function;
};

} // namespace insighta::jobs
