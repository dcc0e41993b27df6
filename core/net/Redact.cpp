#include "core/net/Redact.h"

#include <QRegularExpression>

namespace insighta::net {

QString redact(QString text, const QStringList &secrets)
{
    static const QString mask = QStringLiteral("[redacted]");
    for (const QString &secret : secrets) {
        // Very short values would mask ordinary words; keys are long.
        if (secret.size() >= 6)
            text.replace(secret, mask);
    }
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)[A-Za-z0-9._~+/=-]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression headerKey(QStringLiteral("((?:x-goog-api-key|x-api-key|api-key)\\s*[:=]\\s*)\\S+"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression queryKey(QStringLiteral("([?&](?:key|api_key|apikey|token)=)[^&\\s]+"),
                                             QRegularExpression::CaseInsensitiveOption);
    text.replace(bearer, QStringLiteral("\\1") + mask);
    text.replace(headerKey, QStringLiteral("\\1") + mask);
    text.replace(queryKey, QStringLiteral("\\1") + mask);
    return text;
}

} // namespace insighta::net
