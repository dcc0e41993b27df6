#include "models/ImportQueue.h"

#include "core/common/Logging.h"
#include "core/jobs/handlers/HeldImport.h"
#include "models/ImportJob.h"

#include <QLocale>
#include <QtConcurrent>

namespace insighta {

ImportQueue::ImportQueue(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_pool.setObjectName(QStringLiteral("importPool"));
    m_pool.setMaxThreadCount(16); // the queue itself enforces the limit
    m_pool.setExpiryTimeout(30000);
}

ImportQueue::~ImportQueue()
{
    // Files still waiting to start are handed to the durable queue, so a worker pool imports
    // them later; running ones hand themselves over as they stop (HeldImport).
    QList<ImportRequest> waiting;
    for (ImportJob *job : std::as_const(m_jobs)) {
        if (job->state() == ImportJob::State::Queued && !job->validateOnly())
            waiting << job->request();
    }
    if (!waiting.isEmpty()) {
        auto filing = QtConcurrent::run(&m_pool, [waiting] { return jobs::HeldImport::fileForLater(waiting); });
        const auto filed = filing.result(); // the window is closing: wait, but not on the UI thread's I/O
        if (!filed.ok())
            qCWarning(lcImport).noquote() << "Imports waiting to start could not be kept:" << filed.error();
    }
    // Jobs cancel and wait in their destructors; do it before the pool goes.
    for (ImportJob *job : std::as_const(m_jobs))
        job->disconnect(this);
    qDeleteAll(m_jobs);
    m_jobs.clear();
    m_pool.waitForDone();
}

void ImportQueue::setConcurrency(int limit)
{
    limit = std::clamp(limit, 1, 16);
    if (limit == m_concurrency)
        return;
    m_concurrency = limit;
    pump();
    emit countsChanged();
}

ImportJob *ImportQueue::enqueue(const ImportRequest &request)
{
    auto *job = new ImportJob(request, this);
    beginInsertRows({}, int(m_jobs.size()), int(m_jobs.size()));
    m_jobs.append(job);
    endInsertRows();
    connect(job, &ImportJob::progressChanged, this, [this, job] { jobChanged(job); });
    connect(job, &ImportJob::started, this, [this, job] { jobChanged(job); });
    connect(job, &ImportJob::finished, this, [this, job] {
        jobChanged(job);
        emit jobFinished(job);
        pump();
        emit countsChanged();
    });
    emit jobAdded(job);
    pump();
    emit countsChanged();
    return job;
}

void ImportQueue::pump()
{
    int running = runningCount();
    for (ImportJob *job : std::as_const(m_jobs)) {
        if (running >= m_concurrency)
            break;
        if (job->state() == ImportJob::State::Queued) {
            job->start(&m_pool);
            ++running;
        }
    }
}

int ImportQueue::runningCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const ImportJob *job) { return job->state() == ImportJob::State::Running; }));
}

int ImportQueue::queuedCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const ImportJob *job) { return job->state() == ImportJob::State::Queued; }));
}

void ImportQueue::clearFinished()
{
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        ImportJob *job = m_jobs.at(row);
        if (job->state() != ImportJob::State::Finished)
            continue;
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
        emit jobRemoved(job);
        job->deleteLater();
    }
}

void ImportQueue::cancelAll()
{
    // Queued ones first, so that cancelling a running one does not start them.
    for (ImportJob *job : m_jobs)
        if (job->state() == ImportJob::State::Queued)
            job->cancel();
    for (ImportJob *job : m_jobs)
        if (job->state() == ImportJob::State::Running)
            job->cancel();
}

void ImportQueue::jobChanged(ImportJob *job)
{
    const int row = int(m_jobs.indexOf(job));
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ImportQueue::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int ImportQueue::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportQueue::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ImportJob *job = m_jobs.at(index.row());
    if (role == JobRole)
        return QVariant::fromValue(const_cast<ImportJob *>(job));
    if (role == FractionRole)
        return job->fraction();
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case FileColumn:
        return job->fileName();
    case ModeColumn:
        return job->validateOnly() ? tr("Validate") : tr("Import");
    case StateColumn:
        switch (job->state()) {
        case ImportJob::State::Queued:
            return tr("Waiting");
        case ImportJob::State::Running:
            return job->cancelRequested() ? tr("Stopping") : tr("Running");
        case ImportJob::State::Finished:
            return importStatusName(job->report().status);
        }
        return {};
    case ProgressColumn:
        return QStringLiteral("%1%").arg(int(job->fraction() * 100));
    case RateColumn:
        return locale.toString(qint64(job->rowsPerSecond()));
    case LoadedColumn:
        return locale.toString(job->progress().rowsLoaded);
    case SkippedColumn:
        return locale.toString(job->progress().rowsSkipped);
    case EtaColumn: {
        const auto eta = job->etaSeconds();
        return eta ? formatDuration(*eta) : QString();
    }
    default:
        return {};
    }
}

QVariant ImportQueue::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[]
        = {QT_TR_NOOP("File"),   QT_TR_NOOP("Mode"),   QT_TR_NOOP("State"),   QT_TR_NOOP("Progress"),
           QT_TR_NOOP("Rows/s"), QT_TR_NOOP("Loaded"), QT_TR_NOOP("Skipped"), QT_TR_NOOP("ETA")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace insighta
