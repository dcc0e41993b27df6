#include "core/db/SqlError.h"

#include <QSqlError>
#include <QSqlQuery>

namespace insighta {

QString sqlErrorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

Error sqlError(const QLoggingCategory &category, const QString &what, const QSqlQuery &query)
{
    const QString message = QStringLiteral("%1: %2").arg(what, sqlErrorText(query.lastError()));
    qCWarning(category).noquote() << message;
    return Error{message};
}

} // namespace insighta
