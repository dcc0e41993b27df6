#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <random>

namespace insighta::net {

// Time for the network layer: "now" in milliseconds since the Unix epoch (so HTTP-dates compare
// directly) and timers. Everything time-based in the client (retry waits, per-attempt timeouts,
// breaker cool-downs, deadlines) goes through one Clock so tests and benchmarks can run it fast.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    // Runs `fn` on `context`'s thread after `delayMs` of this clock's time; dropped if `context`
    // dies first (destroying the context is how a pending timer is cancelled).
    virtual void schedule(qint64 delayMs, QObject *context, std::function<void()> fn) = 0;
};

// Wall-clock start plus a monotonic timer: never jumps backwards when the system clock is set.
class SystemClock : public Clock
{
public:
    SystemClock();
    qint64 nowMs() const override;
    void schedule(qint64 delayMs, QObject *context, std::function<void()> fn) override;
    static SystemClock *instance();

private:
    qint64 m_startMs;
    QElapsedTimer m_elapsed;
};

// Time runs `speedup` times faster than real time: a 20 s backoff takes 20 ms at 1000x. The
// timeline stays consistent for concurrent calls (unlike a clock that jumps per wait), so tests
// and benchmarks see exactly the delays production would plan.
class ScaledClock : public Clock
{
public:
    explicit ScaledClock(double speedup, qint64 startMs = 1'800'000'000'000);
    qint64 nowMs() const override;
    void schedule(qint64 delayMs, QObject *context, std::function<void()> fn) override;
    double speedup() const { return m_speedup; }

private:
    double m_speedup;
    qint64 m_startMs;
    QElapsedTimer m_elapsed;
};

// A number in [0, 1) for full jitter. Injectable so tests can pin the jitter.
using RandomSource = std::function<double()>;
RandomSource defaultRandomSource();
RandomSource seededRandomSource(quint32 seed);
inline RandomSource fixedRandom(double value)
{
    return [value] { return value; };
}

} // namespace insighta::net
