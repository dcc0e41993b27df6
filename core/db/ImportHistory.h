#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace insighta {

// One row of the `imports` table: every import is recorded with its file, its SHA-256, its
// counts and final report, and the byte offset after its last committed batch (the resume
// checkpoint).
struct ImportHistoryEntry
{
    QString id; // UUID
    QString fileName;
    QString filePath;
    qint64 fileSize = 0;
    QString sha256; // hex
    QString status = QStringLiteral("running"); // queued, running, completed, cancelled, failed
    QDateTime startedAt;
    QDateTime finishedAt;
    QString encoding;
    QString delimiter;
    qint64 rowsRead = 0;
    qint64 rowsValid = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsSkipped = 0;
    qint64 bytesCommitted = 0;
    QString reportJson;
    QString error;
};

// The imports table, on either backend. Use on the connection's own thread.
class ImportHistory
{
public:
    ImportHistory(const QSqlDatabase &db, DatabaseKind kind);

    // Inserts a running entry (id generated when empty) and returns its id.
    Result<QString> start(const ImportHistoryEntry &entry);
    // After each committed batch: counts, the resume offset and the whole resume point as
    // {"stopped_at": {...}} in report_json, so an import killed mid-file can be resumed from
    // its record alone (finish() replaces it with the report).
    Status checkpoint(const QString &id, qint64 bytesCommitted, qint64 rowsRead, qint64 rowsValid, qint64 rowsLoaded,
                      qint64 rowsSkipped, const QString &resumeJson = {});
    // Final status, counts, report and error.
    Status finish(const ImportHistoryEntry &entry);
    Result<std::optional<ImportHistoryEntry>> find(const QString &id);
    // How many imports of a file with this SHA-256 completed before (re-imports are safe and shown as such).
    Result<qint64> completedWithSha256(const QString &sha256, const QString &excludeId = {});
    // Newest first.
    Result<QList<ImportHistoryEntry>> recent(int limit = 50);
    // The newest import of a file with this SHA-256, if any (to find one left unfinished).
    Result<std::optional<ImportHistoryEntry>> latestWithSha256(const QString &sha256);

private:
    QSqlDatabase m_db;
    DatabaseKind m_kind;
};

} // namespace insighta
