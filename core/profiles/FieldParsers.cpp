#include "core/profiles/FieldParsers.h"

#include "core/profiles/AgeWords.h"
#include "core/profiles/Countries.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <vector>

namespace insighta::fields {

namespace {

inline bool isAsciiSpace(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Lower-cases a short ASCII word into `buffer`; false when too long for a keyword.
template<size_t N> bool lowerWord(std::string_view text, std::array<char, N> &buffer, std::string_view &out)
{
    if (text.size() > N)
        return false;
    for (size_t i = 0; i < text.size(); ++i)
        buffer[i] = lowerAscii(text[i]);
    out = std::string_view(buffer.data(), text.size());
    return true;
}

// Country table indexed by the two letters of the code, with UTF-8 copies that live for the
// process so rows can point at them.
struct CountryTable
{
    std::array<int, 26 * 26> index{};
    std::vector<std::string> codes;
    std::vector<std::string> names;

    CountryTable()
    {
        index.fill(-1);
        const auto &all = Countries::instance().all();
        codes.reserve(size_t(all.size()));
        names.reserve(size_t(all.size()));
        for (const Country &country : all) {
            const QByteArray code = country.alpha2.toLatin1();
            if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
                continue;
            index[size_t(code[0] - 'A') * 26 + size_t(code[1] - 'A')] = int(codes.size());
            codes.emplace_back(code.constData(), 2);
            names.push_back(country.name.toStdString());
        }
    }

    std::optional<CountryRef> byCode(char a, char b) const
    {
        a = char(a & ~0x20); // upper case for letters
        b = char(b & ~0x20);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
            return std::nullopt;
        const int i = index[size_t(a - 'A') * 26 + size_t(b - 'A')];
        if (i < 0)
            return std::nullopt;
        return CountryRef{codes[size_t(i)], names[size_t(i)]};
    }
};

const CountryTable &countryTable()
{
    static const CountryTable table;
    return table;
}

} // namespace

std::string_view trim(std::string_view text)
{
    // Fast path, the usual case: neither end is a space (every ASCII space is <= 0x20) nor a
    // byte of U+00A0 (C2 A0).
    if (text.empty())
        return text;
    const auto first = static_cast<unsigned char>(text.front());
    const auto last = static_cast<unsigned char>(text.back());
    if (first > 0x20 && first != 0xC2 && last > 0x20 && last != 0xA0)
        return text;
    size_t begin = 0, end = text.size();
    for (;;) {
        if (begin < end && isAsciiSpace(static_cast<unsigned char>(text[begin]))) {
            ++begin;
        } else if (begin + 1 < end && static_cast<unsigned char>(text[begin]) == 0xC2
                   && static_cast<unsigned char>(text[begin + 1]) == 0xA0) {
            begin += 2; // U+00A0 no-break space
        } else {
            break;
        }
    }
    for (;;) {
        if (end > begin && isAsciiSpace(static_cast<unsigned char>(text[end - 1]))) {
            --end;
        } else if (end >= begin + 2 && static_cast<unsigned char>(text[end - 2]) == 0xC2
                   && static_cast<unsigned char>(text[end - 1]) == 0xA0) {
            end -= 2;
        } else {
            break;
        }
    }
    return text.substr(begin, end - begin);
}

std::optional<Gender> parseGender(std::string_view text)
{
    text = trim(text);
    std::array<char, 12> buffer;
    std::string_view word;
    if (text.empty() || !lowerWord(text, buffer, word))
        return std::nullopt;
    switch (word.size()) {
    case 1:
        if (word == "m")
            return Gender::Male;
        if (word == "f")
            return Gender::Female;
        break;
    case 3:
        if (word == "man" || word == "men" || word == "boy")
            return Gender::Male;
        break;
    case 4:
        if (word == "male")
            return Gender::Male;
        if (word == "girl" || word == "lady")
            return Gender::Female;
        break;
    case 5:
        if (word == "woman" || word == "women")
            return Gender::Female;
        break;
    case 6:
        if (word == "female")
            return Gender::Female;
        break;
    case 8:
        if (word == "feminine")
            return Gender::Female;
        break;
    case 9:
        if (word == "masculine")
            return Gender::Male;
        break;
    default:
        break;
    }
    return std::nullopt;
}

std::optional<int> parseAge(std::string_view text)
{
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    size_t i = 0;
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        ++i;
    }
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        int value = 0;
        size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (++digits > 6)
                return std::nullopt;
            value = value * 10 + (text[i] - '0');
            ++i;
        }
        if (i < text.size() && text[i] == '.') {
            ++i; // "25.0" and "25." are whole numbers; "25.5" is not an age
            while (i < text.size() && text[i] == '0')
                ++i;
        }
        if (i != text.size())
            return std::nullopt;
        return negative ? -value : value;
    }
    if (i != 0)
        return std::nullopt;
    return parseAgeWords(text);
}

// "0.85", ".85", "85", "1.0": digits with at most one point, at most 15 significant digits.
// The digits form an integer below 2^53 and the power of ten is exact too, so the one IEEE
// division is correctly rounded: the same double std::from_chars gives, at a fraction of its cost
// (this runs for two columns of every imported row). Longer inputs take the general path.
namespace {
std::optional<double> smallDecimal(std::string_view text)
{
    static constexpr double kPowers[]
        = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    if (text.size() > 16)
        return std::nullopt;
    std::uint64_t digits = 0;
    int decimals = -1; // digits after the point; -1 = no point yet
    for (const char c : text) {
        if (c == '.') {
            decimals = 0;
            continue;
        }
        digits = digits * 10 + std::uint64_t(c - '0');
        if (decimals >= 0)
            ++decimals;
    }
    if (digits >= (std::uint64_t(1) << 53))
        return std::nullopt;
    return double(digits) / kPowers[decimals < 0 ? 0 : decimals];
}

} // namespace

std::optional<double> parseProbability(std::string_view text)
{
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    bool percent = false;
    if (text.back() == '%') {
        percent = true;
        text = trim(text.substr(0, text.size() - 1));
        if (text.empty())
            return std::nullopt;
    }
    if (text.front() == '+')
        text.remove_prefix(1);
    // Plain decimal notation only: digits with at most one point ("0.85", ".85", "85").
    bool seenDigit = false, seenPoint = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9')
            seenDigit = true;
        else if (c == '.' && !seenPoint)
            seenPoint = true;
        else
            return std::nullopt;
    }
    if (!seenDigit)
        return std::nullopt;
    double value = 0.0;
    if (const auto exact = smallDecimal(text)) {
        value = *exact;
    } else if (text.front() == '.') {
        // from_chars wants a leading digit.
        std::array<char, 40> buffer;
        if (text.size() + 1 > buffer.size())
            return std::nullopt;
        buffer[0] = '0';
        std::memcpy(buffer.data() + 1, text.data(), text.size());
        if (std::from_chars(buffer.data(), buffer.data() + text.size() + 1, value).ec != std::errc())
            return std::nullopt;
    } else if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc()) {
        return std::nullopt;
    }
    if (percent)
        value /= 100.0;
    if (!(value >= 0.0 && value <= 1.0))
        return std::nullopt;
    return value;
}

std::optional<CountryRef> countryByCode(std::string_view text)
{
    text = trim(text);
    if (text.size() != 2)
        return std::nullopt;
    return countryTable().byCode(text[0], text[1]);
}

std::optional<CountryRef> countryByName(std::string_view text)
{
    text = trim(text);
    if (text.size() < 3 || text.size() > 128)
        return std::nullopt;
    const QString code = Countries::instance().codeForName(QString::fromUtf8(text.data(), qsizetype(text.size())));
    if (code.size() != 2)
        return std::nullopt;
    return countryTable().byCode(char(code.at(0).unicode()), char(code.at(1).unicode()));
}

std::optional<CountryRef> parseCountry(std::string_view text)
{
    if (auto byCode = countryByCode(text))
        return byCode;
    return countryByName(text);
}

std::optional<AgeGroup> parseAgeGroup(std::string_view text)
{
    text = trim(text);
    std::array<char, 12> buffer;
    std::string_view word;
    if (text.empty() || !lowerWord(text, buffer, word))
        return std::nullopt;
    if (word == "child" || word == "children" || word == "kid")
        return AgeGroup::Child;
    if (word == "teenager" || word == "teen" || word == "adolescent")
        return AgeGroup::Teenager;
    if (word == "adult")
        return AgeGroup::Adult;
    if (word == "senior" || word == "elderly")
        return AgeGroup::Senior;
    return std::nullopt;
}

void nameKeyUtf8(std::string_view name, std::string &out)
{
    // ASCII names (nearly all) are folded here in one pass, writing into a buffer sized once;
    // anything else needs Unicode spaces and case folding (nameKey).
    out.resize(name.size());
    char *write = out.data();
    size_t n = 0;
    bool pendingSpace = false;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            out = nameKey(QString::fromUtf8(name.data(), qsizetype(name.size()))).toStdString();
            return;
        }
        if (isAsciiSpace(u)) {
            pendingSpace = n > 0;
            continue;
        }
        if (pendingSpace) {
            write[n++] = ' ';
            pendingSpace = false;
        }
        write[n++] = lowerAscii(c);
    }
    out.resize(n);
}

} // namespace insighta::fields
