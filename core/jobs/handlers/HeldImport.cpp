#include "core/jobs/handlers/HeldImport.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/handlers/ImportJobHandler.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSysInfo>

namespace insighta::jobs {

namespace {

QString holderName()
{
    return QStringLiteral("window:%1:%2").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
}

} // namespace

ImportReport HeldImport::run(ImportRunner &runner, const ImportRequest &request, std::atomic_bool *cancel,
                             const std::atomic_bool *byPerson, QString *warning, std::chrono::milliseconds lease)
{
    auto unguarded = [&](const QString &why) {
        qCWarning(lcJobs).noquote() << "Import of" << request.filePath << "runs without a durable job:" << why;
        if (warning)
            *warning = why;
        return runner.run();
    };
    if (!request.database)
        return runner.run(); // validate only: nothing to resume
    Connection connection(*request.database, QStringLiteral("held-import"));
    if (!connection.ok())
        return unguarded(connection.error());
    JobQueue queue(connection.database(), connection.kind());
    const JobSpec spec = ImportJobHandler::specFor(request);
    const QString owner = holderName();
    const auto held = queue.enqueueHeld(spec, owner, lease);
    if (!held.ok())
        return unguarded(held.error());
    const qint64 id = held->job.id;

    bool lost = false;
    const qint64 fileSize = QFileInfo(request.filePath).size();
    // The checkpoint commits in the batch's own transaction (see ImportRunner), so a crash never
    // leaves a committed batch behind a stale resume point.
    runner.setCommitCheckpointCallback([&](const QSqlDatabase &db, DatabaseKind kind, const ImportCheckpoint &point) {
        const Status saved = JobQueue(db, kind, queue.clock()).saveCheckpoint(id, owner, point.toJson(), lease);
        if (!saved.ok()) {
            // Someone else holds the job now (its lease ran out under a very slow batch): stop
            // here and leave the rest to them, from the checkpoint they have.
            qCWarning(lcJobs).noquote() << saved.error();
            lost = true;
            cancel->store(true);
        }
        return saved;
    });
    runner.setCheckpointCallback([&](const ImportCheckpoint &point) {
        const double fraction = fileSize > 0 ? double(point.byteOffset) / double(fileSize) : 0.0;
        queue.reportProgress(id, owner, fraction,
                             QStringLiteral("%1: %2 rows read")
                                 .arg(QFileInfo(request.filePath).fileName(), QString::number(point.counts.rowsRead)),
                             lease);
    });

    const ImportReport report = runner.run();
    runner.setCheckpointCallback({});
    runner.setCommitCheckpointCallback({});
    if (lost)
        return report;
    Status recorded = success();
    switch (report.status) {
    case ImportStatus::Completed:
        recorded = queue.complete(id, owner, ImportJobHandler::resultFor(report, request.rejectsPath));
        break;
    case ImportStatus::Cancelled:
        recorded = byPerson && byPerson->load() ? queue.markCancelled(id, owner) : queue.release(id, owner);
        break;
    case ImportStatus::Failed: {
        // Unusable input fails again on every try; a database failure may pass.
        const bool final = report.failure == ImportFailure::UnusableInput;
        const auto failed = queue.fail(*held, report.error, final, std::chrono::seconds(30));
        recorded = failed.ok() ? success() : Status{Error{failed.error()}};
        break;
    }
    }
    if (!recorded.ok())
        qCWarning(lcJobs).noquote() << "Import job #" << id << ":" << recorded.error();
    return report;
}

Result<int> HeldImport::fileForLater(const QList<ImportRequest> &requests)
{
    int filed = 0;
    QStringList errors;
    for (const ImportRequest &request : requests) {
        if (!request.database)
            continue; // a validation has nothing to keep
        Connection connection(*request.database, QStringLiteral("import-later"));
        if (!connection.ok()) {
            errors << connection.error();
            continue;
        }
        JobQueue queue(connection.database(), connection.kind());
        const auto enqueued = queue.enqueue(ImportJobHandler::specFor(request));
        if (enqueued.ok())
            ++filed;
        else
            errors << enqueued.error();
    }
    if (!errors.isEmpty())
        return Error{errors.join(QLatin1Char('\n'))};
    return filed;
}

} // namespace insighta::jobs
