#include "ui/EnglishPlurals.h"

namespace insighta {

QString EnglishPlurals::resolve(const QString &text, int n)
{
    QString out = text;
    out.replace(QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return out;
}

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    if (n < 0 || !sourceText)
        return {}; // not a plural: let the source text stand
    const QString source = QString::fromUtf8(sourceText);
    if (!source.contains(QStringLiteral("(s)")))
        return {};
    return resolve(source, n);
}

} // namespace insighta
