#include "core/jobs/ForegroundRunner.h"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace insighta::jobs {

namespace {

sigset_t stopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void blockStopSignals()
{
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int runUntilStopped(WorkerPool &pool, bool exitWhenIdle)
{
    const sigset_t set = stopSignals();
    const timespec tick{0, 100 * 1000 * 1000};
    int received = 0;
    for (;;) {
        const int signal = sigtimedwait(&set, nullptr, &tick);
        if (signal == SIGINT || signal == SIGTERM) {
            received = signal;
            break;
        }
        if (exitWhenIdle && pool.allIdle())
            break;
    }
    pool.stop();
    return received;
}

} // namespace insighta::jobs
