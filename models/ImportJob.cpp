#include "models/ImportJob.h"

#include "core/common/Logging.h"
#include "core/importer/ImportRunner.h"
#include "core/jobs/handlers/HeldImport.h"

#include <QFileInfo>
#include <QMutex>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent>

#include <cmath>

namespace insighta {

// What the worker thread and the UI thread share: the cancel flag, the latest progress and a
// flag that says an update is already on its way (so a busy UI thread never gets a backlog).
struct ImportJob::Shared
{
    std::atomic_bool cancel{false};
    std::atomic_bool cancelledByPerson{false}; // else the window is closing: the import resumes later
    std::atomic_bool updatePending{false};
    QMutex mutex;
    ImportProgress latest;
};

ImportJob::ImportJob(ImportRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<insighta::ImportReport>();
    m_progress.totalBytes = QFileInfo(m_request.filePath).size();
    connect(&m_watcher, &QFutureWatcher<ImportReport>::finished, this, [this] {
        m_report = m_watcher.result();
        m_finishedAfterMs = m_clock.elapsed();
        applyProgress();
        // The final figures come from the report, which is exact.
        m_progress.recordsRead = m_report.counts.rowsRead;
        m_progress.rowsLoaded = validateOnly() ? m_report.counts.rowsValid : m_report.counts.rowsLoaded;
        m_progress.rowsSkipped = m_report.counts.rowsSkipped;
        if (m_report.status == ImportStatus::Completed)
            m_progress.bytesRead = m_progress.totalBytes;
        m_state = State::Finished;
        qCInfo(lcImport).noquote() << "Import of" << fileName() << importStatusName(m_report.status) << "after"
                                   << m_finishedAfterMs << "ms";
        emit progressChanged();
        emit finished();
    });
}

ImportJob::~ImportJob()
{
    m_shared->cancel.store(true);
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QString ImportJob::fileName() const
{
    return QFileInfo(m_request.filePath).fileName();
}

double ImportJob::fraction() const
{
    if (m_state == State::Finished && m_report.status == ImportStatus::Completed)
        return 1.0;
    if (m_progress.totalBytes <= 0)
        return 0.0;
    return std::clamp(double(m_progress.bytesRead) / double(m_progress.totalBytes), 0.0, 1.0);
}

qint64 ImportJob::elapsedMs() const
{
    if (!m_clock.isValid())
        return 0;
    return m_finishedAfterMs >= 0 ? m_finishedAfterMs : m_clock.elapsed();
}

double ImportJob::rowsPerSecond() const
{
    const qint64 ms = elapsedMs();
    if (ms <= 0 || m_progress.recordsRead <= 0)
        return 0.0;
    return double(m_progress.recordsRead) * 1000.0 / double(ms);
}

std::optional<qint64> ImportJob::etaSeconds() const
{
    if (m_state != State::Running)
        return std::nullopt;
    const qint64 ms = elapsedMs();
    if (ms < 500 || m_progress.bytesRead <= 0 || m_progress.totalBytes <= 0)
        return std::nullopt;
    const double bytesPerMs = double(m_progress.bytesRead) / double(ms);
    const double left = double(std::max<qint64>(0, m_progress.totalBytes - m_progress.bytesRead));
    return qint64(std::llround(left / bytesPerMs / 1000.0));
}

void ImportJob::start(QThreadPool *pool)
{
    if (m_state != State::Queued)
        return;
    m_state = State::Running;
    m_clock.start();
    emit started();

    auto shared = m_shared;
    QPointer<ImportJob> self(this);
    ImportRequest request = m_request;
    m_watcher.setFuture(QtConcurrent::run(pool, [request, shared, self]() -> ImportReport {
        ImportRunner runner(request);
        runner.setCancelFlag(&shared->cancel);
        runner.setProgressCallback([shared, self](const ImportProgress &progress) {
            {
                QMutexLocker lock(&shared->mutex);
                shared->latest = progress;
            }
            // Coalesce: when the UI thread has not picked up the last update, it will read this
            // one instead, so the UI never falls behind.
            if (shared->updatePending.exchange(true))
                return;
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self] {
                    if (self)
                        self->applyProgress();
                },
                Qt::QueuedConnection);
        });
        // Imports into a database run under a held durable job, so one the window cannot finish
        // (closed or crashed) is resumed by a worker pool from its last committed batch.
        return jobs::HeldImport::run(runner, request, &shared->cancel, &shared->cancelledByPerson);
    }));
}

void ImportJob::applyProgress()
{
    ImportProgress latest;
    {
        QMutexLocker lock(&m_shared->mutex);
        latest = m_shared->latest;
        m_shared->updatePending.store(false);
    }
    if (latest.totalBytes <= 0 && latest.bytesRead <= 0 && latest.recordsRead <= 0)
        return; // nothing reported yet
    if (latest.totalBytes <= 0)
        latest.totalBytes = m_progress.totalBytes;
    m_progress = latest;
    if (m_state == State::Running)
        emit progressChanged();
}

void ImportJob::cancel()
{
    m_cancelRequested = true;
    if (m_state == State::Queued) {
        m_report = ImportReport{};
        m_report.file = fileName();
        m_report.validateOnly = validateOnly();
        m_report.status = ImportStatus::Cancelled;
        m_state = State::Finished;
        emit progressChanged();
        emit finished();
        return;
    }
    m_shared->cancelledByPerson.store(true);
    m_shared->cancel.store(true);
    emit progressChanged();
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace insighta
