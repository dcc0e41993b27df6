#pragma once

#include "core/profiles/Profile.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace insighta {

enum class SortKey { CreatedAt, Age, GenderProbability, Name, Country };
enum class SortOrder { Desc, Asc };

QString sortKeyName(SortKey key); // "created_at", "age", ...
std::optional<SortKey> sortKeyFromName(const QString &name); // whitelist; case-insensitive
QString sortOrderName(SortOrder order); // "asc" / "desc"
std::optional<SortOrder> sortOrderFromName(const QString &name);

// The one canonical search request. Structured filters and the plain-English parser both
// produce it; its canonical() string is the cache key. All conditions are ANDed.
struct ProfileFilter
{
    std::optional<Gender> gender;
    std::optional<AgeGroup> ageGroup;
    std::optional<int> minAge; // inclusive
    std::optional<int> maxAge; // inclusive
    QStringList countryIds; // upper-case alpha-2; several = IN (...)
    // Countries left out ("not from Nigeria"): NOT IN (...). Beside countryIds they only remove
    // named countries, so normalised() folds them into countryIds.
    QStringList excludeCountryIds;
    std::optional<double> minGenderProbability;
    std::optional<double> minCountryProbability;
    SortKey sortBy = SortKey::CreatedAt;
    SortOrder order = SortOrder::Desc;
    bool sortExplicit = false; // the query asked for an order (parse --json shows sort_by/order)

    // Fixed key order, lower-case enums, sorted upper-case countries, integer ages,
    // probabilities to 2 decimals, empty keys dropped, defaults filled; filters that select the
    // same rows by definition reduce to the same key (age_group=adult == ages 20-59).
    QString canonical() const;
    // The same filter, reduced: age_group folded into the age bounds where exact, etc.
    ProfileFilter normalised() const;
    // The filter keys as JSON-ready pairs for `insighta parse --json` (recognised keys only).
    QVariantMap toVariantMap() const;
    // Whether no row can match (e.g. min_age > max_age); the UI explains instead of querying.
    bool isContradictory(QString *why = nullptr) const;

    // No condition at all (every profile matches); sort does not count.
    bool isEmpty() const;
    // The effective inclusive age range after folding age_group into the bounds and clipping to
    // 0..150 (min > max when contradictory).
    AgeRange effectiveAgeRange() const;
    // The filter applied in memory, exactly as the SQL applies it: for tests and small sets.
    bool matches(const Profile &profile) const;

    bool operator==(const ProfileFilter &) const = default;
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::ProfileFilter)
