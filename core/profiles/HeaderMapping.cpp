#include "core/profiles/HeaderMapping.h"

#include <QHash>

namespace insighta {

namespace {

struct FieldName
{
    ProfileField field;
    const char *name;
};

constexpr FieldName kNames[] = {
    {ProfileField::Name, "name"},
    {ProfileField::Gender, "gender"},
    {ProfileField::GenderProbability, "gender_probability"},
    {ProfileField::Age, "age"},
    {ProfileField::AgeGroup, "age_group"},
    {ProfileField::CountryId, "country_id"},
    {ProfileField::CountryName, "country_name"},
    {ProfileField::CountryProbability, "country_probability"},
    {ProfileField::Id, "id"},
    {ProfileField::CreatedAt, "created_at"},
};

// Header keys are compared with case, spaces, hyphens, dots and underscores removed, so
// "Country ID", "country-id" and "COUNTRYID" are the same key.
QString headerKey(QStringView header)
{
    QString key;
    key.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    return key;
}

const QHash<QString, ProfileField> &aliases()
{
    static const QHash<QString, ProfileField> table = [] {
        QHash<QString, ProfileField> t;
        auto add = [&t](ProfileField field, std::initializer_list<const char *> names) {
            for (const char *name : names)
                t.insert(headerKey(QString::fromLatin1(name)), field);
        };
        add(ProfileField::Name, {"name", "full_name", "fullname", "person", "person_name", "profile_name"});
        add(ProfileField::Gender, {"gender", "sex"});
        add(ProfileField::GenderProbability,
            {"gender_probability", "gender_prob", "gender_confidence", "sex_probability", "gender_score"});
        add(ProfileField::Age, {"age", "age_years", "years"});
        add(ProfileField::AgeGroup, {"age_group", "agegroup", "age_bracket", "age_category", "group"});
        add(ProfileField::CountryId,
            {"country_id", "country_code", "countrycode", "country_iso", "iso_country", "iso2", "alpha2", "alpha_2",
             "cc", "country"});
        add(ProfileField::CountryName, {"country_name", "countryname", "nationality"});
        add(ProfileField::CountryProbability,
            {"country_probability", "country_prob", "country_confidence", "country_score"});
        add(ProfileField::Id, {"id", "uuid", "profile_id"});
        add(ProfileField::CreatedAt, {"created_at", "created", "createdat", "timestamp", "inserted_at"});
        return t;
    }();
    return table;
}

} // namespace

QString profileFieldName(ProfileField field)
{
    for (const FieldName &entry : kNames) {
        if (entry.field == field)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

ProfileField profileFieldFromName(const QString &name)
{
    for (const FieldName &entry : kNames) {
        if (name == QLatin1String(entry.name))
            return entry.field;
    }
    return ProfileField::Ignored;
}

ProfileField fieldForHeader(QStringView header)
{
    return aliases().value(headerKey(header), ProfileField::Ignored);
}

int HeaderMapping::columnOf(ProfileField field) const
{
    return int(columns.indexOf(field));
}

QStringList HeaderMapping::missingRequired() const
{
    QStringList missing;
    for (ProfileField field : {ProfileField::Name, ProfileField::Gender, ProfileField::Age}) {
        if (columnOf(field) < 0)
            missing << profileFieldName(field);
    }
    if (columnOf(ProfileField::CountryId) < 0 && columnOf(ProfileField::CountryName) < 0)
        missing << profileFieldName(ProfileField::CountryId);
    return missing;
}

HeaderMapping mapHeader(const QStringList &header)
{
    HeaderMapping mapping;
    mapping.columns.reserve(header.size());
    for (const QString &cell : header) {
        ProfileField field = fieldForHeader(cell);
        if (field != ProfileField::Ignored && mapping.columns.contains(field))
            field = ProfileField::Ignored;
        mapping.columns << field;
    }
    // A bare "country" column holding names rather than codes is still read right: the
    // country_id parser accepts names as well.
    return mapping;
}

} // namespace insighta
