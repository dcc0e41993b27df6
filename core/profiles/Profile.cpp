#include "core/profiles/Profile.h"

namespace insighta {

QString genderName(Gender gender)
{
    switch (gender) {
    case Gender::Male:
        return QStringLiteral("male");
    case Gender::Female:
        return QStringLiteral("female");
    case Gender::Unknown:
        break;
    }
    return {};
}

Gender genderFromName(const QString &name)
{
    if (name == QLatin1String("male"))
        return Gender::Male;
    if (name == QLatin1String("female"))
        return Gender::Female;
    return Gender::Unknown;
}

QString ageGroupName(AgeGroup group)
{
    switch (group) {
    case AgeGroup::Child:
        return QStringLiteral("child");
    case AgeGroup::Teenager:
        return QStringLiteral("teenager");
    case AgeGroup::Adult:
        return QStringLiteral("adult");
    case AgeGroup::Senior:
        return QStringLiteral("senior");
    case AgeGroup::Unknown:
        break;
    }
    return {};
}

AgeGroup ageGroupFromName(const QString &name)
{
    if (name == QLatin1String("child"))
        return AgeGroup::Child;
    if (name == QLatin1String("teenager"))
        return AgeGroup::Teenager;
    if (name == QLatin1String("adult"))
        return AgeGroup::Adult;
    if (name == QLatin1String("senior"))
        return AgeGroup::Senior;
    return AgeGroup::Unknown;
}

AgeGroup ageGroupForAge(int age)
{
    if (age < 0)
        return AgeGroup::Unknown;
    if (age <= 12)
        return AgeGroup::Child;
    if (age <= 19)
        return AgeGroup::Teenager;
    if (age <= 59)
        return AgeGroup::Adult;
    return AgeGroup::Senior;
}

AgeRange ageRangeOf(AgeGroup group)
{
    switch (group) {
    case AgeGroup::Child:
        return {0, 12};
    case AgeGroup::Teenager:
        return {13, 19};
    case AgeGroup::Adult:
        return {20, 59};
    case AgeGroup::Senior:
        return {60, kMaxAge};
    case AgeGroup::Unknown:
        break;
    }
    return {0, kMaxAge};
}

QString nameKey(const QString &name)
{
    return name.simplified().toCaseFolded();
}

} // namespace insighta
