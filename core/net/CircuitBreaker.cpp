#include "core/net/CircuitBreaker.h"

#include <algorithm>

namespace insighta::net {

void CircuitBreaker::record(bool failure)
{
    m_recent.push_back(failure);
    while (int(m_recent.size()) > m_config.window)
        m_recent.pop_front();
}

bool CircuitBreaker::allow(qint64 nowMs)
{
    switch (state(nowMs)) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen:
        if (m_probeInFlight)
            return false;
        m_state = State::HalfOpen;
        m_probeInFlight = true;
        return true;
    }
    return false;
}

void CircuitBreaker::onSuccess()
{
    record(false);
    m_consecutive = 0;
    m_probeInFlight = false;
    m_state = State::Closed;
    m_coolDownMs = m_config.coolDownMs;
}

void CircuitBreaker::onFailure(qint64 nowMs)
{
    record(true);
    ++m_consecutive;
    if (m_state == State::HalfOpen) {
        // The probe failed: back off harder before the next one.
        m_coolDownMs = std::min(m_config.maxCoolDownMs, m_coolDownMs * 2);
        open(nowMs);
        return;
    }
    if (m_state == State::Open)
        return;
    const auto failures = std::count(m_recent.begin(), m_recent.end(), true);
    if (m_consecutive >= m_config.consecutiveFailures
        && double(failures) >= m_config.windowFailureRatio * double(m_recent.size()))
        open(nowMs);
}

void CircuitBreaker::trip(qint64 nowMs)
{
    record(true);
    ++m_consecutive;
    open(nowMs);
}

void CircuitBreaker::open(qint64 nowMs)
{
    m_state = State::Open;
    m_openedAtMs = nowMs;
    m_probeInFlight = false;
}

CircuitBreaker::State CircuitBreaker::state(qint64 nowMs) const
{
    if (m_state == State::Open && nowMs - m_openedAtMs >= m_coolDownMs)
        return State::HalfOpen;
    return m_state;
}

qint64 CircuitBreaker::nextProbeInMs(qint64 nowMs) const
{
    if (m_state != State::Open)
        return 0;
    return std::max<qint64>(0, m_openedAtMs + m_coolDownMs - nowMs);
}

QString breakerStateName(CircuitBreaker::State state)
{
    switch (state) {
    case CircuitBreaker::State::Closed:
        return QStringLiteral("closed");
    case CircuitBreaker::State::Open:
        return QStringLiteral("open");
    case CircuitBreaker::State::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

} // namespace insighta::net
