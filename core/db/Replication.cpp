#include "core/db/Replication.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/PgHandle.h"

#include <libpq-fe.h>

#include <QDeadlineTimer>
#include <QSqlQuery>
#include <QThread>

namespace insighta::replication {

Result<QString> currentWalLsn(const QSqlDatabase &primary)
{
    QSqlQuery query(primary);
    if (!query.exec(QStringLiteral("SELECT pg_current_wal_insert_lsn()::text")) || !query.next())
        return Error{QStringLiteral("Cannot read the primary's WAL position: %1").arg(describeSqlError(primary))};
    return query.value(0).toString();
}

ServerIdentity serverIdentity(const QSqlDatabase &db)
{
    ServerIdentity server;
    PGconn *conn = pgConnection(db);
    if (!conn)
        return server; // SQLite, or a driver that hides its handle
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT pg_is_in_recovery()")) || !query.next())
        return server;
    server.known = true;
    server.host = QString::fromUtf8(PQhost(conn));
    server.port = QString::fromUtf8(PQport(conn));
    server.standby = query.value(0).toBool();
    return server;
}

QString describe(const ServerIdentity &server)
{
    if (!server.known)
        return {};
    // An IPv6 address keeps its brackets, so the port cannot be read as part of it.
    const QString host = server.host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(server.host) : server.host;
    const QString where = server.port.isEmpty() ? host : QStringLiteral("%1:%2").arg(host, server.port);
    return server.standby ? QStringLiteral("%1 (standby)").arg(where) : QStringLiteral("%1 (primary)").arg(where);
}

Result<bool> hasReplayed(const QSqlDatabase &db, const QString &lsn)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT NOT pg_is_in_recovery() OR "
                                 "coalesce(pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), false)"));
    query.addBindValue(lsn);
    if (!query.exec() || !query.next())
        return Error{QStringLiteral("Cannot read the standby's replay position: %1").arg(describeSqlError(db))};
    return query.value(0).toBool();
}

bool waitForReplay(const QSqlDatabase &db, const QString &lsn, int boundMs)
{
    // A standby streaming on a healthy network replays within milliseconds; the interval only
    // keeps a lagging one from being asked thousands of times.
    constexpr int intervalMs = 10;
    const QDeadlineTimer deadline(boundMs);
    for (;;) {
        const auto replayed = hasReplayed(db, lsn);
        if (!replayed.ok()) {
            qCWarning(lcDb).noquote() << replayed.error();
            return false;
        }
        if (replayed.value())
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(intervalMs);
    }
}

} // namespace insighta::replication
