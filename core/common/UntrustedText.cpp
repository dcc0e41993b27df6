#include "core/common/UntrustedText.h"

namespace insighta {

namespace {

bool isFormulaStart(char32_t c)
{
    return c == U'=' || c == U'+' || c == U'-' || c == U'@' || c == U'\t' || c == U'\r';
}

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString hex(char16_t c, int digits)
{
    return QString::number(uint(c), 16).toUpper().rightJustified(digits, QLatin1Char('0'));
}

} // namespace

bool startsLikeFormula(QStringView text)
{
    return !text.isEmpty() && isFormulaStart(text.front().unicode());
}

bool startsLikeFormula(std::string_view text)
{
    return !text.empty() && isFormulaStart(static_cast<unsigned char>(text.front()));
}

QString neutralizeFormula(const QString &text)
{
    return startsLikeFormula(text) ? QLatin1Char('\'') + text : text;
}

void neutralizeFormula(std::string_view text, std::string &out)
{
    if (startsLikeFormula(text))
        out.push_back('\'');
    out.append(text);
}

std::string_view withoutFormulaGuard(std::string_view cell)
{
    if (cell.size() >= 2 && cell.front() == '\'' && startsLikeFormula(cell.substr(1)))
        cell.remove_prefix(1);
    return cell;
}

QString plainTextToolTip(const QString &text)
{
    if (text.isEmpty())
        return text; // no tooltip at all
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

QString printable(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
            out += QStringLiteral("\\x") + hex(c, 2);
        else if (isBidiControl(c))
            out += QStringLiteral("\\u") + hex(c, 4);
        else
            out += ch;
    }
    return out;
}

} // namespace insighta
