#include "core/jobs/Clock.h"

#include <QTimeZone>

namespace insighta::jobs {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock(const QDateTime &start)
    : m_now(start.toUTC())
{
}

QDateTime ManualClock::now() const
{
    QMutexLocker lock(&m_mutex);
    return m_now;
}

void ManualClock::advance(std::chrono::milliseconds by)
{
    QMutexLocker lock(&m_mutex);
    m_now = m_now.addMSecs(by.count());
}

void ManualClock::set(const QDateTime &to)
{
    QMutexLocker lock(&m_mutex);
    m_now = to.toUTC();
}

} // namespace insighta::jobs
