#include "core/profiles/Countries.h"

#include "core/common/Logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace insighta {

const Countries &Countries::instance()
{
    static const Countries countries;
    return countries;
}

Countries::Countries()
{
    QFile file(QStringLiteral(":/data/iso_3166-1.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDb) << "ISO 3166-1 country data is missing from the resources";
        return;
    }
    const QJsonArray entries
        = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("3166-1")).toArray();
    m_countries.reserve(entries.size());
    for (const QJsonValue value : entries) {
        const QJsonObject entry = value.toObject();
        Country country;
        country.alpha2 = entry.value(QStringLiteral("alpha_2")).toString();
        country.name = entry.value(QStringLiteral("name")).toString();
        country.commonName = entry.value(QStringLiteral("common_name")).toString();
        country.officialName = entry.value(QStringLiteral("official_name")).toString();
        country.flag = entry.value(QStringLiteral("flag")).toString();
        m_indexByCode.insert(country.alpha2, m_countries.size());
        for (const QString &name : {country.name, country.commonName, country.officialName}) {
            if (!name.isEmpty())
                m_codeByNameKey.insert(nameLookupKey(name), country.alpha2);
        }
        m_countries.append(country);
    }
}

const Country *Countries::byCode(const QString &alpha2) const
{
    const auto it = m_indexByCode.constFind(alpha2.trimmed().toUpper());
    return it == m_indexByCode.cend() ? nullptr : &m_countries.at(*it);
}

QString Countries::nameFor(const QString &alpha2) const
{
    const Country *country = byCode(alpha2);
    return country ? country->name : QString();
}

} // namespace insighta

namespace insighta {

QString Countries::nameLookupKey(const QString &name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isLetterOrNumber())
            key += c.toLower();
        else if (c.category() == QChar::Mark_NonSpacing)
            continue;
        else if (c == QLatin1Char('\''))
            continue; // "Cote d'Ivoire" == "cote divoire"
        else
            key += QLatin1Char(' ');
    }
    return key.simplified();
}

QString Countries::codeForName(const QString &name) const
{
    return m_codeByNameKey.value(nameLookupKey(name));
}

} // namespace insighta
