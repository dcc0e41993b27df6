#pragma once

#include <optional>
#include <string_view>

namespace insighta {

// English number words for ages: "twenty-five", "Twenty Five", "one hundred and two", "zero",
// "a hundred". Case-insensitive; hyphens, spaces and "and" as separators. Returns nullopt for
// anything else (including misspellings such as "twenty-fiv"). Range checks are the caller's.
std::optional<int> parseAgeWords(std::string_view text);

} // namespace insighta
