#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace insighta {

enum class Gender { Unknown, Male, Female };
enum class AgeGroup { Unknown, Child, Teenager, Adult, Senior };

QString genderName(Gender gender); // "male" / "female" / ""
Gender genderFromName(const QString &name); // exact canonical names only
QString ageGroupName(AgeGroup group); // "child" / "teenager" / "adult" / "senior"
AgeGroup ageGroupFromName(const QString &name); // exact canonical names only

// age_group is derived from age: child 0-12, teenager 13-19, adult 20-59, senior 60+.
AgeGroup ageGroupForAge(int age);
// The inclusive age range a group covers (senior ends at the maximum age, 150).
struct AgeRange
{
    int min = 0;
    int max = 150;
};
AgeRange ageRangeOf(AgeGroup group);
constexpr int kMaxAge = 150;

// The key that makes names unique: trimmed, inner whitespace collapsed, case-folded.
// The original spelling is kept in Profile::name.
QString nameKey(const QString &name);

struct Profile
{
    QString id; // UUID v7, text form
    QString name;
    Gender gender = Gender::Unknown;
    double genderProbability = 0.0;
    int age = 0;
    AgeGroup ageGroup = AgeGroup::Unknown;
    QString countryId; // ISO 3166-1 alpha-2, upper case
    QString countryName;
    double countryProbability = 0.0;
    QDateTime createdAt; // UTC, millisecond precision

    bool operator==(const Profile &other) const = default;
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::Profile)
