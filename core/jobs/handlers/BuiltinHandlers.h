#pragma once

#include "core/jobs/JobRegistry.h"

namespace insighta::jobs {

// Diagnostic kinds every worker understands, handy to check a queue end to end:
//   noop   completes at once (the throughput benchmark uses it)
//   sleep  {"ms": N} waits N milliseconds in small steps, stopping early when cancelled;
//          {"fail_attempts": K} makes its first K attempts fail with a retryable error
void registerBuiltinHandlers(JobRegistry &registry);

} // namespace insighta::jobs
