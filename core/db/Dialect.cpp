#include "core/db/Dialect.h"

#include <QTimeZone>

namespace insighta::dialect {

QVariant bindTimestamp(DatabaseKind kind, const QDateTime &utc)
{
    if (!utc.isValid())
        return QVariant(QMetaType::fromType<QString>());
    const QDateTime value = utc.toUTC();
    if (kind == DatabaseKind::Postgres)
        return value;
    return value.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime readTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.typeId() == QMetaType::QDateTime)
        return value.toDateTime().toUTC();
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(value.toString(), Qt::ISODate);
    return parsed.toUTC();
}

QString nowExpression(DatabaseKind kind)
{
    if (kind == DatabaseKind::Postgres)
        return QStringLiteral("date_trunc('milliseconds', now())");
    return QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
}

} // namespace insighta::dialect
