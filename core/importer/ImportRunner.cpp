#include "core/importer/ImportRunner.h"

#include "core/common/Logging.h"
#include "core/common/UntrustedText.h"
#include "core/csv/CsvReader.h"
#include "core/csv/Sniffing.h"
#include "core/db/BulkLoader.h"
#include "core/db/Connection.h"
#include "core/db/ImportHistory.h"
#include "core/importer/ImportResume.h"
#include "core/importer/ImportRowIds.h"
#include "core/importer/RejectsWriter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>

#include <functional>
#include <memory>

namespace insighta {

namespace {

constexpr int kMaxRawInReport = 4096;

// Open addressing on 64-bit hashes of name keys. For the import it is cleared per batch and
// compares keys exactly; for validate (no database to ask) it spans the whole file and keeps
// only hash -> first line, 16 bytes per slot. Filled to at most 3/4, and sized once from the
// file's expected row count (expectAtLeast), so a 5M-row file needs one 128 MB table rather
// than a chain of doublings whose last step held both the old and the new table.
constexpr qint64 kSizingSample = 8192; // rows read before validate sizes its duplicate table

class KeyTable
{
public:
    struct Slot
    {
        quint64 hash = 0; // 0 = empty
        qint64 value = 0;
    };

    void reserve(size_t entries)
    {
        m_slots.assign(capacityFor(entries), Slot{});
        m_count = 0;
    }
    // Makes room for `entries` in one step (keeping what is there).
    void expectAtLeast(size_t entries)
    {
        const size_t capacity = capacityFor(entries);
        if (capacity > m_slots.size())
            rehash(capacity);
    }
    void clear()
    {
        if (m_count)
            std::fill(m_slots.begin(), m_slots.end(), Slot{});
        m_count = 0;
    }
    // The existing value for an equal key, or nullptr after inserting `value`.
    template<typename Equal> const qint64 *findOrInsert(quint64 hash, qint64 value, Equal &&equal)
    {
        hash |= 1;
        if ((m_count + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.size() * 2);
        const size_t mask = m_slots.size() - 1;
        for (size_t i = size_t(hash) & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.hash == 0) {
                slot = {hash, value};
                ++m_count;
                return nullptr;
            }
            if (slot.hash == hash && equal(slot.value))
                return &slot.value;
        }
    }

private:
    static size_t capacityFor(size_t entries)
    {
        size_t capacity = 16;
        while (capacity * 3 < entries * 4)
            capacity <<= 1;
        return capacity;
    }
    void rehash(size_t capacity)
    {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<size_t>(16, capacity), Slot{});
        const size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (!slot.hash)
                continue;
            size_t i = size_t(slot.hash) & mask;
            while (m_slots[i].hash)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots = std::vector<Slot>(16);
    size_t m_count = 0;
};

QString utcStamp(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString shortQuote(std::string_view text)
{
    QString s = QString::fromUtf8(text.data(), qsizetype(std::min<size_t>(text.size(), 200)));
    if (s.size() > 60)
        s = s.left(59) + QChar(0x2026);
    return printable(s); // messages reach terminals
}

// The file's header quoted in an error: control characters made visible and cut short (a
// hostile header can be a megabyte long).
QString headerForMessage(const QStringList &header)
{
    QString text = header.join(QStringLiteral(", "));
    if (text.size() > 200)
        text = text.left(199) + QChar(0x2026);
    return printable(text);
}

// Everything one run needs; lives on the running thread's stack.
struct Run
{
    const ImportRequest &request;
    ImportReport &report;
    csv::CsvReader reader;
    std::unique_ptr<RowValidator> validator;
    RejectsWriter rejectsWriter;
    std::array<qint64, kRejectReasonCount> reasons{};
    std::array<qint64, kWarningKindCount> warnings{};
    qint64 rowsRead = 0, rowsValid = 0, rowsLoaded = 0, rowsSkipped = 0;
    qint64 recordsRead = 0; // data records consumed (= last record number)
    char delimiter = ',';

    // Import only.
    std::unique_ptr<Connection> connection;
    std::unique_ptr<BulkLoader> loader;
    std::unique_ptr<ImportHistory> history;
    quint64 tag = 0;
    bool degraded = false; // a batch already failed after all retries: later ones try once
    bool checkpointRefused = false; // the commit checkpoint failed: the job is no longer ours

    ProfileBatch batch;
    std::string rawArena; // raw text of the batch's rows, for rejects found at load time
    std::vector<std::pair<size_t, size_t>> rawSpans;
    KeyTable keys;

    Run(const ImportRequest &r, ImportReport &rep, csv::CsvReaderOptions options)
        : request(r)
        , report(rep)
        , reader(r.filePath, options)
    {
    }

    void reject(const csv::CsvRecord *record, std::string_view raw, qint64 line, qint64 recordNumber,
                RejectReason reason, const QString &message)
    {
        ++rowsSkipped;
        ++reasons[size_t(reason)];
        if (report.rejects.size() < ImportReport::kMaxReportedRejects) {
            RejectedRecord r;
            r.line = line;
            r.record = recordNumber;
            r.reason = reason;
            r.message = message;
            r.raw = QString::fromUtf8(raw.data(), qsizetype(std::min<size_t>(raw.size(), kMaxRawInReport)));
            report.rejects.append(std::move(r));
        }
        if (rejectsWriter.isOpen()) {
            if (record && record->issue == csv::RecordIssue::None)
                rejectsWriter.write(record->fields, line, rejectReasonCode(reason));
            else
                rejectsWriter.writeRaw(raw, line, rejectReasonCode(reason), delimiter);
        }
    }

    ImportCounts counts() const
    {
        ImportCounts c;
        c.rowsRead = rowsRead;
        c.rowsValid = rowsValid;
        c.rowsLoaded = rowsLoaded;
        c.rowsSkipped = rowsSkipped;
        for (int i = 0; i < kRejectReasonCount; ++i) {
            if (reasons[size_t(i)])
                c.skippedByReason.insert(QLatin1String(rejectReasonCode(RejectReason(i))), reasons[size_t(i)]);
        }
        for (int i = 0; i < kWarningKindCount; ++i) {
            if (warnings[size_t(i)])
                c.warningsByKind.insert(QLatin1String(warningKindCode(WarningKind(i))), warnings[size_t(i)]);
        }
        return c;
    }

    void restore(const ImportCounts &c)
    {
        rowsRead = c.rowsRead;
        rowsValid = c.rowsValid;
        rowsLoaded = c.rowsLoaded;
        rowsSkipped = c.rowsSkipped;
        for (auto it = c.skippedByReason.cbegin(); it != c.skippedByReason.cend(); ++it) {
            if (auto reason = rejectReasonFromCode(it.key()))
                reasons[size_t(*reason)] = it.value();
        }
        for (int i = 0; i < kWarningKindCount; ++i)
            warnings[size_t(i)] = c.warningsByKind.value(QLatin1String(warningKindCode(WarningKind(i))));
    }

    ImportCheckpoint checkpoint() const
    {
        ImportCheckpoint c;
        c.importId = report.importId;
        c.byteOffset = reader.nextRecordOffset();
        c.line = reader.nextLine();
        c.record = recordsRead;
        c.counts = counts();
        if (rejectsWriter.isOpen()) {
            c.rejectsBytes = rejectsWriter.size();
            c.rejectsFile = RejectsWriter::fingerprint(request.rejectsPath);
        }
        return c;
    }

    // What a batch's outcome changes, saved before it is applied inside the batch's transaction
    // and put back if that transaction does not commit.
    struct Snapshot
    {
        std::array<qint64, kRejectReasonCount> reasons{};
        qint64 rowsValid = 0, rowsLoaded = 0, rowsSkipped = 0;
        qsizetype reportedRejects = 0;
        qint64 rejectsBytes = 0;
    };
    Snapshot snapshot() const
    {
        return {reasons, rowsValid, rowsLoaded, rowsSkipped, report.rejects.size(), rejectsWriter.size()};
    }
    void rollBackTo(const Snapshot &s)
    {
        reasons = s.reasons;
        rowsValid = s.rowsValid;
        rowsLoaded = s.rowsLoaded;
        rowsSkipped = s.rowsSkipped;
        report.rejects.resize(s.reportedRejects);
        if (const Status cut = rejectsWriter.truncate(s.rejectsBytes); !cut.ok())
            qCWarning(lcImport).noquote() << cut.error();
    }

    bool connect(QString &error)
    {
        loader.reset();
        history.reset();
        connection = std::make_unique<Connection>(*request.database, QStringLiteral("import"));
        if (!connection->ok()) {
            error = connection->error();
            connection.reset();
            return false;
        }
        loader = BulkLoader::create(connection->database(), connection->kind());
        history = std::make_unique<ImportHistory>(connection->database(), connection->kind());
        return true;
    }
};

} // namespace

ImportRunner::ImportRunner(ImportRequest request)
    : m_request(std::move(request))
{
}

bool ImportRunner::cancelled() const
{
    return m_cancel.load() || (m_externalCancel && m_externalCancel->load());
}

ImportReport ImportRunner::run()
{
    ImportReport report;
    report.file = m_request.filePath;
    report.validateOnly = !m_request.database.has_value();
    const bool importing = m_request.database.has_value();
    const int batchSize = std::max(1, m_request.batchSize);

    csv::CsvReaderOptions options;
    options.encoding = m_request.overrides.encoding;
    options.delimiter = m_request.overrides.delimiter;
    Run run(m_request, report, options);

    auto fail = [&](ImportFailure failure, const QString &message) {
        report.status = ImportStatus::Failed;
        report.failure = failure;
        report.error = message;
        return report;
    };

    // The file, its encoding and delimiter, its header.
    if (const Status opened = run.reader.open(); !opened.ok())
        return fail(ImportFailure::UnusableInput, opened.error());
    report.encoding = csv::encodingName(run.reader.encoding());
    run.delimiter = run.reader.delimiter();
    report.delimiter = QString::fromLatin1(csv::delimiterText(run.delimiter));
    csv::CsvRecord record;
    if (!run.reader.next(record)) {
        if (!run.reader.error().isEmpty())
            return fail(ImportFailure::UnusableInput, run.reader.error());
        return fail(ImportFailure::UnusableInput, QStringLiteral("the file is empty"));
    }
    if (record.issue != csv::RecordIssue::None)
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("the header (line %1) is not a valid CSV line").arg(record.line));
    QStringList header;
    for (const std::string_view cell : record.fields)
        header << QString::fromUtf8(cell.data(), qsizetype(cell.size())).trimmed();
    const HeaderMapping mapping = m_request.overrides.mapping ? *m_request.overrides.mapping : mapHeader(header);
    if (mapping.columns.size() != header.size())
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("the column mapping has %1 entries but the header has %2 columns")
                        .arg(mapping.columns.size())
                        .arg(header.size()));
    if (const QStringList missing = mapping.missingRequired(); !missing.isEmpty())
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("required columns missing: %1 (the header has: %2)")
                        .arg(missing.join(QStringLiteral(", ")), headerForMessage(header)));
    run.validator = std::make_unique<RowValidator>(mapping);

    if (!m_request.rejectsPath.isEmpty()) {
        // A resumed run keeps the rows its earlier runs rejected, up to its checkpoint.
        std::optional<qint64> resumeAt;
        if (m_request.resume && m_request.resume->rejectsBytes >= 0
            && m_request.resume->rejectsFile == RejectsWriter::fingerprint(m_request.rejectsPath))
            resumeAt = m_request.resume->rejectsBytes;
        if (const Status opened
            = run.rejectsWriter.open(m_request.rejectsPath, header, resumeAt, m_request.resume.has_value());
            !opened.ok())
            return fail(ImportFailure::UnusableInput, opened.error());
    }

    if (m_request.resume) {
        const ImportCheckpoint &resume = *m_request.resume;
        if (const Status sought = run.reader.seek(resume.byteOffset, resume.line, resume.record); !sought.ok())
            return fail(ImportFailure::UnusableInput, sought.error());
        run.restore(resume.counts);
        run.recordsRead = resume.record;
        report.importId = resume.importId;
        report.resumedFromLine = resume.line;
    } else if (!m_request.restartImportId.isEmpty()) {
        report.importId = m_request.restartImportId;
    }

    // The database side: connection, history record, the tag that marks this import's ids.
    const QFileInfo info(m_request.filePath);
    ImportHistoryEntry entry;
    if (importing) {
        QString error;
        if (!run.connect(error))
            return fail(ImportFailure::Database, error);
        entry.fileName = info.fileName();
        entry.filePath = info.absoluteFilePath();
        entry.fileSize = info.size();
        entry.sha256 = fileSha256(m_request.filePath);
        entry.encoding = report.encoding;
        entry.delimiter = report.delimiter;
        entry.startedAt = QDateTime::currentDateTimeUtc();
        if (report.importId.isEmpty()) {
            auto started = run.history->start(entry);
            if (!started.ok())
                return fail(ImportFailure::Database, started.error());
            report.importId = started.value();
        }
        entry.id = report.importId;
        if (auto previous = run.history->completedWithSha256(entry.sha256, entry.id); previous.ok())
            report.previousImports = previous.value();
        run.tag = importTagFor(report.importId);
        run.batch.rows.resize(size_t(batchSize));
        run.batch.ids.resize(size_t(batchSize));
        run.rawSpans.resize(size_t(batchSize));
        run.keys.reserve(size_t(batchSize));
    } else {
        run.batch.rows.resize(1);
    }

    QElapsedTimer progressTimer;
    progressTimer.start();
    auto progress = [&](bool force) {
        if (!m_progress)
            return;
        if (!force && progressTimer.elapsed() < m_request.progressIntervalMs)
            return;
        progressTimer.restart();
        ImportProgress p;
        p.bytesRead = run.reader.nextRecordOffset();
        p.totalBytes = run.reader.fileSize();
        p.recordsRead = run.rowsRead;
        p.rowsLoaded = importing ? run.rowsLoaded : run.rowsValid;
        p.rowsSkipped = run.rowsSkipped;
        m_progress(p);
    };

    // Loads the batch with retries; rows the database refused become rejects.
    std::optional<ImportCheckpoint> lastCommitted = m_request.resume;
    auto flush = [&]() {
        ProfileBatch &batch = run.batch;
        if (batch.size == 0)
            return;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        batch.createdAt = utcStamp(now);
        for (size_t i = 0; i < batch.size; ++i)
            formatImportRowId(now.toMSecsSinceEpoch(), run.tag, batch.rows[i].line, batch.ids[i]);
        auto rawOf = [&](size_t i) {
            return std::string_view(run.rawArena.data() + run.rawSpans[i].first, run.rawSpans[i].second);
        };
        // The rows the database already had: a duplicate in the file when this import wrote them
        // (its tag is in the id), else a duplicate in the database.
        auto applyOutcome = [&](const BatchOutcome &done) {
            run.rowsLoaded += done.inserted;
            for (const BatchConflict &conflict : done.conflicts) {
                const NormalizedRow &row = batch.rows[conflict.index];
                const auto first = importLineFromId(conflict.existingId, run.tag);
                if (first && *first == row.line) {
                    ++run.rowsLoaded; // this very row, committed by an interrupted run of this import
                } else if (first) {
                    --run.rowsValid; // a duplicate in the file after all
                    run.reject(nullptr, rawOf(conflict.index), row.line, row.record, RejectReason::DuplicateInFile,
                               QStringLiteral("the name '%1' already appears on line %2")
                                   .arg(shortQuote(row.name), QString::number(*first)));
                } else {
                    run.reject(
                        nullptr, rawOf(conflict.index), row.line, row.record, RejectReason::DuplicateInDatabase,
                        QStringLiteral("a profile named '%1' is already in the database").arg(shortQuote(row.name)));
                }
            }
        };
        // Inside the batch's transaction: apply the outcome and save the resume point it leaves,
        // so the rows and their checkpoint commit together. A crash can no longer commit a batch
        // whose checkpoint is lost, which made the resumed run meet its own rows as duplicates.
        std::optional<Run::Snapshot> uncommitted;
        ImportCheckpoint point;
        auto beforeCommit = [&](const BatchOutcome &done) -> Status {
            const Run::Snapshot before = run.snapshot();
            applyOutcome(done);
            point = run.checkpoint();
            Status saved = run.history->checkpoint(report.importId, point.byteOffset, run.rowsRead, run.rowsValid,
                                                   run.rowsLoaded, run.rowsSkipped, resumePointJson(point));
            if (saved.ok() && m_commitCheckpoint) {
                saved = m_commitCheckpoint(run.connection->database(), run.connection->kind(), point);
                if (!saved.ok())
                    run.checkpointRefused = true;
            }
            if (!saved.ok()) {
                run.rollBackTo(before);
                return saved;
            }
            uncommitted = before; // until load() says the COMMIT went through
            return success();
        };
        Result<BatchOutcome> outcome = Error{QString()};
        const int attempts = run.degraded ? 1 : m_request.maxRetries + 1;
        QString error;
        for (int attempt = 0; attempt < attempts && !run.checkpointRefused; ++attempt) {
            if (attempt > 0) {
                QThread::msleep(ulong(m_request.retryBaseMs) << (attempt - 1)); // backoff between attempts
                qCWarning(lcImport).noquote() << "Retrying a refused batch (attempt" << attempt + 1 << "):" << error;
            }
            if (!run.loader || run.loader->connectionLost()) {
                if (!run.connect(error))
                    continue;
            }
            uncommitted.reset();
            outcome = run.loader->load(batch, beforeCommit);
            if (outcome.ok())
                break;
            if (uncommitted) {
                run.rollBackTo(*uncommitted); // the hook ran but the COMMIT failed
                uncommitted.reset();
            }
            error = outcome.error();
        }
        if (run.checkpointRefused) {
            // The batch was rolled back and the job is someone else's now: stop without marking
            // these rows; whoever holds the job resumes from the last committed checkpoint.
            qCWarning(lcImport).noquote() << "Stopping the import:" << error;
        } else if (outcome.ok()) {
            run.degraded = false;
            if (!uncommitted) { // a loader that did not call the hook (nothing to load)
                applyOutcome(outcome.value());
                point = run.checkpoint();
            }
            report.bytesCommitted = point.byteOffset;
            lastCommitted = point;
            if (m_checkpoint)
                m_checkpoint(point);
        } else {
            run.degraded = true;
            for (size_t i = 0; i < batch.size; ++i) {
                const NormalizedRow &row = batch.rows[i];
                run.reject(nullptr, rawOf(i), row.line, row.record, RejectReason::NotLoaded,
                           QStringLiteral("the database refused the batch: %1").arg(error));
            }
        }
        batch.clear();
        run.keys.clear();
        run.rawArena.clear();
    };

    // The stream.
    std::array<qint64, kWarningKindCount> &warnings = run.warnings;
    CellProblem problem;
    KeyTable &keys = run.keys;
    const std::hash<std::string_view> hasher;
    bool stopped = false;
    qint64 sinceCheck = 0;
    while (run.reader.next(record)) {
        ++run.rowsRead;
        run.recordsRead = record.record;
        if (record.issue != csv::RecordIssue::None) {
            switch (record.issue) {
            case csv::RecordIssue::UnclosedQuote:
                run.reject(&record, record.raw, record.line, record.record, RejectReason::UnclosedQuote,
                           QStringLiteral("a quote opened on line %1 is never closed; the line was skipped and "
                                          "reading went on with the next line")
                               .arg(record.line));
                break;
            case csv::RecordIssue::TooLong:
                run.reject(&record, record.raw, record.line, record.record, RejectReason::FieldTooLong,
                           QStringLiteral("the record is longer than %1 bytes").arg(options.maxRecordBytes));
                break;
            default:
                run.reject(&record, record.raw, record.line, record.record, RejectReason::UndecodableText,
                           QStringLiteral("the record is not valid %1 text").arg(report.encoding));
                break;
            }
        } else {
            NormalizedRow &row = run.batch.rows[importing ? run.batch.size : 0];
            if (!run.validator->validate(record.fields, row, warnings, problem)) {
                run.reject(&record, record.raw, record.line, record.record, problem.reason, problem.message);
            } else {
                row.line = record.line;
                row.record = record.record;
                const quint64 hash = hasher(row.nameKey);
                const qint64 *first = nullptr;
                if (importing) {
                    const size_t index = run.batch.size;
                    first = keys.findOrInsert(hash, qint64(index), [&](qint64 other) {
                        return run.batch.rows[size_t(other)].nameKey == row.nameKey;
                    });
                    if (first)
                        first = &run.batch.rows[size_t(*first)].line;
                } else {
                    first = keys.findOrInsert(hash, record.line, [](qint64) { return true; });
                }
                if (first) {
                    run.reject(&record, record.raw, record.line, record.record, RejectReason::DuplicateInFile,
                               QStringLiteral("the name '%1' already appears on line %2")
                                   .arg(shortQuote(row.name), QString::number(*first)));
                } else {
                    ++run.rowsValid;
                    if (importing) {
                        run.rawSpans[run.batch.size] = {run.rawArena.size(), record.raw.size()};
                        run.rawArena.append(record.raw);
                        if (++run.batch.size == size_t(batchSize))
                            flush();
                    }
                }
            }
        }
        if (!importing && run.rowsRead == kSizingSample) {
            // Size the whole-file duplicate table once, from the rows per byte seen so far.
            const qint64 consumed = std::max<qint64>(1, run.reader.nextRecordOffset());
            const double expected = double(run.rowsRead) * double(run.reader.fileSize()) / double(consumed);
            keys.expectAtLeast(size_t(std::min(expected * 1.05, double(run.reader.fileSize()) / 2.0)));
        }
        if (!importing && ++sinceCheck >= batchSize) {
            sinceCheck = 0;
            if (m_checkpoint)
                m_checkpoint(run.checkpoint());
        }
        // Batch boundaries: cancel is honoured here, after the batch committed.
        const bool boundary = importing ? run.batch.size == 0 : sinceCheck == 0;
        if (boundary || (run.rowsRead & 1023) == 0)
            progress(false);
        if (boundary && (cancelled() || run.checkpointRefused)) {
            stopped = true;
            break;
        }
    }
    if (!stopped && !run.reader.error().isEmpty()) {
        flush();
        report.counts = run.counts();
        report.stoppedAt = run.checkpoint();
        run.rejectsWriter.close();
        return fail(ImportFailure::UnusableInput, run.reader.error());
    }
    if (!stopped) {
        flush();
        stopped = run.checkpointRefused;
    }
    report.counts = run.counts();
    report.status = stopped ? ImportStatus::Cancelled : ImportStatus::Completed;
    if (stopped) // after a refused commit checkpoint, the last one that did commit
        report.stoppedAt = run.checkpointRefused && lastCommitted ? *lastCommitted : run.checkpoint();
    if (!stopped)
        report.bytesCommitted = run.reader.fileSize();
    if (const Status closed = run.rejectsWriter.close(); !closed.ok())
        qCWarning(lcImport).noquote() << closed.error();
    progress(true);

    if (importing) {
        if (!run.history || (run.loader && run.loader->connectionLost())) {
            QString error;
            run.connect(error);
        }
        if (run.history) {
            entry.status = importStatusName(report.status);
            entry.finishedAt = QDateTime::currentDateTimeUtc();
            entry.rowsRead = report.counts.rowsRead;
            entry.rowsValid = report.counts.rowsValid;
            entry.rowsLoaded = report.counts.rowsLoaded;
            entry.rowsSkipped = report.counts.rowsSkipped;
            entry.bytesCommitted = report.bytesCommitted;
            ImportReport stored = report;
            if (stored.rejects.size() > 100)
                stored.rejects.resize(100);
            entry.reportJson = QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact));
            if (const Status finished = run.history->finish(entry); !finished.ok())
                qCWarning(lcImport).noquote() << finished.error();
        }
        run.loader.reset();
        run.history.reset();
        run.connection.reset();
    }
    return report;
}

} // namespace insighta
