#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/importer/ImportTypes.h"
#include "core/jobs/JobHandler.h"

#include <QStringList>

namespace insighta::jobs {

// Runs a CSV import as a durable job (kind "import").
//   payload: {"file": "/path/people.csv", "batch_size": 10000,
//             "overrides": {"encoding": ..., "delimiter": ..., "mapping": [...]},
//             "signature": "..."}   (batch_size and overrides optional)
// After every committed batch the import engine hands over an exact resume point (byte offset,
// line, record, counts, import id); it is saved as the job's checkpoint. A job claimed again
// after a crash or a retry passes that checkpoint back as ImportRequest::resume, so the import
// continues after its last committed batch instead of starting over (and the imports row it
// writes is the same one).
//
// Trust: the jobs table may be shared with other people, and this job makes the worker read a
// local file. Before touching anything the handler checks the job (checkedRequest): filed for
// this machine (host affinity), signed by this user on this machine (JobTrust.h), and a payload
// of known keys with sane values. A refused job fails for good and its file is never opened.
// The rejects CSV is never named by the payload: the handler writes it in its own data folder
// (rejectsPathFor), so a job cannot make a worker overwrite a file of its choosing.
//
// Outcomes: completed -> success (the report's counts as the result); unusable input (missing
// file, not CSV, required columns missing) or a refused job -> final error; database failure or
// a stop -> retry.
class ImportJobHandler final : public JobHandler
{
public:
    // `sharedFolders`, when not empty, further limits the files this worker reads to those
    // folders (the headless worker's --shared-folder).
    explicit ImportJobHandler(DatabaseUrl database, QStringList sharedFolders = {})
        : m_database(std::move(database))
        , m_sharedFolders(std::move(sharedFolders))
    {
    }
    JobOutcome run(JobContext &context) override;

    static QString kind() { return QStringLiteral("import"); }
    // The job that runs `request` on this machine: its file, batch size and overrides (never
    // its rejects path), this machine as its host, signed.
    static JobSpec specFor(const ImportRequest &request);
    // A hand-written import job (`insighta jobs enqueue import --payload ...`) made into one this
    // machine runs: payload checked, host set, signed. Refused with a reason when the payload is
    // not a valid import payload.
    static Result<JobSpec> sealed(JobSpec spec);
    // What a claimed job may run, or why it is refused. Reads nothing but the job itself (and,
    // with shared folders, the file's canonical path).
    static Result<ImportRequest> checkedRequest(const JobRecord &job, const DatabaseUrl &database,
                                                const QStringList &sharedFolders = {});
    // Where the job's rejected rows go: the worker's own data folder, one file per job, so a
    // resumed run appends to the rows its earlier attempts rejected.
    static QString rejectsPathFor(qint64 jobId);
    // What a completed import job stores as its result: the report without its rejects (the
    // rejects CSV and the imports row hold them), and where that CSV is when rows were skipped.
    static QJsonObject resultFor(const ImportReport &report, const QString &rejectsPath);

private:
    DatabaseUrl m_database;
    QStringList m_sharedFolders;
};

} // namespace insighta::jobs
