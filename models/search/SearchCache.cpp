#include "models/search/SearchCache.h"

namespace insighta {

SearchCache::SearchCache(qint64 ttlMs, Clock clock)
    : m_ttlMs(ttlMs)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{
}

QString SearchCache::keyFor(const ProfileFilter &filter)
{
    // The canonical string is the filter's identity; the sort is added explicitly so two sorts
    // of the same filter never share a first page, whatever canonical() includes.
    return filter.canonical() + QStringLiteral("#") + sortKeyName(filter.sortBy) + QLatin1Char(' ')
        + sortOrderName(filter.order);
}

std::optional<SearchCache::Entry> SearchCache::find(const QString &key)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return std::nullopt;
    if (it->storedAt.msecsTo(m_clock()) >= m_ttlMs) {
        m_entries.erase(it);
        return std::nullopt;
    }
    return it->entry;
}

SearchCache::Stored &SearchCache::slot(const QString &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->storedAt.msecsTo(m_clock()) >= m_ttlMs)
        it = m_entries.insert(key, Stored{Entry{}, m_clock()});
    // Bound the memory: a first page is small, but a long session makes many searches.
    if (m_entries.size() > 200) {
        const QDateTime now = m_clock();
        for (auto old = m_entries.begin(); old != m_entries.end();) {
            if (old.key() != key && old->storedAt.msecsTo(now) >= m_ttlMs / 2)
                old = m_entries.erase(old);
            else
                ++old;
        }
        it = m_entries.find(key);
    }
    return *it;
}

void SearchCache::putFirstPage(const QString &key, const ProfilePage &page)
{
    slot(key).entry.firstPage = page;
}

void SearchCache::putCount(const QString &key, qint64 count)
{
    slot(key).entry.count = count;
}

void SearchCache::putAggregates(const QString &key, const SearchAggregates &aggregates)
{
    slot(key).entry.aggregates = aggregates;
}

} // namespace insighta
