#pragma once

#include "core/profiles/Profile.h"

#include <QList>
#include <QRandomGenerator>

namespace insighta {

// Deterministic synthetic profiles: the same seed gives the same rows, byte for byte.
// A realistic country mix (weighted towards the countries the Insighta data covers), ages
// 0-100 with age_group derived, probabilities, unique names (including non-ASCII ones).
class DemoGenerator
{
public:
    explicit DemoGenerator(quint32 seed = 20261122, qint64 baseMillis = 1767225600000 /* 2026-01-01 */);

    // The profile with this index; profile(i) is unique by name for every i.
    Profile next();
    qint64 generated() const { return m_index; }

private:
    QRandomGenerator m_random;
    qint64 m_index = 0;
    qint64 m_baseMillis;
};

} // namespace insighta
