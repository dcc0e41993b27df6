#pragma once

#include "core/jobs/WorkerPool.h"

namespace insighta::jobs {

// Runs a started pool in the foreground until SIGINT or SIGTERM arrives (or, with
// exitWhenIdle, until no worker finds anything to claim), then stops it. Returns the signal
// that ended the run, or 0. Used by `insighta jobs work` and the multi-process tests.
//
// Call blockStopSignals() before pool.start(): the signals are then blocked in every thread
// (the pool's threads inherit the mask) and collected here with sigtimedwait, so no signal
// handler ever interrupts a database call.
void blockStopSignals();
int runUntilStopped(WorkerPool &pool, bool exitWhenIdle);

} // namespace insighta::jobs
