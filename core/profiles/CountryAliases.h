#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace insighta {

// The search language's own country words, on top of the ISO names from iso-codes: common
// aliases ("uk", "ivory coast", "dr congo") and demonyms ("Nigerian", "Kenyans", "South African").
// Keys are in Countries::nameLookupKey() form (lower case, accents stripped, punctuation as
// spaces). A word may name several countries ("Congolese" -> CD and CG).
class CountryAliases
{
public:
    static const CountryAliases &instance();

    const QHash<QString, QStringList> &phrases() const { return m_codesByPhrase; }
    // Codes for a phrase in any spelling ("Nigerians" -> {"NG"}); empty when unknown.
    QStringList codesFor(const QString &phrase) const;

private:
    CountryAliases();
    QHash<QString, QStringList> m_codesByPhrase;
};

} // namespace insighta
