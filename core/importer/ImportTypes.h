#pragma once

#include "core/csv/Encoding.h"
#include "core/db/DatabaseUrl.h"
#include "core/profiles/HeaderMapping.h"
#include "core/profiles/RowValidation.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace insighta {

// What the user may override in the preview (and then pass to the import).
struct CsvOverrides
{
    csv::TextEncoding encoding = csv::TextEncoding::Auto; // Auto = sniff
    char delimiter = 0; // 0 = sniff; ',', ';' or '\t'
    std::optional<HeaderMapping> mapping; // per source column; none = mapHeader(header)

    bool isEmpty() const { return encoding == csv::TextEncoding::Auto && delimiter == 0 && !mapping; }
    // {"encoding": "windows-1252", "delimiter": ";", "mapping": ["name", "", "age", ...]}: only
    // what is overridden ("" = an ignored column). For durable import jobs.
    QJsonObject toJson() const;
    // Unknown encodings, delimiters or field names are refused (nullopt), not guessed.
    static std::optional<CsvOverrides> fromJson(const QJsonObject &object);
};

// Counts so far, carried in checkpoints so a resumed import reports the whole file.
struct ImportCounts
{
    qint64 rowsRead = 0; // data records (header and blank lines excluded)
    qint64 rowsValid = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsSkipped = 0;
    QMap<QString, qint64> skippedByReason; // reason code -> count
    QMap<QString, qint64> warningsByKind; // warning code -> count
    bool operator==(const ImportCounts &) const = default;
};

// An exact resume point: after the last committed batch. The durable job queue stores it and
// passes it back as ImportRequest::resume; re-reading from here skips nothing and loads
// nothing twice (and the name key would refuse a duplicate anyway).
struct ImportCheckpoint
{
    QString importId; // the imports row this run writes (resume continues it)
    qint64 byteOffset = 0; // file offset of the next record to read
    qint64 line = 0; // its physical line (1-based)
    qint64 record = 0; // data records before it
    ImportCounts counts;
    // The rejects file as this checkpoint left it: its size, and which file (a short hash of its
    // path). A resumed run cuts the file back to that size, so rows rejected after the checkpoint
    // are neither lost nor written twice. -1 = unknown (append).
    qint64 rejectsBytes = -1;
    QString rejectsFile;

    QJsonObject toJson() const;
    static std::optional<ImportCheckpoint> fromJson(const QJsonObject &object);
    bool operator==(const ImportCheckpoint &) const = default;
};

struct ImportProgress
{
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    qint64 recordsRead = 0;
    qint64 rowsLoaded = 0; // validate only: rows found valid so far
    qint64 rowsSkipped = 0;
};

struct ImportRequest
{
    QString filePath;
    std::optional<DatabaseUrl> database; // none = validate only, no database at all
    int batchSize = 10000; // rows per transaction
    CsvOverrides overrides;
    std::optional<ImportCheckpoint> resume;
    // Restart an unfinished import from the first line under its own record: rows it already
    // committed are recognised by their id and count as loaded (ImportResume.h).
    QString restartImportId;
    QString rejectsPath; // when set, every rejected record is written there (original columns + _line + _reason)
    int maxRetries = 3; // per refused batch, with exponential backoff from retryBaseMs
    int retryBaseMs = 200;
    int progressIntervalMs = 100; // the runner calls the progress callback at most this often
};

enum class ImportStatus { Completed, Cancelled, Failed };
QString importStatusName(ImportStatus status); // "completed" / "cancelled" / "failed"

// What went wrong when status is Failed, mapped to the command line's exit codes.
enum class ImportFailure { None, UnusableInput, Database };

struct RejectedRecord
{
    qint64 line = 0;
    qint64 record = 0;
    RejectReason reason = RejectReason::WrongColumnCount;
    QString message;
    QString raw; // the record's text (truncated to 4 KiB in the report)
};

// The result of one validate or import, serialised exactly as docs/cli.md shows.
struct ImportReport
{
    QString file; // file name as given
    bool validateOnly = true;
    ImportStatus status = ImportStatus::Completed;
    ImportFailure failure = ImportFailure::None;
    QString error; // the reason when Failed ("required columns missing: gender, age")
    QString encoding; // encodingName()
    QString delimiter; // "," ";" "\t"
    ImportCounts counts;
    QList<RejectedRecord> rejects; // the first kMaxReportedRejects
    // Import only:
    QString importId;
    qint64 bytesCommitted = 0; // file offset after the last committed batch
    std::optional<ImportCheckpoint> stoppedAt; // where a cancelled/failed import can resume
    qint64 previousImports = 0; // completed imports of a file with the same SHA-256 before this one
    std::optional<qint64> resumedFromLine; // a resumed import: the line it continued from

    static constexpr int kMaxReportedRejects = 1000;

    // {"file","status","encoding","delimiter","rows_read","rows_valid","rows_loaded" (import only),
    //  "rows_skipped","skipped_by_reason","warnings_by_kind","rejects":[{line,record,reason,message,raw}]}
    // plus "error" when failed and, for imports, "import_id", "previous_imports", "stopped_at" and
    // "resumed_from_line".
    QJsonObject toJson() const;
    // 0 every row valid · 1 some rows skipped · 2 unusable input · 3 database failure.
    int exitCode() const;
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::ImportReport)
Q_DECLARE_METATYPE(insighta::ImportProgress)
Q_DECLARE_METATYPE(insighta::ImportCheckpoint)
