#include "core/jobs/JobTypes.h"

namespace insighta::jobs {

namespace {

struct StateName
{
    JobState state;
    const char *name;
};

constexpr StateName stateNames[] = {
    {JobState::Available, "available"}, {JobState::Running, "running"}, {JobState::Retryable, "retryable"},
    {JobState::Completed, "completed"}, {JobState::Dead, "dead"},       {JobState::Cancelled, "cancelled"},
    {JobState::Blocked, "blocked"},
};

} // namespace

QString stateName(JobState state)
{
    for (const auto &entry : stateNames) {
        if (entry.state == state)
            return QLatin1String(entry.name);
    }
    return {};
}

std::optional<JobState> jobStateFromString(const QString &text)
{
    for (const auto &entry : stateNames) {
        if (text == QLatin1String(entry.name))
            return entry.state;
    }
    return std::nullopt;
}

QList<JobState> allJobStates()
{
    QList<JobState> states;
    for (const auto &entry : stateNames)
        states << entry.state;
    return states;
}

bool isFinal(JobState state)
{
    return state == JobState::Completed || state == JobState::Dead || state == JobState::Cancelled;
}

bool operator==(const AttemptError &a, const AttemptError &b)
{
    return a.attempt == b.attempt && a.at == b.at && a.message == b.message && a.worker == b.worker
        && a.final == b.final;
}

bool JobRecord::operator==(const JobRecord &other) const
{
    return id == other.id && kind == other.kind && payload == other.payload && priority == other.priority
        && state == other.state && runAt == other.runAt && attempt == other.attempt && maxAttempts == other.maxAttempts
        && errors == other.errors && leaseOwner == other.leaseOwner && uniqueKey == other.uniqueKey
        && progress == other.progress && progressText == other.progressText && result == other.result
        && checkpoint == other.checkpoint && blockedReason == other.blockedReason
        && cancelRequested == other.cancelRequested && attemptedBy == other.attemptedBy
        && attemptedAt == other.attemptedAt && updatedAt == other.updatedAt && finishedAt == other.finishedAt
        && dependsOn == other.dependsOn && host == other.host;
}

} // namespace insighta::jobs
