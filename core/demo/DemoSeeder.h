#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"

#include <atomic>
#include <functional>

namespace insighta {

struct DemoSummary
{
    qint64 profilesRequested = 0;
    qint64 profilesInserted = 0; // the rest already existed (a refresh)
    int interviews = 0;
    bool cancelled = false;
};

// Fills a workspace with the deterministic demo data: N profiles and the demo interviews.
// Idempotent: running it again inserts only what is missing. Runs in the calling thread with
// its own connection; call it from a worker.
class DemoSeeder
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit DemoSeeder(DatabaseUrl url);
    Result<DemoSummary> run(qint64 profiles, const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

    static constexpr qint64 kDefaultProfiles = 200'000;

private:
    DatabaseUrl m_url;
};

// Whether the workspace has no profiles yet (the GUI seeds it on first start).
Result<bool> workspaceIsEmpty(const DatabaseUrl &url);

} // namespace insighta
