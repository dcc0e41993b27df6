#pragma once

#include "core/importer/ImportRunner.h"

#include <QList>
#include <QString>

#include <atomic>
#include <chrono>

namespace insighta::jobs {

// Runs an import in this process — the window shows its live progress and its skip report —
// while a durable `import` job is held for it (JobQueue::enqueueHeld), so a file is never half
// imported and forgotten:
//   - every committed batch saves the exact resume point in the job and renews its lease;
//   - completed → the job is completed with the report's counts;
//   - cancelled by a person → the job is cancelled;
//   - stopped because the app is closing → the job goes back to the queue, and the next worker
//     pool (the app's own on its next start, or `insighta jobs work`) resumes it from there;
//   - the process dies → the lease runs out and a pool's rescuer hands the job to a worker, which
//     resumes it the same way (ImportJobHandler, into the same imports row).
// If the job cannot be filed (the database refuses), the import still runs, unguarded, and
// `warning` says why.
class HeldImport
{
public:
    // Long enough that a slow batch never looks like a dead process; short enough that a crash
    // is picked up within minutes.
    static constexpr std::chrono::milliseconds kLease{std::chrono::minutes(5)};

    // `runner` has its cancel flag set to `cancel` by the caller; this raises it too when the job
    // was taken over. `byPerson` says, once cancel is raised, whether a person asked.
    static ImportReport run(ImportRunner &runner, const ImportRequest &request, std::atomic_bool *cancel,
                            const std::atomic_bool *byPerson, QString *warning = nullptr,
                            std::chrono::milliseconds lease = kLease);

    // Imports that were still waiting to start when the window closed: filed as ordinary import
    // jobs, due now, so a worker pool runs them instead. Blocking (database writes): call it off
    // the UI thread. Returns how many were filed.
    static Result<int> fileForLater(const QList<ImportRequest> &requests);
};

} // namespace insighta::jobs
