#include "core/csv/Sniffing.h"

#include <array>

namespace insighta::csv {

char sniffDelimiter(std::string_view head)
{
    constexpr std::array<char, 3> candidates{',', ';', '\t'};
    constexpr int kMaxLines = 20;
    // counts[line][candidate], outside quotes.
    std::array<std::array<int, 3>, kMaxLines> counts{};
    int lines = 0;
    bool inQuotes = false;
    std::array<int, 3> current{};
    bool lineHasText = false;
    for (size_t i = 0; i < head.size() && lines < kMaxLines; ++i) {
        const char c = head[i];
        if (c == '"') {
            inQuotes = !inQuotes;
            lineHasText = true;
            continue;
        }
        if (inQuotes)
            continue;
        if (c == '\n' || c == '\r') {
            if (lineHasText)
                counts[size_t(lines++)] = current;
            current = {};
            lineHasText = false;
            continue;
        }
        lineHasText = true;
        for (size_t k = 0; k < candidates.size(); ++k)
            current[k] += c == candidates[k];
    }
    if (lineHasText && lines < kMaxLines && !inQuotes)
        counts[size_t(lines++)] = current;
    if (lines == 0)
        return ',';
    char best = ',';
    int bestScore = -1;
    for (size_t k = 0; k < candidates.size(); ++k) {
        const int first = counts[0][k];
        if (first == 0)
            continue;
        int consistent = 0;
        for (int l = 1; l < lines; ++l)
            consistent += counts[size_t(l)][k] == first;
        // Consistency across lines first, then how many columns it makes.
        const int score = consistent * 1000 + first;
        if (score > bestScore) {
            bestScore = score;
            best = candidates[k];
        }
    }
    return best;
}

} // namespace insighta::csv
