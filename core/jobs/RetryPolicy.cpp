#include "core/jobs/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace insighta::jobs {

std::chrono::milliseconds RetryPolicy::delayAfter(int attempt, double random01) const
{
    if (delays.isEmpty())
        return std::chrono::milliseconds(0);
    const qsizetype index = std::clamp<qsizetype>(attempt - 1, 0, delays.size() - 1);
    const double base = double(delays.at(index).count());
    const double spread = std::clamp(jitter, 0.0, 1.0);
    const double factor = 1.0 - spread + 2.0 * spread * std::clamp(random01, 0.0, 1.0);
    return std::chrono::milliseconds(qint64(std::llround(base * factor)));
}

std::chrono::milliseconds RetryPolicy::delayAfter(int attempt) const
{
    return delayAfter(attempt, QRandomGenerator::global()->generateDouble());
}

RetryPolicy RetryPolicy::exponential(std::chrono::milliseconds first, double factor, int steps, double jitter)
{
    RetryPolicy policy;
    policy.delays.clear();
    double delay = double(first.count());
    for (int i = 0; i < std::max(1, steps); ++i) {
        policy.delays << std::chrono::milliseconds(qint64(std::llround(delay)));
        delay *= factor;
    }
    policy.jitter = jitter;
    return policy;
}

} // namespace insighta::jobs
