#pragma once

#include <QList>

#include <chrono>
#include <functional>

namespace insighta::jobs {

// How long a job waits before its next attempt after a retryable failure. Exponential by
// default (1 s, 5 s, 25 s, then 25 s again), with jitter so that a batch of jobs failing together
// does not retry together. Pure: the random source is passed in.
struct RetryPolicy
{
    // delays[k] is the wait after failed attempt k+1; attempts past the end reuse the last one.
    QList<std::chrono::milliseconds> delays{std::chrono::seconds(1), std::chrono::seconds(5), std::chrono::seconds(25)};
    // The delay is scaled by a factor drawn uniformly from [1 - jitter, 1 + jitter].
    double jitter = 0.2;

    // attempt: the attempt that just failed (1-based). random01: uniform in [0, 1).
    std::chrono::milliseconds delayAfter(int attempt, double random01) const;
    std::chrono::milliseconds delayAfter(int attempt) const; // uses QRandomGenerator::global()

    static RetryPolicy exponential(std::chrono::milliseconds first, double factor, int steps, double jitter = 0.2);
};

} // namespace insighta::jobs
