#include "core/profiles/AgeWords.h"

#include <array>
#include <cstring>

namespace insighta {

namespace {

struct Word
{
    const char *text;
    int value;
};

constexpr Word kUnits[] = {{"one", 1}, {"two", 2},   {"three", 3}, {"four", 4}, {"five", 5},
                           {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}};
constexpr Word kTeens[] = {{"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
                           {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}};
constexpr Word kTens[] = {{"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fifty", 50},
                          {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90}};

int lookup(std::string_view word, const Word *table, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        if (word.size() == std::strlen(table[i].text) && word == table[i].text)
            return table[i].value;
    }
    return -1;
}

} // namespace

std::optional<int> parseAgeWords(std::string_view text)
{
    // Lower-case words split on spaces and hyphens; at most a few short words.
    std::array<char, 64> lower{};
    if (text.size() >= lower.size())
        return std::nullopt;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    const std::string_view all(lower.data(), text.size());

    enum class Last { None, Article, Unit, Teen, Tens, Hundred, And };
    Last last = Last::None;
    int total = 0;
    int words = 0;
    size_t i = 0;
    while (i < all.size()) {
        while (i < all.size() && (all[i] == ' ' || all[i] == '-' || all[i] == '\t'))
            ++i;
        size_t j = i;
        while (j < all.size() && all[j] != ' ' && all[j] != '-' && all[j] != '\t')
            ++j;
        if (j == i)
            break;
        const std::string_view word = all.substr(i, j - i);
        i = j;
        ++words;
        if (word == "zero") {
            if (last != Last::None)
                return std::nullopt;
            last = Last::Unit;
            continue; // only valid alone: checked below
        }
        if (word == "and") {
            if (last != Last::Hundred)
                return std::nullopt;
            last = Last::And;
            continue;
        }
        if (word == "a") {
            if (last != Last::None)
                return std::nullopt;
            last = Last::Article;
            continue;
        }
        if (word == "hundred") {
            if (last == Last::Article) {
                total = 100;
            } else if (last == Last::Unit && total >= 1 && total <= 9) {
                total *= 100;
            } else {
                return std::nullopt;
            }
            last = Last::Hundred;
            continue;
        }
        const bool afterHundred = last == Last::Hundred || last == Last::And;
        if (int v = lookup(word, kUnits, std::size(kUnits)); v > 0) {
            if (!(last == Last::None || last == Last::Tens || afterHundred))
                return std::nullopt;
            total += v;
            last = Last::Unit;
            continue;
        }
        if (int v = lookup(word, kTeens, std::size(kTeens)); v > 0) {
            if (!(last == Last::None || afterHundred))
                return std::nullopt;
            total += v;
            last = Last::Teen;
            continue;
        }
        if (int v = lookup(word, kTens, std::size(kTens)); v > 0) {
            if (!(last == Last::None || afterHundred))
                return std::nullopt;
            total += v;
            last = Last::Tens;
            continue;
        }
        return std::nullopt;
    }
    if (words == 0 || last == Last::Article || last == Last::And)
        return std::nullopt;
    if (total == 0 && !(words == 1 && all.find("zero") != std::string_view::npos))
        return std::nullopt;
    return total;
}

} // namespace insighta
