#pragma once

#include <string_view>

namespace insighta::csv {

// Picks the delimiter among comma, semicolon and tab from the first lines of UTF-8 text: the
// candidate that appears outside quotes on the first line and most consistently on the next
// ones. Falls back to comma.
char sniffDelimiter(std::string_view utf8Head);

// "," / ";" / "\t" for the report ("tab" is spelled as the character itself, as cli.md shows).
inline const char *delimiterText(char delimiter)
{
    switch (delimiter) {
    case ';':
        return ";";
    case '\t':
        return "\t";
    default:
        return ",";
    }
}

} // namespace insighta::csv
