#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace insighta {

// The profile field a CSV column feeds. Id and CreatedAt are recognised so that they can be
// ignored on purpose (never trusted); Ignored is any other column.
enum class ProfileField {
    Ignored,
    Name,
    Gender,
    GenderProbability,
    Age,
    AgeGroup,
    CountryId,
    CountryName,
    CountryProbability,
    Id,
    CreatedAt,
};

// "name", "gender", ..., "country_probability", "id", "created_at"; "" for Ignored.
QString profileFieldName(ProfileField field);
// Inverse of profileFieldName() for the canonical names only; Ignored when unknown.
ProfileField profileFieldFromName(const QString &name);

// Maps one header cell to a field, case- and space-insensitively, with common aliases
// ("country_code" -> CountryId, "sex" -> Gender, "Full Name" -> Name, "Age Group" -> AgeGroup).
ProfileField fieldForHeader(QStringView header);

// Source column -> profile field, one entry per header column.
struct HeaderMapping
{
    QList<ProfileField> columns;

    // -1 when no column feeds the field (the first column wins when several do).
    int columnOf(ProfileField field) const;
    // Required: name, gender, age and a country (country_id, or country_name to look up).
    // Returns the missing ones by their canonical names, e.g. {"gender", "country_id"}.
    QStringList missingRequired() const;
    bool operator==(const HeaderMapping &) const = default;
};

// Proposes a mapping for a header. A field claimed by an earlier column leaves later columns
// that map to the same field Ignored.
HeaderMapping mapHeader(const QStringList &header);

} // namespace insighta
