#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace insighta {

struct Country
{
    QString alpha2; // "NG"
    QString name; // ISO short name, "Nigeria"
    QString commonName; // "Tanzania" where iso-codes has one, else empty
    QString officialName; // may be empty
    QString flag; // emoji
};

// The ISO 3166-1 table, loaded once from the iso-codes data embedded at build time.
// Thread-safe after first use (a function-local static).
class Countries
{
public:
    static const Countries &instance();

    const QList<Country> &all() const { return m_countries; }
    // Case-insensitive alpha-2 lookup; nullptr when unknown.
    const Country *byCode(const QString &alpha2) const;
    // The name to show and store: the ISO short name.
    QString nameFor(const QString &alpha2) const;
    // Exact (case-, accent- and punctuation-insensitive) match on the ISO short name, the common
    // name or the official name: "nigeria", "Tanzania", "United Republic of Tanzania" -> code.
    // Aliases and demonyms ("uk", "Nigerian") live in the search language's own table.
    QString codeForName(const QString &name) const;
    // The key codeForName() compares: lower case, accents stripped, punctuation to spaces.
    static QString nameLookupKey(const QString &name);

private:
    Countries();
    QList<Country> m_countries;
    QHash<QString, qsizetype> m_indexByCode;
    QHash<QString, QString> m_codeByNameKey;
};

} // namespace insighta
