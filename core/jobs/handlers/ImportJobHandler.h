#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/importer/ImportTypes.h"
#include "core/jobs/JobHandler.h"

namespace insighta::jobs {

// Runs a CSV import as a durable job (kind "import").
//   payload: {"file": "/path/people.csv", "batch_size": 10000, "rejects": "/path/rejects.csv",
//             "overrides": {"encoding": ..., "delimiter": ..., "mapping": [...]}}   (all but file optional)
// After every committed batch the import engine hands over an exact resume point (byte offset,
// line, record, counts, import id); it is saved as the job's checkpoint. A job claimed again
// after a crash or a retry passes that checkpoint back as ImportRequest::resume, so the import
// continues after its last committed batch instead of starting over (and the imports row it
// writes is the same one).
//
// Outcomes: completed -> success (the report's counts as the result); unusable input (missing
// file, not CSV, required columns missing) -> final error; database failure or a stop -> retry.
class ImportJobHandler final : public JobHandler
{
public:
    explicit ImportJobHandler(DatabaseUrl database)
        : m_database(std::move(database))
    {
    }
    JobOutcome run(JobContext &context) override;

    static QString kind() { return QStringLiteral("import"); }
    // The payload that runs `request` (its file, batch size, rejects file and overrides).
    static QJsonObject payloadFor(const ImportRequest &request);
    // What a completed import job stores as its result: the report without its rejects (the
    // rejects CSV and the imports row hold them).
    static QJsonObject resultFor(const ImportReport &report);

private:
    DatabaseUrl m_database;
};

} // namespace insighta::jobs
