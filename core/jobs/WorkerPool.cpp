#include "core/jobs/WorkerPool.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/jobs/JobHandler.h"
#include "core/jobs/JobQueue.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <exception>

namespace insighta::jobs {

using namespace std::chrono_literals;

WorkerPool::WorkerPool(DatabaseUrl url, std::shared_ptr<const JobRegistry> registry, WorkerPoolOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_registry(std::move(registry))
    , m_options(std::move(options))
{
    if (m_options.name.isEmpty())
        m_options.name = QStringLiteral("%1:%2:%3")
                             .arg(QSysInfo::machineHostName())
                             .arg(QCoreApplication::applicationPid())
                             .arg(QRandomGenerator::global()->generate() % 0x10000, 4, 16, QLatin1Char('0'));
    if (!m_options.clock)
        m_options.clock = &SystemClock::instance();
    m_options.workers = std::max(1, m_options.workers);
}

WorkerPool::~WorkerPool()
{
    stop();
}

QString WorkerPool::owner(int index) const
{
    return m_options.name + QStringLiteral("/w") + QString::number(index);
}

void WorkerPool::start()
{
    if (!m_threads.empty())
        return;
    m_stopping = false;
    m_idle = 0;
    for (int i = 0; i < m_options.workers; ++i) {
        QThread *thread = QThread::create([this, i] { workerLoop(i); });
        thread->setObjectName(QStringLiteral("jobs-worker-%1").arg(i));
        m_threads.push_back(thread);
    }
    QThread *heartbeat = QThread::create([this] { heartbeatLoop(); });
    heartbeat->setObjectName(QStringLiteral("jobs-heartbeat"));
    m_threads.push_back(heartbeat);
    for (QThread *thread : m_threads)
        thread->start();
}

void WorkerPool::stop()
{
    if (m_threads.empty())
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        for (const Slot &slot : std::as_const(m_slots)) {
            if (slot.cancel)
                slot.cancel->store(true);
        }
        m_wakeUp.wakeAll();
        m_progress.wakeAll();
        m_heartbeatWake.wakeAll();
    }
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
    m_threads.clear();
}

void WorkerPool::wake()
{
    QMutexLocker lock(&m_mutex);
    m_wakeUp.wakeAll();
}

bool WorkerPool::allIdle() const
{
    return m_idle.load() >= m_options.workers;
}

bool WorkerPool::waitForFinished(qint64 count, QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    while (m_finished.load() < count) {
        if (deadline.hasExpired() || m_stopping)
            return m_finished.load() >= count;
        m_progress.wait(&m_mutex, deadline);
    }
    return true;
}

void WorkerPool::idleWait(std::chrono::milliseconds duration)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping)
        return;
    m_wakeUp.wait(&m_mutex, QDeadlineTimer(std::max(duration, 1ms)));
}

QStringList WorkerPool::reserveKinds(QStringList *reserved)
{
    // A limited kind is offered to the claim only if a slot is free, and that slot is taken
    // before claiming, so two workers cannot both start the one email allowed at a time.
    QStringList offered;
    QMutexLocker lock(&m_mutex);
    for (const QString &kind : m_registry->kinds()) {
        const int limit = m_registry->options(kind).maxConcurrency;
        if (limit <= 0) {
            offered << kind;
        } else if (m_running.value(kind) < limit) {
            ++m_running[kind];
            offered << kind;
            *reserved << kind;
        }
    }
    return offered;
}

void WorkerPool::releaseKinds(const QStringList &reserved, const QString &keep)
{
    QMutexLocker lock(&m_mutex);
    for (const QString &kind : reserved) {
        if (kind != keep)
            --m_running[kind];
    }
}

void WorkerPool::releaseKind(const QString &kind)
{
    QMutexLocker lock(&m_mutex);
    if (m_registry->options(kind).maxConcurrency > 0)
        --m_running[kind];
}

void WorkerPool::workerLoop(int index)
{
    Connection connection(m_url, QStringLiteral("jobs-worker"));
    if (!connection.ok()) {
        emit failure(connection.error());
        ++m_idle;
        return;
    }
    JobQueue queue(connection.database(), connection.kind(), *m_options.clock);
    queue.setAgingInterval(m_options.agingInterval);
    const QString me = owner(index);
    bool idle = false;
    auto setIdle = [&](bool value) {
        if (value != idle) {
            idle = value;
            m_idle += value ? 1 : -1;
        }
    };

    while (!m_stopping) {
        const Claim claim = claimNext(queue, me);
        if (!claim.job) {
            setIdle(true);
            idleWait(claim.wait);
            continue;
        }
        setIdle(false);
        runClaimed(queue, *claim.job, index, me);
    }
    if (idle)
        --m_idle;
}

WorkerPool::Claim WorkerPool::claimNext(JobQueue &queue, const QString &me)
{
    QStringList reserved;
    const QStringList kinds = reserveKinds(&reserved);
    if (kinds.isEmpty())
        return {std::nullopt, m_options.idlePoll};
    auto claimed = queue.claim(me, kinds, m_options.lease);
    releaseKinds(reserved, claimed.ok() && claimed.value() ? claimed.value()->job.kind : QString());
    if (!claimed.ok()) {
        emit failure(claimed.error());
        return {std::nullopt, m_options.idlePoll};
    }
    if (claimed.value())
        return {*claimed.value(), 0ms};
    // Sleep until the next scheduled job is due, but never longer than the poll interval: other
    // processes enqueue too.
    std::chrono::milliseconds wait = m_options.idlePoll;
    const auto next = queue.nextRunAt(kinds);
    if (next.ok() && next.value()) {
        const qint64 due = m_options.clock->now().msecsTo(*next.value());
        wait = std::clamp(std::chrono::milliseconds(due), 1ms, m_options.idlePoll);
    }
    return {std::nullopt, wait};
}

void WorkerPool::runClaimed(JobQueue &queue, const ClaimedJob &job, int index, const QString &me)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    {
        QMutexLocker lock(&m_mutex);
        m_slots.insert(index, Slot{job.job.id, cancel, ++m_slotSequence});
        if (m_stopping)
            cancel->store(true);
    }
    emit jobStarted(job.job.id, job.job.kind);
    JobContext context(queue, job, m_options.lease, cancel);
    JobOutcome outcome;
    const auto handler = m_registry->handler(job.job.kind);
    try {
        outcome = handler->run(context);
    } catch (const std::exception &e) {
        outcome = JobOutcome::retry(QStringLiteral("unexpected error: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        outcome = JobOutcome::retry(QStringLiteral("unexpected error"));
    }
    {
        QMutexLocker lock(&m_mutex);
        m_slots.remove(index);
    }
    releaseKind(job.job.kind);

    const auto [recorded, state] = recordOutcome(queue, job, me, outcome, context);
    if (!recorded.ok()) {
        qCWarning(lcJobs).noquote() << recorded.error();
        return;
    }
    emit jobFinished(job.job.id, job.job.kind, state);
    {
        QMutexLocker lock(&m_mutex);
        ++m_finished;
        m_progress.wakeAll();
    }
}

std::pair<Status, JobState> WorkerPool::recordOutcome(JobQueue &queue, const ClaimedJob &job, const QString &me,
                                                      const JobOutcome &outcome, const JobContext &context)
{
    if (outcome.kind == JobOutcome::Kind::Success)
        return {queue.complete(job.job.id, me, outcome.result), JobState::Completed};
    if (m_stopping)
        return {queue.release(job.job.id, me), JobState::Available};
    bool personCancelled = false;
    if (context.isCancelled()) {
        const auto current = queue.get(job.job.id);
        personCancelled = current.ok() && current.value() && current.value()->cancelRequested;
    }
    if (personCancelled)
        return {queue.markCancelled(job.job.id, me), JobState::Cancelled};
    const bool final = outcome.kind == JobOutcome::Kind::FinalError;
    const KindOptions options = m_registry->options(job.job.kind);
    const auto delay = outcome.retryAfter.value_or(options.retry.delayAfter(job.job.attempt));
    const auto failed = queue.fail(job, outcome.message, final, delay);
    qCInfo(lcJobs).noquote() << QStringLiteral("Job #%1 (%2) attempt %3/%4 failed: %5")
                                    .arg(QString::number(job.job.id), job.job.kind)
                                    .arg(job.job.attempt)
                                    .arg(job.job.maxAttempts)
                                    .arg(outcome.message);
    if (!failed.ok())
        return {Status(Error{failed.error()}), JobState::Completed};
    return {success(), failed.value()};
}

void WorkerPool::heartbeatLoop()
{
    Connection connection(m_url, QStringLiteral("jobs-heartbeat"));
    if (!connection.ok()) {
        emit failure(connection.error());
        return;
    }
    JobQueue queue(connection.database(), connection.kind(), *m_options.clock);
    QStringList owners;
    for (int i = 0; i < m_options.workers; ++i)
        owners << owner(i);
    const auto tick = std::clamp(m_options.lease / 3, std::chrono::milliseconds(50), std::chrono::milliseconds(10s));

    while (!m_stopping) {
        quint64 before = 0;
        {
            QMutexLocker lock(&m_mutex);
            before = m_slotSequence;
        }
        const auto held = queue.renewLeases(owners, m_options.lease);
        if (held.ok()) {
            QMutexLocker lock(&m_mutex);
            for (const Slot &slot : std::as_const(m_slots)) {
                if (slot.sequence > before)
                    continue; // claimed after our query started; judged next time
                const auto it = held->constFind(slot.jobId);
                // Not held any more means our lease expired and someone rescued the job: stop.
                if (it == held->constEnd() || it.value())
                    slot.cancel->store(true);
            }
        } else {
            emit failure(held.error());
        }
        const auto rescued = queue.rescueExpired();
        if (!rescued.ok())
            emit failure(rescued.error());
        else if (rescued.value() > 0)
            wake();
        QMutexLocker lock(&m_mutex);
        if (m_stopping)
            break;
        m_heartbeatWake.wait(&m_mutex, QDeadlineTimer(tick));
    }
}

} // namespace insighta::jobs
