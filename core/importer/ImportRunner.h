#pragma once

#include "core/importer/ImportTypes.h"

#include <QSqlDatabase>

#include <atomic>
#include <functional>

namespace insighta {

// Runs one validate (request.database empty) or import, blocking, in the calling thread: the
// UI runs it with QtConcurrent::run or in a worker QObject, the CLI and the job queue call it
// directly. It opens its own database connection in that thread and closes it at the end.
//
// Callbacks are called from the running thread:
//  - progress: throttled to request.progressIntervalMs, plus once at the end;
//  - checkpoint: after every committed batch (and for validate after every batchSize rows),
//    with the exact resume point.
//  - commit checkpoint: inside each batch's transaction, on the import's own connection, with the
//    resume point the batch leaves; it commits with the rows or not at all. An error rolls the
//    batch back and stops the run (status "cancelled"): a job saves its checkpoint here, and an
//    error means the job is no longer ours.
// Cancel: set the flag (from any thread); the run stops after the current batch and reports
// status "cancelled" with stoppedAt filled.
class ImportRunner
{
public:
    using ProgressCallback = std::function<void(const ImportProgress &)>;
    using CheckpointCallback = std::function<void(const ImportCheckpoint &)>;
    using CommitCheckpointCallback = std::function<Status(QSqlDatabase, DatabaseKind, const ImportCheckpoint &)>;

    explicit ImportRunner(ImportRequest request);

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    void setCheckpointCallback(CheckpointCallback callback) { m_checkpoint = std::move(callback); }
    void setCommitCheckpointCallback(CommitCheckpointCallback callback) { m_commitCheckpoint = std::move(callback); }
    // An external cancel flag (e.g. owned by a job); cancel() below works as well.
    void setCancelFlag(const std::atomic_bool *flag) { m_externalCancel = flag; }
    void cancel() { m_cancel.store(true); }

    ImportReport run();

private:
    bool cancelled() const;

    ImportRequest m_request;
    ProgressCallback m_progress;
    CheckpointCallback m_checkpoint;
    CommitCheckpointCallback m_commitCheckpoint;
    const std::atomic_bool *m_externalCancel = nullptr;
    std::atomic_bool m_cancel{false};
};

// Convenience wrappers.
inline ImportReport validateFile(const QString &path, const CsvOverrides &overrides = {})
{
    ImportRequest request;
    request.filePath = path;
    request.overrides = overrides;
    return ImportRunner(request).run();
}

} // namespace insighta
