#pragma once

#include "core/db/ProfileSearch.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace insighta {

// Results of recent searches keyed by the filter's cache key (its canonical string plus the
// sort): the first page, the exact count, the chart aggregates. Entries expire after a fixed
// time (5 minutes) and all go when the data changes (an import finished). UI thread only.
class SearchCache
{
public:
    struct Entry
    {
        std::optional<ProfilePage> firstPage;
        std::optional<qint64> count;
        std::optional<SearchAggregates> aggregates;
    };
    using Clock = std::function<QDateTime()>;

    explicit SearchCache(qint64 ttlMs = 5 * 60 * 1000, Clock clock = {});

    static QString keyFor(const ProfileFilter &filter);
    // The live entry for the key, or nullopt (an expired entry is removed).
    std::optional<Entry> find(const QString &key);
    void putFirstPage(const QString &key, const ProfilePage &page);
    void putCount(const QString &key, qint64 count);
    void putAggregates(const QString &key, const SearchAggregates &aggregates);
    void clear() { m_entries.clear(); }
    qsizetype size() const { return m_entries.size(); }

private:
    struct Stored
    {
        Entry entry;
        QDateTime storedAt;
    };
    Stored &slot(const QString &key);

    qint64 m_ttlMs;
    Clock m_clock;
    QHash<QString, Stored> m_entries;
};

} // namespace insighta
