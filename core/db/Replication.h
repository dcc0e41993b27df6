#pragma once

#include "core/common/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace insighta {

// Read-your-writes across streaming replication. After a write commits on the primary, its
// WAL position (an LSN such as "0/3000148") says how far a standby must have replayed before
// a search there sees the write. PostgreSQL 15 has no "wait for LSN" statement, so the wait
// asks the standby at short intervals until it has replayed or the bound is reached; the
// caller then falls back to the primary.
namespace replication {

// pg_current_wal_insert_lsn() on the primary: the position just after everything committed so
// far. Not pg_current_wal_lsn(): with synchronous_commit off a commit returns before its WAL is
// written, and the write position can still lie before the commit record.
Result<QString> currentWalLsn(const QSqlDatabase &primary);

// True when `db` sees everything up to `lsn`: it is a primary, or a standby whose
// pg_last_wal_replay_lsn() has reached it.
Result<bool> hasReplayed(const QSqlDatabase &db, const QString &lsn);

// Which of a URL's servers a connection landed on, as libpq reports it (PQhost, PQport), and
// whether that server is a hot standby (pg_is_in_recovery()). `known` is false for SQLite and
// when the server could not be asked.
struct ServerIdentity
{
    bool known = false;
    QString host;
    QString port;
    bool standby = false;
};
ServerIdentity serverIdentity(const QSqlDatabase &db);

// "db2:5433 (standby)", "db1:5432 (primary)"; empty when not known.
QString describe(const ServerIdentity &server);

// Waits at most `boundMs` for hasReplayed(); false when the bound passed first (or the standby
// could not be asked): read from the primary then.
bool waitForReplay(const QSqlDatabase &db, const QString &lsn, int boundMs);

} // namespace replication
} // namespace insighta
