#include "core/profiles/CountryAliases.h"

#include "core/profiles/Countries.h"

namespace insighta {

namespace {

struct Alias
{
    const char *phrase; // a trailing '*' also accepts the plural with "s" ("Kenyan" and "Kenyans")
    const char *codes; // comma-separated alpha-2; empty = a known phrase that names no country
};

// Aliases people actually type, then demonyms. Only what the ISO names do not already cover;
// the ISO short, common and official names come from iso-codes.
constexpr Alias kAliases[] = {
    // Aliases
    {"uk", "GB"},
    {"u k", "GB"},
    {"britain", "GB"},
    {"great britain", "GB"},
    {"england", "GB"},
    {"scotland", "GB"},
    {"wales", "GB"},
    {"northern ireland", "GB"},
    {"usa", "US"},
    {"u s a", "US"},
    {"u s", "US"},
    {"america", "US"},
    {"united states of america", "US"},
    {"the united states", "US"},
    {"drc", "CD"},
    {"dr congo", "CD"},
    {"d r congo", "CD"},
    {"democratic republic of congo", "CD"},
    {"democratic republic of the congo", "CD"},
    {"congo kinshasa", "CD"},
    {"zaire", "CD"},
    {"republic of congo", "CG"},
    {"republic of the congo", "CG"},
    {"congo brazzaville", "CG"},
    {"ivory coast", "CI"},
    {"cote d ivoire", "CI"},
    {"cape verde", "CV"},
    {"swaziland", "SZ"},
    {"the gambia", "GM"},
    {"sao tome", "ST"},
    {"uae", "AE"},
    {"emirates", "AE"},
    {"holland", "NL"},
    {"the netherlands", "NL"},
    {"russia", "RU"},
    {"turkey", "TR"},
    {"czech republic", "CZ"},
    {"burma", "MM"},
    {"east timor", "TL"},
    {"macedonia", "MK"},
    {"vatican", "VA"},
    {"vatican city", "VA"},
    {"palestine", "PS"},
    {"brasil", "BR"},
    // Regions that contain a country word: recognised as phrases so that "america" inside
    // "south america" is not read as the United States; they name no country (empty codes).
    {"south america", ""},
    {"latin america", ""},
    {"central america", ""},
    {"north america", ""},
    // Demonyms
    {"nigerian*", "NG"},
    {"nigerien*", "NE"},
    {"kenyan*", "KE"},
    {"ghanaian*", "GH"},
    {"ethiopian*", "ET"},
    {"south african*", "ZA"},
    {"beninese", "BJ"},
    {"beninois", "BJ"},
    {"ugandan*", "UG"},
    {"egyptian*", "EG"},
    {"tanzanian*", "TZ"},
    {"american*", "US"},
    {"cameroonian*", "CM"},
    {"congolese", "CD,CG"},
    {"senegalese", "SN"},
    {"ivorian*", "CI"},
    {"french", "FR"},
    {"frenchman", "FR"},
    {"frenchmen", "FR"},
    {"frenchwoman", "FR"},
    {"frenchwomen", "FR"},
    {"indian*", "IN"},
    {"british", "GB"},
    {"briton*", "GB"},
    {"english", "GB"},
    {"scottish", "GB"},
    {"welsh", "GB"},
    {"malian*", "ML"},
    {"rwandan*", "RW"},
    {"sudanese", "SD"},
    {"south sudanese", "SS"},
    {"mozambican*", "MZ"},
    {"moroccan*", "MA"},
    {"angolan*", "AO"},
    {"malagasy", "MG"},
    {"zimbabwean*", "ZW"},
    {"tunisian*", "TN"},
    {"brazilian*", "BR"},
    {"zambian*", "ZM"},
    {"german*", "DE"},
    {"chinese", "CN"},
    {"australian*", "AU"},
    {"japanese", "JP"},
    {"mauritanian*", "MR"},
    {"canadian*", "CA"},
    {"namibian*", "NA"},
    {"somali*", "SO"},
    {"somalian*", "SO"},
    {"mauritian*", "MU"},
    {"motswana", "BW"},
    {"batswana", "BW"},
    {"botswanan*", "BW"},
    {"djiboutian*", "DJ"},
    {"togolese", "TG"},
    {"sao tomean*", "ST"},
    {"malawian*", "MW"},
    {"sahrawi*", "EH"},
    {"burundian*", "BI"},
    {"central african*", "CF"},
    {"algerian*", "DZ"},
    {"guinean*", "GN"},
    {"bissau guinean*", "GW"},
    {"equatorial guinean*", "GQ"},
    {"equatoguinean*", "GQ"},
    {"eritrean*", "ER"},
    {"liberian*", "LR"},
    {"sierra leonean*", "SL"},
    {"comoran*", "KM"},
    {"comorian*", "KM"},
    {"seychellois", "SC"},
    {"cape verdean*", "CV"},
    {"cabo verdean*", "CV"},
    {"gabonese", "GA"},
    {"swazi*", "SZ"},
    {"emaswati", "SZ"},
    {"basotho", "LS"},
    {"mosotho", "LS"},
    {"gambian*", "GM"},
    {"chadian*", "TD"},
    {"burkinabe", "BF"},
    {"libyan*", "LY"},
    {"italian*", "IT"},
    {"spanish", "ES"},
    {"spaniard*", "ES"},
    {"portuguese", "PT"},
    {"dutch", "NL"},
    {"belgian*", "BE"},
    {"swiss", "CH"},
    {"austrian*", "AT"},
    {"swedish", "SE"},
    {"swede*", "SE"},
    {"norwegian*", "NO"},
    {"danish", "DK"},
    {"dane*", "DK"},
    {"finnish", "FI"},
    {"finn*", "FI"},
    {"irish", "IE"},
    {"polish", "PL"},
    {"greek*", "GR"},
    {"turkish", "TR"},
    {"turk*", "TR"},
    {"russian*", "RU"},
    {"ukrainian*", "UA"},
    {"mexican*", "MX"},
    {"argentine*", "AR"},
    {"argentinian*", "AR"},
    {"colombian*", "CO"},
    {"peruvian*", "PE"},
    {"chilean*", "CL"},
    {"venezuelan*", "VE"},
    {"cuban*", "CU"},
    {"jamaican*", "JM"},
    {"haitian*", "HT"},
    {"pakistani*", "PK"},
    {"bangladeshi*", "BD"},
    {"sri lankan*", "LK"},
    {"nepali*", "NP"},
    {"nepalese", "NP"},
    {"afghan*", "AF"},
    {"iranian*", "IR"},
    {"iraqi*", "IQ"},
    {"syrian*", "SY"},
    {"lebanese", "LB"},
    {"jordanian*", "JO"},
    {"israeli*", "IL"},
    {"palestinian*", "PS"},
    {"saudi*", "SA"},
    {"saudi arabian*", "SA"},
    {"emirati*", "AE"},
    {"qatari*", "QA"},
    {"yemeni*", "YE"},
    {"omani*", "OM"},
    {"indonesian*", "ID"},
    {"malaysian*", "MY"},
    {"filipino*", "PH"},
    {"filipina*", "PH"},
    {"thai", "TH"},
    {"vietnamese", "VN"},
    {"south korean*", "KR"},
    {"north korean*", "KP"},
    {"new zealander*", "NZ"},
    {"kiwi*", "NZ"},
    {"singaporean*", "SG"},
};

} // namespace

const CountryAliases &CountryAliases::instance()
{
    static const CountryAliases aliases;
    return aliases;
}

CountryAliases::CountryAliases()
{
    for (const Alias &alias : kAliases) {
        QString phrase = QString::fromLatin1(alias.phrase);
        const bool plural = phrase.endsWith(QLatin1Char('*'));
        if (plural)
            phrase.chop(1);
        const QStringList codes = QString::fromLatin1(alias.codes).split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QString key = Countries::nameLookupKey(phrase);
        m_codesByPhrase.insert(key, codes);
        if (plural)
            m_codesByPhrase.insert(key + QLatin1Char('s'), codes);
    }
}

QStringList CountryAliases::codesFor(const QString &phrase) const
{
    return m_codesByPhrase.value(Countries::nameLookupKey(phrase));
}

} // namespace insighta
