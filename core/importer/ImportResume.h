#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/ImportHistory.h"
#include "core/importer/ImportTypes.h"

#include <optional>

namespace insighta {

// An import of the same file (same SHA-256) that stopped before its end: killed, cancelled or
// failed after committing some batches. It can be resumed from its checkpoint, or restarted.
struct UnfinishedImport
{
    ImportHistoryEntry entry;
    ImportCheckpoint checkpoint; // where it stopped: after its last committed batch
};

// The SHA-256 of a file's bytes in hex, empty when it cannot be read.
QString fileSha256(const QString &path);

// {"stopped_at": checkpoint}: what a running import keeps in its history record's report_json.
QString resumePointJson(const ImportCheckpoint &checkpoint);

// The resume point of a history record, when the import did not complete and its record holds
// one (a run killed mid-file, cancelled or failed). Pure; nullopt for anything else.
std::optional<ImportCheckpoint> resumePointOf(const ImportHistoryEntry &entry);

// The newest import of this file's content, when it is unfinished. Blocking: opens its own
// connection, so call it on a worker thread (or from the command line).
Result<std::optional<UnfinishedImport>> findUnfinishedImport(const DatabaseUrl &database, const QString &filePath);

// How an import treats an unfinished earlier import of the same file.
enum class UnfinishedChoice { Ask, Resume, Restart };

// The request for `choice` given what was found: Resume continues from the checkpoint, Restart
// reads from the first line again under the same import record (so rows the interrupted run
// committed count as loaded, not as duplicates). Ask leaves the request unchanged.
void applyUnfinishedChoice(ImportRequest &request, const UnfinishedImport &unfinished, UnfinishedChoice choice);

} // namespace insighta
