#include "core/jobs/JobHandler.h"

#include "core/common/Logging.h"
#include "core/jobs/JobQueue.h"

#include <QDateTime>

namespace insighta::jobs {

JobContext::JobContext(JobQueue &queue, ClaimedJob claimed, std::chrono::milliseconds lease,
                       std::shared_ptr<std::atomic_bool> cancelFlag)
    : m_queue(queue)
    , m_claimed(std::move(claimed))
    , m_lease(lease)
    , m_cancel(std::move(cancelFlag))
    , m_checkpoint(m_claimed.job.checkpoint)
{
}

Status JobContext::saveCheckpoint(const QJsonObject &checkpoint)
{
    const Status saved = m_queue.saveCheckpoint(id(), m_claimed.owner, checkpoint, m_lease);
    if (saved.ok())
        m_checkpoint = checkpoint;
    else
        m_cancel->store(true);
    return saved;
}

const Clock &JobContext::clock() const
{
    return m_queue.clock();
}

void JobContext::noteCheckpoint(const QJsonObject &checkpoint, bool saved)
{
    if (saved)
        m_checkpoint = checkpoint;
    else
        m_cancel->store(true);
}

void JobContext::reportProgress(double fraction, const QString &text)
{
    // At most five writes a second: progress is for eyes, not for the record.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (fraction < 1.0 && m_lastProgressMs >= 0 && nowMs - m_lastProgressMs < 200)
        return;
    m_lastProgressMs = nowMs;
    const Status reported = m_queue.reportProgress(id(), m_claimed.owner, fraction, text, m_lease);
    if (!reported.ok()) {
        qCWarning(lcJobs).noquote() << reported.error();
        m_cancel->store(true);
    }
}

bool JobContext::heartbeat()
{
    bool cancelRequested = false;
    const Status renewed = m_queue.heartbeat(id(), m_claimed.owner, m_lease, &cancelRequested);
    if (!renewed.ok() || cancelRequested)
        m_cancel->store(true);
    return !m_cancel->load();
}

} // namespace insighta::jobs
