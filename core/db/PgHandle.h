#pragma once

#include <QSqlDatabase>

typedef struct pg_conn PGconn;

namespace insighta {

// The libpq connection under a QPSQL connection (for COPY and PQhost), or null for SQLite and
// for a driver build that does not expose it.
PGconn *pgConnection(const QSqlDatabase &db);

} // namespace insighta
