#pragma once

#include "core/common/Result.h"

#include <QLoggingCategory>
#include <QString>

class QSqlError;
class QSqlQuery;

namespace insighta {

// The database's own words for a failed statement: its message, else the driver's, else
// "unknown database error". One wording for every store (jobs, interviews, search).
QString sqlErrorText(const QSqlError &error);

// "WHAT: REASON" for a query that failed ("Cannot list interviews: ..."), also logged under
// `category`.
Error sqlError(const QLoggingCategory &category, const QString &what, const QSqlQuery &query);

} // namespace insighta
