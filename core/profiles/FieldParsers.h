#pragma once

#include "core/profiles/Profile.h"

#include <optional>
#include <string>
#include <string_view>

namespace insighta::fields {

// Pure parsers for one CSV cell each, on UTF-8 bytes. They trim ASCII and Unicode spaces
// themselves, allocate nothing on the common paths, and return nullopt when the value is not
// acceptable; the caller turns that into a reason code and a message.

// Leading and trailing spaces (ASCII whitespace and U+00A0) removed.
std::string_view trim(std::string_view text);

// male: m, male, man, men, boy, masculine · female: f, female, woman, women, girl, lady,
// feminine (case-insensitive). Empty or anything else -> nullopt.
std::optional<Gender> parseGender(std::string_view text);

// "25", "25.0", "+25", "twenty-five" -> 25. Fractions other than .0 are refused. No range check.
std::optional<int> parseAge(std::string_view text);

// "0.85", ".85", "85%", "1", "0" -> value in [0, 1]; out of range or not a number -> nullopt.
// Empty -> nullopt as well; callers decide whether empty means "not given".
std::optional<double> parseProbability(std::string_view text);

// A country as stored: the ISO alpha-2 code and ISO short name, as UTF-8 views that live for the
// whole process (safe to keep).
struct CountryRef
{
    std::string_view code; // "NG"
    std::string_view name; // "Nigeria"
    bool operator==(const CountryRef &) const = default;
};

// Alpha-2 code in any case ("ng", " NG ") -> country.
std::optional<CountryRef> countryByCode(std::string_view text);
// Full names through Countries::codeForName ("Nigeria", "côte d'ivoire", "Tanzania").
std::optional<CountryRef> countryByName(std::string_view text);
// Code first, then name: what a country_id cell is allowed to hold.
std::optional<CountryRef> parseCountry(std::string_view text);

// age_group cell: child / teenager / adult / senior in any case (also "teen", "kid", "elderly").
std::optional<AgeGroup> parseAgeGroup(std::string_view text);

// nameKey() on UTF-8 bytes without a QString round trip for ASCII names (identical results:
// trimmed, inner whitespace collapsed, case-folded). Writes into `out`, reusing its capacity.
void nameKeyUtf8(std::string_view name, std::string &out);

} // namespace insighta::fields
