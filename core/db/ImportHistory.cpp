#include "core/db/ImportHistory.h"

#include "core/db/Connection.h"
#include "core/db/Dialect.h"
#include "core/profiles/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace insighta {

namespace {

constexpr const char *kColumns = "id, file_name, file_path, file_size, sha256, status, started_at, finished_at, "
                                 "encoding, delimiter, rows_read, rows_valid, rows_loaded, rows_skipped, "
                                 "bytes_committed, report_json, error";

ImportHistoryEntry readEntry(const QSqlQuery &q)
{
    ImportHistoryEntry e;
    e.id = q.value(0).toString();
    e.fileName = q.value(1).toString();
    e.filePath = q.value(2).toString();
    e.fileSize = q.value(3).toLongLong();
    e.sha256 = q.value(4).toString();
    e.status = q.value(5).toString();
    e.startedAt = dialect::readTimestamp(q.value(6));
    e.finishedAt = dialect::readTimestamp(q.value(7));
    e.encoding = q.value(8).toString();
    e.delimiter = q.value(9).toString();
    e.rowsRead = q.value(10).toLongLong();
    e.rowsValid = q.value(11).toLongLong();
    e.rowsLoaded = q.value(12).toLongLong();
    e.rowsSkipped = q.value(13).toLongLong();
    e.bytesCommitted = q.value(14).toLongLong();
    e.reportJson = q.value(15).toString();
    e.error = q.value(16).toString();
    return e;
}

Status failed(const QSqlQuery &q, const char *what)
{
    return Error{QStringLiteral("%1: %2").arg(QLatin1String(what), q.lastError().text())};
}

} // namespace

ImportHistory::ImportHistory(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

Result<QString> ImportHistory::start(const ImportHistoryEntry &entry)
{
    const QString id = entry.id.isEmpty() ? uuidV7().toString(QUuid::WithoutBraces) : entry.id;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO imports (id, file_name, file_path, file_size, sha256, status, started_at, "
                             "encoding, delimiter) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(entry.fileName);
    q.addBindValue(entry.filePath);
    q.addBindValue(entry.fileSize);
    q.addBindValue(entry.sha256);
    const QDateTime started = entry.startedAt.isValid() ? entry.startedAt : QDateTime::currentDateTimeUtc();
    q.addBindValue(dialect::bindTimestamp(m_kind, started));
    q.addBindValue(entry.encoding);
    q.addBindValue(entry.delimiter);
    if (!q.exec())
        return Error{QStringLiteral("Cannot record the import: %1").arg(q.lastError().text())};
    return id;
}

Status ImportHistory::checkpoint(const QString &id, qint64 bytesCommitted, qint64 rowsRead, qint64 rowsValid,
                                 qint64 rowsLoaded, qint64 rowsSkipped, const QString &resumeJson)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE imports SET status = 'running', bytes_committed = ?, rows_read = ?, "
                             "rows_valid = ?, rows_loaded = ?, rows_skipped = ?, report_json = ? WHERE id = ?"));
    q.addBindValue(bytesCommitted);
    q.addBindValue(rowsRead);
    q.addBindValue(rowsValid);
    q.addBindValue(rowsLoaded);
    q.addBindValue(rowsSkipped);
    q.addBindValue(resumeJson.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(resumeJson));
    q.addBindValue(id);
    if (!q.exec())
        return failed(q, "Cannot update the import record");
    return success();
}

Status ImportHistory::finish(const ImportHistoryEntry &e)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE imports SET status = ?, finished_at = ?, encoding = ?, delimiter = ?, "
                             "rows_read = ?, rows_valid = ?, rows_loaded = ?, rows_skipped = ?, bytes_committed = ?, "
                             "report_json = ?, error = ? WHERE id = ?"));
    q.addBindValue(e.status);
    q.addBindValue(
        dialect::bindTimestamp(m_kind, e.finishedAt.isValid() ? e.finishedAt : QDateTime::currentDateTimeUtc()));
    q.addBindValue(e.encoding);
    q.addBindValue(e.delimiter);
    q.addBindValue(e.rowsRead);
    q.addBindValue(e.rowsValid);
    q.addBindValue(e.rowsLoaded);
    q.addBindValue(e.rowsSkipped);
    q.addBindValue(e.bytesCommitted);
    q.addBindValue(e.reportJson);
    q.addBindValue(e.error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.error));
    q.addBindValue(e.id);
    if (!q.exec())
        return failed(q, "Cannot finish the import record");
    return success();
}

Result<std::optional<ImportHistoryEntry>> ImportHistory::find(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM imports WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return Error{q.lastError().text()};
    if (!q.next())
        return std::optional<ImportHistoryEntry>();
    return std::optional<ImportHistoryEntry>(readEntry(q));
}

Result<qint64> ImportHistory::completedWithSha256(const QString &sha256, const QString &excludeId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM imports WHERE sha256 = ? AND status = 'completed' AND id <> ?"));
    q.addBindValue(sha256);
    q.addBindValue(excludeId.isEmpty() ? QStringLiteral("00000000-0000-0000-0000-000000000000") : excludeId);
    if (!q.exec() || !q.next())
        return Error{q.lastError().text()};
    return q.value(0).toLongLong();
}

Result<QList<ImportHistoryEntry>> ImportHistory::recent(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM imports ORDER BY started_at DESC LIMIT ?").arg(QLatin1String(kColumns)));
    q.addBindValue(limit);
    if (!q.exec())
        return Error{q.lastError().text()};
    QList<ImportHistoryEntry> entries;
    while (q.next())
        entries << readEntry(q);
    return entries;
}

Result<std::optional<ImportHistoryEntry>> ImportHistory::latestWithSha256(const QString &sha256)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM imports WHERE sha256 = ? ORDER BY started_at DESC, id DESC LIMIT 1")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(sha256);
    if (!q.exec())
        return Error{q.lastError().text()};
    if (!q.next())
        return std::optional<ImportHistoryEntry>();
    return std::optional<ImportHistoryEntry>(readEntry(q));
}

} // namespace insighta
