#pragma once

#include <QString>

#include <deque>

namespace insighta::net {

// A circuit breaker per provider. Closed: every call goes through. It opens after
// `consecutiveFailures` failed attempts in a row, provided failures also dominate the recent
// window (so a provider that fails 30% of the time but works is not cut off by an unlucky run).
// Open: calls fail at once until the cool-down has passed; then one probe is let through
// (half-open). A good probe closes the circuit; a bad one opens it again with a longer cool-down.
// Time is passed in (ms on the client's Clock) so the breaker stays a plain value.
class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };

    struct Config
    {
        int consecutiveFailures = 5;
        int window = 20;
        double windowFailureRatio = 0.8;
        qint64 coolDownMs = 30'000;
        qint64 maxCoolDownMs = 300'000;
    };
    CircuitBreaker()
        : CircuitBreaker(Config{})
    {
    }
    explicit CircuitBreaker(Config config)
        : m_config(config)
        , m_coolDownMs(config.coolDownMs)
    {
    }

    // May an attempt start now? In half-open state only the single probe may.
    bool allow(qint64 nowMs);
    void onSuccess();
    void onFailure(qint64 nowMs);
    // Opens at once (e.g. a local server refusing connections: no point in counting).
    void trip(qint64 nowMs);

    State state(qint64 nowMs) const;
    qint64 nextProbeInMs(qint64 nowMs) const;
    int consecutiveFailures() const { return m_consecutive; }

private:
    void open(qint64 nowMs);
    void record(bool failure);

    Config m_config;
    State m_state = State::Closed;
    int m_consecutive = 0;
    std::deque<bool> m_recent; // true = failure
    qint64 m_openedAtMs = 0;
    qint64 m_coolDownMs;
    bool m_probeInFlight = false;
};

QString breakerStateName(CircuitBreaker::State state);

} // namespace insighta::net
