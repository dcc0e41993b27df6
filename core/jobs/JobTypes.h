#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace insighta::jobs {

// The life of a job:
//   available ─claim─▶ running ─▶ completed
//                        │ retryable error, attempts left ─▶ retryable ─(run_at passes)─▶ running
//                        │ final error, or no attempts left ─▶ dead ─Requeue─▶ available
//                        │ lease expired (worker gone) ─▶ retryable (or dead when out of attempts)
//   any waiting state ─Cancel─▶ cancelled;  a dependency dead/cancelled ─▶ blocked (with a reason)
enum class JobState { Available, Running, Retryable, Completed, Dead, Cancelled, Blocked };

QString stateName(JobState state);
std::optional<JobState> jobStateFromString(const QString &text);
QList<JobState> allJobStates();
// States a job never leaves by itself.
bool isFinal(JobState state);

// What to enqueue.
struct JobSpec
{
    QString kind;
    QJsonObject payload;
    int priority = 5; // 0 = most urgent .. 9 = least
    QDateTime runAt; // invalid = now
    int maxAttempts = 4;
    QString uniqueKey; // empty = none; unique among jobs not yet completed, dead or cancelled
    QList<qint64> dependsOn; // ids of jobs that must complete first
    // Empty = any machine may run it; else only workers on this host claim it (a job that reads
    // a local file: a path means nothing on another machine).
    QString host;
};

struct EnqueueResult
{
    qint64 id = 0;
    bool existing = false; // a live job with the same unique key was already there
};

// One failed attempt, as kept in the errors JSON array.
struct AttemptError
{
    int attempt = 0;
    QDateTime at;
    QString message;
    QString worker;
    bool final = false;
};

// A job as stored (what lists, the CLI and the Jobs page show).
struct JobRecord
{
    qint64 id = 0;
    QString kind;
    QJsonObject payload;
    int priority = 5;
    JobState state = JobState::Available;
    QDateTime runAt;
    int attempt = 0;
    int maxAttempts = 4;
    QList<AttemptError> errors;
    QString leaseOwner;
    QDateTime leaseExpiresAt;
    QString uniqueKey;
    std::optional<double> progress;
    QString progressText;
    QJsonObject result;
    QJsonObject checkpoint;
    QString blockedReason;
    bool cancelRequested = false;
    QString attemptedBy;
    QDateTime attemptedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime finishedAt;
    QList<qint64> dependsOn;
    QString host; // host affinity; empty = any machine

    QString lastError() const { return errors.isEmpty() ? QString() : errors.constLast().message; }
    bool operator==(const JobRecord &) const;
};

// A job a worker holds the lease on.
struct ClaimedJob
{
    JobRecord job;
    QString owner;
};

// Filters for listing.
struct JobFilter
{
    QList<JobState> states; // empty = all
    QString kind; // empty = all
    int limit = 500;
};

bool operator==(const AttemptError &a, const AttemptError &b);

} // namespace insighta::jobs

Q_DECLARE_METATYPE(insighta::jobs::JobRecord)
