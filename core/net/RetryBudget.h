#pragma once

#include <QtGlobal>

namespace insighta::net {

// A token bucket per provider, after the AWS SDK's retry quota: a retry spends tokens, a
// success pays some back. While the provider is healthy the bucket stays full; in an outage it
// drains after a few retries and further failures are not retried, so an outage costs a handful
// of extra requests instead of multiplying every call.
class RetryBudget
{
public:
    struct Config
    {
        int capacity = 500; // the AWS SDK default: a long run at 30% failures never drains it
        int retryCost = 5;
        int timeoutCost = 10; // a timeout ties up a connection for long: costs more
        int successRefund = 1; // a first-attempt success
    };
    RetryBudget()
        : RetryBudget(Config{})
    {
    }
    explicit RetryBudget(Config config)
        : m_config(config)
        , m_tokens(config.capacity)
    {
    }

    // Takes the tokens for one retry; false when the budget cannot afford it. Returns the cost
    // taken through *cost so a later success can pay exactly that back.
    bool tryAcquire(bool afterTimeout, int *cost);
    // A call succeeded: a retried success returns what its last retry cost, a first-attempt
    // success adds a little.
    void onSuccess(int lastRetryCost);

    int tokens() const { return m_tokens; }
    const Config &config() const { return m_config; }

private:
    Config m_config;
    int m_tokens;
};

} // namespace insighta::net
