#pragma once

// Test oracle for search: which profiles a filter selects and in what order, computed in
// memory from the rows the test inserted, independently of the SQL under test.

#include "core/db/ProfileSearch.h"
#include "core/profiles/DemoGenerator.h"
#include "core/profiles/ProfileFilter.h"

#include <QTimeZone>

#include <algorithm>

namespace insighta::searchtest {

inline bool selects(const ProfileFilter &f, const Profile &p)
{
    if (f.gender && *f.gender != Gender::Unknown && p.gender != *f.gender)
        return false;
    if (f.ageGroup && *f.ageGroup != AgeGroup::Unknown && p.ageGroup != *f.ageGroup)
        return false;
    if (f.minAge && p.age < *f.minAge)
        return false;
    if (f.maxAge && p.age > *f.maxAge)
        return false;
    if (!f.countryIds.isEmpty() && !f.countryIds.contains(p.countryId))
        return false;
    if (f.excludeCountryIds.contains(p.countryId))
        return false;
    if (f.minGenderProbability && p.genderProbability < *f.minGenderProbability)
        return false;
    if (f.minCountryProbability && p.countryProbability < *f.minCountryProbability)
        return false;
    return true;
}

inline int compareKey(SortKey key, const Profile &a, const Profile &b)
{
    auto cmp = [](const auto &x, const auto &y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (key) {
    case SortKey::Age:
        return cmp(a.age, b.age);
    case SortKey::GenderProbability:
        return cmp(a.genderProbability, b.genderProbability);
    case SortKey::Name:
        return cmp(nameKey(a.name).toUtf8(), nameKey(b.name).toUtf8());
    case SortKey::Country:
        return cmp(a.countryName.toUtf8(), b.countryName.toUtf8());
    case SortKey::CreatedAt:
        break;
    }
    return cmp(a.createdAt, b.createdAt);
}

inline QStringList expectedIds(const ProfileFilter &f, const QList<Profile> &all)
{
    QList<Profile> rows;
    for (const Profile &p : all)
        if (selects(f, p))
            rows << p;
    std::sort(rows.begin(), rows.end(), [&](const Profile &a, const Profile &b) {
        int c = compareKey(f.sortBy, a, b);
        if (c == 0 && f.sortBy != SortKey::Name)
            c = a.id < b.id ? -1 : (b.id < a.id ? 1 : 0);
        return f.order == SortOrder::Asc ? c < 0 : c > 0;
    });
    QStringList ids;
    for (const Profile &p : rows)
        ids << p.id;
    return ids;
}

// Demo profiles with deliberate ties: seven rows share each created_at.
inline QList<Profile> tiedProfiles(int n, quint32 seed = 7)
{
    DemoGenerator generator(seed);
    QList<Profile> rows;
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(1767225600000, QTimeZone::utc());
    for (int i = 0; i < n; ++i) {
        Profile p = generator.next();
        p.createdAt = base.addMSecs(qint64(i / 7) * 1000);
        rows << p;
    }
    return rows;
}

} // namespace insighta::searchtest
