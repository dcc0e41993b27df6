#include "core/jobs/handlers/ImportJobHandler.h"

#include "core/importer/ImportRunner.h"

#include <QFileInfo>

namespace insighta::jobs {

QJsonObject ImportJobHandler::payloadFor(const ImportRequest &request)
{
    QJsonObject payload{{QStringLiteral("file"), request.filePath}, {QStringLiteral("batch_size"), request.batchSize}};
    if (!request.rejectsPath.isEmpty())
        payload.insert(QStringLiteral("rejects"), request.rejectsPath);
    if (!request.overrides.isEmpty())
        payload.insert(QStringLiteral("overrides"), request.overrides.toJson());
    return payload;
}

QJsonObject ImportJobHandler::resultFor(const ImportReport &report)
{
    QJsonObject result = report.toJson();
    result.remove(QStringLiteral("rejects"));
    return result;
}

JobOutcome ImportJobHandler::run(JobContext &context)
{
    const QJsonObject payload = context.payload();
    ImportRequest request;
    request.filePath = payload.value(QStringLiteral("file")).toString();
    if (request.filePath.isEmpty())
        return JobOutcome::fail(QStringLiteral("The import job has no file."));
    request.database = m_database;
    if (payload.contains(QStringLiteral("batch_size")))
        request.batchSize = std::max(1, payload.value(QStringLiteral("batch_size")).toInt());
    request.rejectsPath = payload.value(QStringLiteral("rejects")).toString();
    if (payload.contains(QStringLiteral("overrides"))) {
        const auto overrides = CsvOverrides::fromJson(payload.value(QStringLiteral("overrides")).toObject());
        if (!overrides)
            return JobOutcome::fail(QStringLiteral("The import job's overrides are not valid."));
        request.overrides = *overrides;
    }
    if (!context.checkpoint().isEmpty())
        request.resume = ImportCheckpoint::fromJson(context.checkpoint());

    ImportRunner runner(request);
    runner.setCancelFlag(context.cancelFlag());
    runner.setCheckpointCallback([&context](const ImportCheckpoint &point) {
        // A failed save means the lease is gone: saveCheckpoint raises the cancel flag and the
        // runner stops after this batch; whoever holds the job now resumes from the last save.
        context.saveCheckpoint(point.toJson());
    });
    const QString name = QFileInfo(request.filePath).fileName();
    runner.setProgressCallback([&context, name](const ImportProgress &progress) {
        const double fraction = progress.totalBytes > 0 ? double(progress.bytesRead) / double(progress.totalBytes) : 0;
        context.reportProgress(fraction, QStringLiteral("%1: %2 rows read").arg(name).arg(progress.recordsRead));
    });

    const ImportReport report = runner.run();
    switch (report.status) {
    case ImportStatus::Completed:
        return JobOutcome::success(resultFor(report));
    case ImportStatus::Cancelled:
        return JobOutcome::retry(
            QStringLiteral("stopped after %1 bytes; will resume there").arg(report.bytesCommitted));
    case ImportStatus::Failed:
        break;
    }
    if (report.failure == ImportFailure::UnusableInput)
        return JobOutcome::fail(report.error);
    return JobOutcome::retry(report.error);
}

} // namespace insighta::jobs
