#include "core/net/Clock.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>
#include <memory>

namespace insighta::net {

namespace {

void singleShot(qint64 realMs, Qt::TimerType type, QObject *context, std::function<void()> fn)
{
    const int ms = int(std::clamp<qint64>(realMs, 0, std::numeric_limits<int>::max()));
    QTimer::singleShot(ms, type, context, std::move(fn));
}

} // namespace

SystemClock::SystemClock()
    : m_startMs(QDateTime::currentMSecsSinceEpoch())
{
    m_elapsed.start();
}

qint64 SystemClock::nowMs() const
{
    return m_startMs + m_elapsed.elapsed();
}

void SystemClock::schedule(qint64 delayMs, QObject *context, std::function<void()> fn)
{
    singleShot(delayMs, delayMs < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer, context, std::move(fn));
}

SystemClock *SystemClock::instance()
{
    static SystemClock clock;
    return &clock;
}

ScaledClock::ScaledClock(double speedup, qint64 startMs)
    : m_speedup(speedup)
    , m_startMs(startMs)
{
    m_elapsed.start();
}

qint64 ScaledClock::nowMs() const
{
    return m_startMs + qint64(double(m_elapsed.nsecsElapsed()) / 1e6 * m_speedup);
}

void ScaledClock::schedule(qint64 delayMs, QObject *context, std::function<void()> fn)
{
    // Precise: a coarse timer may fire 5% early, which at this speed-up is a visible error.
    singleShot(qint64(std::ceil(double(delayMs) / m_speedup)), Qt::PreciseTimer, context, std::move(fn));
}

RandomSource defaultRandomSource()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

RandomSource seededRandomSource(quint32 seed)
{
    auto generator = std::make_shared<QRandomGenerator>(seed);
    return [generator] { return generator->generateDouble(); };
}

} // namespace insighta::net
