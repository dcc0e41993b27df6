#include "core/jobs/handlers/ImportJobHandler.h"

#include "core/common/PrivateFiles.h"
#include "core/importer/ImportRunner.h"
#include "core/importer/RejectsWriter.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/JobTrust.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace insighta::jobs {

namespace {

constexpr int kMaxBatchSize = 1000000;

QString fileKey()
{
    return QStringLiteral("file");
}
QString batchKey()
{
    return QStringLiteral("batch_size");
}
QString overridesKey()
{
    return QStringLiteral("overrides");
}

// The payload fields of an import job, checked one by one; the signature is checked elsewhere.
Result<ImportRequest> parsePayload(const QJsonObject &payload)
{
    static const QSet<QString> known{fileKey(), batchKey(), overridesKey(), signatureKey()};
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (!known.contains(it.key()))
            return Error{QStringLiteral("unexpected field '%1' in the import job").arg(it.key().left(40))};
    }
    ImportRequest request;
    const QJsonValue file = payload.value(fileKey());
    if (!file.isString() || file.toString().isEmpty())
        return Error{QStringLiteral("the import job has no file")};
    request.filePath = file.toString();
    if (!QDir::isAbsolutePath(request.filePath) || QDir::cleanPath(request.filePath) != request.filePath
        || request.filePath.contains(QChar(0)))
        return Error{QStringLiteral("the import job's file is not a plain absolute path")};
    if (payload.contains(batchKey())) {
        const QJsonValue batch = payload.value(batchKey());
        const double size = batch.toDouble(-1);
        if (!batch.isDouble() || size != double(qint64(size)) || size < 1 || size > kMaxBatchSize)
            return Error{
                QStringLiteral("the import job's batch_size is not a whole number from 1 to %1").arg(kMaxBatchSize)};
        request.batchSize = int(size);
    }
    if (payload.contains(overridesKey())) {
        const QJsonValue value = payload.value(overridesKey());
        const auto overrides = value.isObject() ? CsvOverrides::fromJson(value.toObject()) : std::nullopt;
        if (!overrides)
            return Error{QStringLiteral("the import job's overrides are not valid")};
        request.overrides = *overrides;
    }
    return request;
}

bool isInside(const QString &file, const QStringList &folders)
{
    // Canonical paths, so neither "..", nor a symbolic link, leads out of a shared folder.
    const QString canonical = QFileInfo(file).canonicalFilePath();
    if (canonical.isEmpty())
        return false;
    for (const QString &folder : folders) {
        const QString root = QFileInfo(folder).canonicalFilePath();
        if (!root.isEmpty() && canonical.startsWith(root + QLatin1Char('/')))
            return true;
    }
    return false;
}

} // namespace

JobSpec ImportJobHandler::specFor(const ImportRequest &request)
{
    QJsonObject payload{{fileKey(), QDir::cleanPath(QFileInfo(request.filePath).absoluteFilePath())},
                        {batchKey(), request.batchSize}};
    if (!request.overrides.isEmpty())
        payload.insert(overridesKey(), request.overrides.toJson());
    JobSpec spec;
    spec.kind = kind();
    spec.host = localHostName();
    spec.payload = signedPayload(spec.kind, spec.host, payload);
    return spec;
}

Result<JobSpec> ImportJobHandler::sealed(JobSpec spec)
{
    QJsonObject payload = spec.payload;
    payload.remove(signatureKey());
    if (payload.value(fileKey()).isString())
        payload.insert(fileKey(), QDir::cleanPath(QFileInfo(payload.value(fileKey()).toString()).absoluteFilePath()));
    const auto parsed = parsePayload(payload);
    if (!parsed.ok())
        return Error{parsed.error()};
    spec.host = localHostName();
    spec.payload = signedPayload(spec.kind, spec.host, payload);
    return spec;
}

Result<ImportRequest> ImportJobHandler::checkedRequest(const JobRecord &job, const DatabaseUrl &database,
                                                       const QStringList &sharedFolders)
{
    const QString here = localHostName();
    if (job.host != here)
        return Error{job.host.isEmpty()
                         ? QStringLiteral("refused: the import job names no machine, so its file path means nothing "
                                          "here; the file was not opened")
                         : QStringLiteral("refused: the import job was filed for another machine; the file was not "
                                          "opened")};
    if (!hasValidSignature(job.kind, job.host, job.payload))
        return Error{QStringLiteral("refused: the import job was not filed by this user on this machine (its signature "
                                    "does not match); the file was not opened")};
    auto request = parsePayload(job.payload);
    if (!request.ok())
        return Error{QStringLiteral("refused: %1; the file was not opened").arg(request.error())};
    if (!sharedFolders.isEmpty() && !isInside(request->filePath, sharedFolders))
        return Error{QStringLiteral("refused: the file is outside the folders this worker reads; it was not opened")};
    ImportRequest checked = request.value();
    checked.database = database;
    checked.rejectsPath = rejectsPathFor(job.id);
    return checked;
}

QString ImportJobHandler::rejectsPathFor(qint64 jobId)
{
    return QDir(importRejectsFolder()).filePath(QStringLiteral("job-%1.csv").arg(jobId));
}

QJsonObject ImportJobHandler::resultFor(const ImportReport &report, const QString &rejectsPath)
{
    QJsonObject result = report.toJson();
    result.remove(QStringLiteral("rejects"));
    if (report.counts.rowsSkipped > 0 && !rejectsPath.isEmpty())
        result.insert(QStringLiteral("rejects_file"), rejectsPath);
    return result;
}

JobOutcome ImportJobHandler::run(JobContext &context)
{
    auto checked = checkedRequest(context.job(), m_database, m_sharedFolders);
    if (!checked.ok())
        return JobOutcome::fail(checked.error());
    ImportRequest request = std::move(checked).value();
    if (!makePrivateFolder(importRejectsFolder()))
        request.rejectsPath.clear(); // the report still lists the first rejects
    if (!context.checkpoint().isEmpty())
        request.resume = ImportCheckpoint::fromJson(context.checkpoint());

    ImportRunner runner(request);
    runner.setCancelFlag(context.cancelFlag());
    // The checkpoint is saved inside each batch's transaction, on the import's connection, so the
    // rows and their resume point commit together. A failed save means the lease is gone: the
    // batch is rolled back and the runner stops; whoever holds the job now resumes from the last
    // committed checkpoint.
    runner.setCommitCheckpointCallback([&context](const QSqlDatabase &db, DatabaseKind kind,
                                                  const ImportCheckpoint &point) {
        const QJsonObject json = point.toJson();
        const Status saved
            = JobQueue(db, kind, context.clock()).saveCheckpoint(context.id(), context.owner(), json, context.lease());
        context.noteCheckpoint(json, saved.ok());
        return saved;
    });
    const QString name = QFileInfo(request.filePath).fileName();
    runner.setProgressCallback([&context, name](const ImportProgress &progress) {
        const double fraction = progress.totalBytes > 0 ? double(progress.bytesRead) / double(progress.totalBytes) : 0;
        context.reportProgress(fraction,
                               QStringLiteral("%1: %2 rows read").arg(name, QString::number(progress.recordsRead)));
    });

    const ImportReport report = runner.run();
    switch (report.status) {
    case ImportStatus::Completed:
        return JobOutcome::success(resultFor(report, request.rejectsPath));
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
