#include "core/db/PgHandle.h"

#include <QSqlDriver>
#include <QVariant>

namespace insighta {

PGconn *pgConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // The metatype is spelled "PGconn*" or, by its struct name, "pg_conn*" depending on the build.
    if (!handle.isValid() || !handle.typeName()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

} // namespace insighta
