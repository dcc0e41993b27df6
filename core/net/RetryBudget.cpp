#include "core/net/RetryBudget.h"

#include <algorithm>

namespace insighta::net {

bool RetryBudget::tryAcquire(bool afterTimeout, int *cost)
{
    const int price = afterTimeout ? m_config.timeoutCost : m_config.retryCost;
    if (m_tokens < price)
        return false;
    m_tokens -= price;
    if (cost)
        *cost = price;
    return true;
}

void RetryBudget::onSuccess(int lastRetryCost)
{
    m_tokens = std::min(m_config.capacity, m_tokens + (lastRetryCost > 0 ? lastRetryCost : m_config.successRefund));
}

} // namespace insighta::net
