#pragma once

#include <QDateTime>
#include <QMutex>

#include <chrono>

namespace insighta::jobs {

// Where the queue gets "now" from. Every timestamp the queue writes (run_at, leases, backoff)
// comes from here rather than from the database, so tests can drive time by hand.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    static const SystemClock &instance();
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &start);
    QDateTime now() const override;
    void advance(std::chrono::milliseconds by);
    void set(const QDateTime &to);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace insighta::jobs
