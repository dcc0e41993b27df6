#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"
#include "core/jobs/Clock.h"
#include "core/jobs/JobTypes.h"

#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QStringList>

#include <chrono>
#include <optional>

class QSqlQuery;

namespace insighta::jobs {

// The job queue's repository: every read and write of the jobs tables, on either database.
// It works on the connection it is given, in the caller's thread (one JobQueue per thread).
//
// Claiming is safe under concurrency: PostgreSQL locks the chosen row with FOR UPDATE SKIP
// LOCKED so parallel claimers pass over each other's rows; SQLite claims inside BEGIN IMMEDIATE,
// which takes the database's write lock before reading, so two claimers never pick the same row.
// Every write a worker makes to a running job is guarded by its lease owner, so a worker that
// lost its lease (it stalled and the job was rescued) can no longer change the job.
class JobQueue
{
public:
    JobQueue(const QSqlDatabase &db, DatabaseKind kind, const Clock &clock = SystemClock::instance());

    // Priority ageing: a job counts one priority level more urgent for every interval it has
    // been waiting since its run_at, so a steady stream of urgent jobs cannot starve it.
    // Zero disables ageing.
    void setAgingInterval(std::chrono::milliseconds interval) { m_aging = interval; }
    std::chrono::milliseconds agingInterval() const { return m_aging; }
    // The machine claim() works for: it takes jobs with no host or this host. Defaults to
    // localHostName(); tests pretend to be another machine.
    void setHost(const QString &host) { m_host = host; }
    const QString &host() const { return m_host; }

    // --- producers -------------------------------------------------------------------------
    // With a unique key, enqueueing while a live job holds the key returns that job (existing =
    // true) and adds nothing. A dependency that is already dead or cancelled makes the new job
    // start blocked.
    Result<EnqueueResult> enqueue(const JobSpec &spec);
    // Makes jobId wait for dependsOn; refused when it would close a cycle.
    Status addDependency(qint64 jobId, qint64 dependsOn);
    // For work this process does itself, right now, but must not lose if it dies: files the
    // job already claimed by `owner` (running, attempt 1, leased). Keep the lease alive with
    // saveCheckpoint/heartbeat and finish with complete/markCancelled/release/fail as a worker
    // would; if the process dies the lease expires and any pool's rescuer hands the job, with
    // its last checkpoint, to a worker. Unique keys and dependencies are not supported here.
    Result<ClaimedJob> enqueueHeld(const JobSpec &spec, const QString &owner, std::chrono::milliseconds lease);

    // --- workers ---------------------------------------------------------------------------
    // Claims the most urgent runnable job of one of `kinds` (all kinds when empty): state
    // available or retryable, run_at reached, every dependency completed. nullopt = nothing to do.
    Result<std::optional<ClaimedJob>> claim(const QString &owner, const QStringList &kinds,
                                            std::chrono::milliseconds lease);
    // Renews one lease. Fails when the lease is lost; *cancelRequested says whether someone
    // asked the job to stop.
    Status heartbeat(qint64 id, const QString &owner, std::chrono::milliseconds lease, bool *cancelRequested = nullptr);
    // Renews the leases of every running job held by `owners` (a pool's heartbeat). Returns
    // the ids still held, with their cancel request flags.
    Result<QMap<qint64, bool>> renewLeases(const QStringList &owners, std::chrono::milliseconds lease);
    Status reportProgress(qint64 id, const QString &owner, double fraction, const QString &text,
                          std::chrono::milliseconds lease);
    Status saveCheckpoint(qint64 id, const QString &owner, const QJsonObject &checkpoint,
                          std::chrono::milliseconds lease);
    Status complete(qint64 id, const QString &owner, const QJsonObject &result);
    // Records a failed attempt. The job is retried after retryDelay unless `final` is set or
    // it has no attempts left, in which case it is dead and its dependants become blocked.
    Result<JobState> fail(const ClaimedJob &claimed, const QString &message, bool final,
                          std::chrono::milliseconds retryDelay);
    // The handler stopped because a person cancelled the job.
    Status markCancelled(qint64 id, const QString &owner);
    // Gives the job back without counting the attempt (the worker is shutting down).
    Status release(qint64 id, const QString &owner);
    // Running jobs whose lease expired: their worker is gone. They become retryable at once
    // (or dead when out of attempts), with the lost attempt recorded. Returns how many.
    Result<int> rescueExpired();
    // The earliest run_at among waiting jobs of `kinds`, so an idle worker knows when to look.
    Result<std::optional<QDateTime>> nextRunAt(const QStringList &kinds);

    // --- people (the Jobs page and the CLI) --------------------------------------------------
    // A waiting job is cancelled at once (returns Cancelled); a running one is asked to stop and
    // is cancelled when its handler returns (returns Running).
    Result<JobState> cancel(qint64 id);
    // A dead or cancelled job starts over (attempt 0, run now, error history kept); dependants it
    // blocked are unblocked.
    Status requeue(qint64 id);
    // Deletes a finished (dead, cancelled or completed) job.
    Status discard(qint64 id);

    Result<std::optional<JobRecord>> get(qint64 id);
    Result<QList<JobRecord>> list(const JobFilter &filter);
    // One page of the list by keyset: jobs with id < beforeId (all when nullopt), newest first,
    // at most filter.limit. Paging by id never skips or repeats a job while others are added.
    Result<QList<JobRecord>> list(const JobFilter &filter, std::optional<qint64> beforeId);
    Result<QStringList> kinds();
    Result<QMap<JobState, int>> countByState();

    DatabaseKind kind() const { return m_kind; }
    const Clock &clock() const { return m_clock; }

private:
    Status blockDependants(qint64 rootId, const QString &reason, const QDateTime &now);
    Status unblockDependants(qint64 rootId, const QDateTime &now);
    QVariant ts(const QDateTime &value) const;
    // The values of kClaimUpdate's placeholders (see JobQueue.cpp).
    void bindClaim(QSqlQuery &query, const QString &owner, const QDateTime &now, std::chrono::milliseconds lease) const;
    // The ids of the jobs that job `id` waits for, in order; claim() and get() both report a failed read.
    Result<QList<qint64>> readDependencies(qint64 id) const;

    QSqlDatabase m_db;
    DatabaseKind m_kind;
    const Clock &m_clock;
    std::chrono::milliseconds m_aging{std::chrono::seconds(10)};
    QString m_host;
};

// JSON form of the per-attempt error history.
QString errorsToJson(const QList<AttemptError> &errors);
QList<AttemptError> errorsFromJson(const QString &json);

} // namespace insighta::jobs
