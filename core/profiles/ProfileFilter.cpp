#include "core/profiles/ProfileFilter.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace insighta {

namespace {

struct SortKeyName
{
    SortKey key;
    const char *name;
};

// The whitelist: the only names that ever reach ORDER BY.
constexpr SortKeyName kSortKeys[] = {
    {SortKey::CreatedAt, "created_at"},
    {SortKey::Age, "age"},
    {SortKey::GenderProbability, "gender_probability"},
    {SortKey::Name, "name"},
    {SortKey::Country, "country"},
};

// Probabilities live in the key with 2 decimals, so the filter itself is rounded the same way:
// the SQL and the cache key can never disagree about 0.123 vs 0.12.
double roundProbability(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QString formatProbability(double value)
{
    return QString::number(value, 'f', 2);
}

// Trimmed, upper-cased, de-duplicated and sorted.
QStringList canonicalCodes(const QStringList &codes)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString &id : codes) {
        const QString code = id.trimmed().toUpper();
        if (!code.isEmpty() && !seen.contains(code)) {
            seen.insert(code);
            result.append(code);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

QString rangeText(int min, int max)
{
    if (max >= kMaxAge)
        return QStringLiteral("%1+").arg(min);
    return QStringLiteral("%1\u2013%2").arg(min).arg(max);
}

} // namespace

QString sortKeyName(SortKey key)
{
    for (const SortKeyName &entry : kSortKeys) {
        if (entry.key == key)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("created_at");
}

std::optional<SortKey> sortKeyFromName(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    for (const SortKeyName &entry : kSortKeys) {
        if (wanted == QLatin1String(entry.name))
            return entry.key;
    }
    return std::nullopt;
}

QString sortOrderName(SortOrder order)
{
    return order == SortOrder::Asc ? QStringLiteral("asc") : QStringLiteral("desc");
}

std::optional<SortOrder> sortOrderFromName(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    if (wanted == QLatin1String("asc") || wanted == QLatin1String("ascending"))
        return SortOrder::Asc;
    if (wanted == QLatin1String("desc") || wanted == QLatin1String("descending"))
        return SortOrder::Desc;
    return std::nullopt;
}

AgeRange ProfileFilter::effectiveAgeRange() const
{
    AgeRange range; // 0..150: the ages a profile can have
    if (ageGroup && *ageGroup != AgeGroup::Unknown)
        range = ageRangeOf(*ageGroup);
    if (minAge)
        range.min = std::max(range.min, *minAge);
    if (maxAge)
        range.max = std::min(range.max, *maxAge);
    return range;
}

ProfileFilter ProfileFilter::normalised() const
{
    ProfileFilter n;
    if (gender && *gender != Gender::Unknown)
        n.gender = gender;

    // age_group is derived from age, so a group is exactly an age range: fold it into the bounds
    // and drop the bounds that every age satisfies (0 and 150 are the schema's limits).
    const AgeRange range = effectiveAgeRange();
    if (range.min > 0)
        n.minAge = range.min;
    if (range.max < kMaxAge)
        n.maxAge = range.max;

    n.countryIds = canonicalCodes(countryIds);
    n.excludeCountryIds = canonicalCodes(excludeCountryIds);
    // Beside named countries an exclusion only removes some of them: "from Kenya or Ghana, not
    // Ghana" is exactly "from Kenya". When it removes all of them the filter is contradictory
    // and keeps both lists, so that it still says so.
    if (!n.countryIds.isEmpty()) {
        QStringList kept = n.countryIds;
        kept.removeIf([&n](const QString &code) { return n.excludeCountryIds.contains(code); });
        if (!kept.isEmpty()) {
            n.countryIds = kept;
            n.excludeCountryIds.clear();
        }
    }

    // Probabilities are 0..1; a minimum of 0 (or below) selects every row.
    if (minGenderProbability && roundProbability(*minGenderProbability) > 0.0)
        n.minGenderProbability = roundProbability(*minGenderProbability);
    if (minCountryProbability && roundProbability(*minCountryProbability) > 0.0)
        n.minCountryProbability = roundProbability(*minCountryProbability);

    n.sortBy = sortBy;
    n.order = order;
    // Asking for the default order explicitly returns the same rows in the same order.
    n.sortExplicit = sortBy != SortKey::CreatedAt || order != SortOrder::Desc;
    return n;
}

QString ProfileFilter::canonical() const
{
    const ProfileFilter n = normalised();
    // Alphabetical key order, fixed; defaults always written so the key is self-describing.
    QStringList parts;
    if (n.ageGroup) // never set after normalisation; kept for a stable order if that changes
        parts << QStringLiteral("age_group=") + ageGroupName(*n.ageGroup);
    if (!n.countryIds.isEmpty())
        parts << QStringLiteral("country_id=") + n.countryIds.join(QLatin1Char(','));
    if (!n.excludeCountryIds.isEmpty())
        parts << QStringLiteral("exclude_country_id=") + n.excludeCountryIds.join(QLatin1Char(','));
    if (n.gender)
        parts << QStringLiteral("gender=") + genderName(*n.gender);
    if (n.maxAge)
        parts << QStringLiteral("max_age=%1").arg(*n.maxAge);
    if (n.minAge)
        parts << QStringLiteral("min_age=%1").arg(*n.minAge);
    if (n.minCountryProbability)
        parts << QStringLiteral("min_country_probability=") + formatProbability(*n.minCountryProbability);
    if (n.minGenderProbability)
        parts << QStringLiteral("min_gender_probability=") + formatProbability(*n.minGenderProbability);
    parts << QStringLiteral("order=") + sortOrderName(n.order);
    parts << QStringLiteral("sort_by=") + sortKeyName(n.sortBy);
    return parts.join(QLatin1Char('&'));
}

QVariantMap ProfileFilter::toVariantMap() const
{
    QVariantMap map;
    if (gender && *gender != Gender::Unknown)
        map.insert(QStringLiteral("gender"), genderName(*gender));
    if (ageGroup && *ageGroup != AgeGroup::Unknown)
        map.insert(QStringLiteral("age_group"), ageGroupName(*ageGroup));
    if (minAge)
        map.insert(QStringLiteral("min_age"), *minAge);
    if (maxAge)
        map.insert(QStringLiteral("max_age"), *maxAge);
    const QStringList countries = normalised().countryIds;
    if (!countries.isEmpty())
        map.insert(QStringLiteral("country_id"), countries.join(QLatin1Char(',')));
    const QStringList excluded = normalised().excludeCountryIds;
    if (!excluded.isEmpty())
        map.insert(QStringLiteral("exclude_country_id"), excluded.join(QLatin1Char(',')));
    if (minGenderProbability)
        map.insert(QStringLiteral("min_gender_probability"), roundProbability(*minGenderProbability));
    if (minCountryProbability)
        map.insert(QStringLiteral("min_country_probability"), roundProbability(*minCountryProbability));
    if (sortExplicit) {
        map.insert(QStringLiteral("sort_by"), sortKeyName(sortBy));
        map.insert(QStringLiteral("order"), sortOrderName(order));
    }
    return map;
}

bool ProfileFilter::isContradictory(QString *why) const
{
    auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return true;
    };
    if (minAge && *minAge > kMaxAge)
        return fail(QStringLiteral("no profile is older than %1 (min_age %2)").arg(kMaxAge).arg(*minAge));
    if (maxAge && *maxAge < 0)
        return fail(QStringLiteral("max_age %1 is below 0").arg(*maxAge));
    if (minAge && maxAge && *minAge > *maxAge)
        return fail(QStringLiteral("min_age %1 is greater than max_age %2").arg(*minAge).arg(*maxAge));
    const AgeRange range = effectiveAgeRange();
    if (range.min > range.max && ageGroup && *ageGroup != AgeGroup::Unknown) {
        const AgeRange group = ageRangeOf(*ageGroup);
        const int lo = minAge.value_or(0);
        const int hi = maxAge.value_or(kMaxAge);
        return fail(QStringLiteral("the age group %1 (ages %2) does not overlap ages %3")
                        .arg(ageGroupName(*ageGroup), rangeText(group.min, group.max), rangeText(lo, hi)));
    }
    const ProfileFilter n = normalised();
    if (!n.countryIds.isEmpty() && !n.excludeCountryIds.isEmpty())
        return fail(
            QStringLiteral("every country named (%1) is also excluded").arg(n.countryIds.join(QStringLiteral(", "))));
    if (minGenderProbability && roundProbability(*minGenderProbability) > 1.0)
        return fail(
            QStringLiteral("min_gender_probability %1 is above 1").arg(formatProbability(*minGenderProbability)));
    if (minCountryProbability && roundProbability(*minCountryProbability) > 1.0)
        return fail(
            QStringLiteral("min_country_probability %1 is above 1").arg(formatProbability(*minCountryProbability)));
    return false;
}

bool ProfileFilter::isEmpty() const
{
    const ProfileFilter n = normalised();
    return !n.gender && !n.minAge && !n.maxAge && n.countryIds.isEmpty() && n.excludeCountryIds.isEmpty()
        && !n.minGenderProbability && !n.minCountryProbability;
}

bool ProfileFilter::matches(const Profile &profile) const
{
    const ProfileFilter n = normalised();
    if (n.gender && profile.gender != *n.gender)
        return false;
    if (n.minAge && profile.age < *n.minAge)
        return false;
    if (n.maxAge && profile.age > *n.maxAge)
        return false;
    if (!n.countryIds.isEmpty() && !n.countryIds.contains(profile.countryId.toUpper()))
        return false;
    if (n.excludeCountryIds.contains(profile.countryId.toUpper()))
        return false;
    if (n.minGenderProbability && profile.genderProbability < *n.minGenderProbability)
        return false;
    if (n.minCountryProbability && profile.countryProbability < *n.minCountryProbability)
        return false;
    return true;
}

} // namespace insighta
