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

// The callbacks a run reports to, from its ImportRunner.
struct RunHooks
{
    const ImportRunner::ProgressCallback &progress;
    const ImportRunner::CheckpointCallback &checkpoint;
    const ImportRunner::CommitCheckpointCallback &commitCheckpoint;
    std::function<bool()> cancelled;
};

// One pass over the file, in the order run() calls its steps: open the file and its header,
// the rejects file, the resume point, the database side; then the stream in batches; then the
// report and the history record.
class ImportPass
{
public:
    ImportPass(const ImportRequest &request, ImportReport &report, RunHooks hooks)
        : m_request(request)
        , m_report(report)
        , m_hooks(std::move(hooks))
        , m_importing(request.database.has_value())
        , m_batchSize(std::max(1, request.batchSize))
        , m_options(readerOptions(request))
        , m_run(request, report, m_options)
        , m_lastCommitted(request.resume)
    {
        m_report.file = request.filePath;
        m_report.validateOnly = !m_importing;
    }

    bool openFile();
    bool openRejects();
    bool applyResume();
    bool startDatabaseSide();
    bool stream(); // true when stopped at a batch boundary (cancel, or the job is no longer ours)
    bool readerFailed() const { return !m_run.reader.error().isEmpty(); }
    bool failAfterReadError();
    void finish(bool stopped);
    void recordHistory();

private:
    static csv::CsvReaderOptions readerOptions(const ImportRequest &request)
    {
        csv::CsvReaderOptions options;
        options.encoding = request.overrides.encoding;
        options.delimiter = request.overrides.delimiter;
        return options;
    }
    bool fail(ImportFailure failure, const QString &message)
    {
        m_report.status = ImportStatus::Failed;
        m_report.failure = failure;
        m_report.error = message;
        return false;
    }
    void progress(bool force);
    void readRecord(const csv::CsvRecord &record);
    void rejectUnreadable(const csv::CsvRecord &record);
    void acceptRow(const csv::CsvRecord &record, NormalizedRow &row);
    void afterRecord();
    void flush();
    std::string_view rawOf(size_t i) const
    {
        return std::string_view(m_run.rawArena.data() + m_run.rawSpans[i].first, m_run.rawSpans[i].second);
    }
    void applyOutcome(const BatchOutcome &done);
    Status saveCheckpointInTransaction(const BatchOutcome &done);
    Result<BatchOutcome> loadWithRetries(QString &error);
    void settleBatch(const Result<BatchOutcome> &outcome, const QString &error);

    const ImportRequest &m_request;
    ImportReport &m_report;
    RunHooks m_hooks;
    const bool m_importing;
    const int m_batchSize;
    const csv::CsvReaderOptions m_options;
    Run m_run;
    QStringList m_header;
    ImportHistoryEntry m_entry;
    QElapsedTimer m_progressTimer;
    std::optional<ImportCheckpoint> m_lastCommitted;
    // The batch being loaded: the state its transaction's hook leaves for the outcome.
    std::optional<Run::Snapshot> m_uncommitted;
    ImportCheckpoint m_point;
    CellProblem m_problem;
    std::hash<std::string_view> m_hasher;
    qint64 m_sinceCheck = 0;
};

// ---- the file, its encoding and delimiter, its header ------------------------------------

bool ImportPass::openFile()
{
    if (const Status opened = m_run.reader.open(); !opened.ok())
        return fail(ImportFailure::UnusableInput, opened.error());
    m_report.encoding = csv::encodingName(m_run.reader.encoding());
    m_run.delimiter = m_run.reader.delimiter();
    m_report.delimiter = QString::fromLatin1(csv::delimiterText(m_run.delimiter));
    csv::CsvRecord record;
    if (!m_run.reader.next(record)) {
        if (!m_run.reader.error().isEmpty())
            return fail(ImportFailure::UnusableInput, m_run.reader.error());
        return fail(ImportFailure::UnusableInput, QStringLiteral("the file is empty"));
    }
    if (record.issue != csv::RecordIssue::None)
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("the header (line %1) is not a valid CSV line").arg(record.line));
    for (const std::string_view cell : record.fields)
        m_header << QString::fromUtf8(cell.data(), qsizetype(cell.size())).trimmed();
    const HeaderMapping mapping = m_request.overrides.mapping ? *m_request.overrides.mapping : mapHeader(m_header);
    if (mapping.columns.size() != m_header.size())
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("the column mapping has %1 entries but the header has %2 columns")
                        .arg(mapping.columns.size())
                        .arg(m_header.size()));
    if (const QStringList missing = mapping.missingRequired(); !missing.isEmpty())
        return fail(ImportFailure::UnusableInput,
                    QStringLiteral("required columns missing: %1 (the header has: %2)")
                        .arg(missing.join(QStringLiteral(", ")), headerForMessage(m_header)));
    m_run.validator = std::make_unique<RowValidator>(mapping);
    return true;
}

bool ImportPass::openRejects()
{
    if (m_request.rejectsPath.isEmpty())
        return true;
    // A resumed run keeps the rows its earlier runs rejected, up to its checkpoint.
    std::optional<qint64> resumeAt;
    if (m_request.resume && m_request.resume->rejectsBytes >= 0
        && m_request.resume->rejectsFile == RejectsWriter::fingerprint(m_request.rejectsPath))
        resumeAt = m_request.resume->rejectsBytes;
    if (const Status opened
        = m_run.rejectsWriter.open(m_request.rejectsPath, m_header, resumeAt, m_request.resume.has_value());
        !opened.ok())
        return fail(ImportFailure::UnusableInput, opened.error());
    return true;
}

bool ImportPass::applyResume()
{
    if (m_request.resume) {
        const ImportCheckpoint &resume = *m_request.resume;
        if (const Status sought = m_run.reader.seek(resume.byteOffset, resume.line, resume.record); !sought.ok())
            return fail(ImportFailure::UnusableInput, sought.error());
        m_run.restore(resume.counts);
        m_run.recordsRead = resume.record;
        m_report.importId = resume.importId;
        m_report.resumedFromLine = resume.line;
    } else if (!m_request.restartImportId.isEmpty()) {
        m_report.importId = m_request.restartImportId;
    }
    return true;
}

// ---- the database side: connection, history record, the tag that marks this import's ids --

bool ImportPass::startDatabaseSide()
{
    if (!m_importing) {
        m_run.batch.rows.resize(1);
        return true;
    }
    QString error;
    if (!m_run.connect(error))
        return fail(ImportFailure::Database, error);
    const QFileInfo info(m_request.filePath);
    m_entry.fileName = info.fileName();
    m_entry.filePath = info.absoluteFilePath();
    m_entry.fileSize = info.size();
    m_entry.sha256 = fileSha256(m_request.filePath);
    m_entry.encoding = m_report.encoding;
    m_entry.delimiter = m_report.delimiter;
    m_entry.startedAt = QDateTime::currentDateTimeUtc();
    if (m_report.importId.isEmpty()) {
        auto started = m_run.history->start(m_entry);
        if (!started.ok())
            return fail(ImportFailure::Database, started.error());
        m_report.importId = started.value();
    }
    m_entry.id = m_report.importId;
    if (auto previous = m_run.history->completedWithSha256(m_entry.sha256, m_entry.id); previous.ok())
        m_report.previousImports = previous.value();
    m_run.tag = importTagFor(m_report.importId);
    m_run.batch.rows.resize(size_t(m_batchSize));
    m_run.batch.ids.resize(size_t(m_batchSize));
    m_run.rawSpans.resize(size_t(m_batchSize));
    m_run.keys.reserve(size_t(m_batchSize));
    return true;
}

void ImportPass::progress(bool force)
{
    if (!m_hooks.progress)
        return;
    if (!force && m_progressTimer.elapsed() < m_request.progressIntervalMs)
        return;
    m_progressTimer.restart();
    ImportProgress p;
    p.bytesRead = m_run.reader.nextRecordOffset();
    p.totalBytes = m_run.reader.fileSize();
    p.recordsRead = m_run.rowsRead;
    p.rowsLoaded = m_importing ? m_run.rowsLoaded : m_run.rowsValid;
    p.rowsSkipped = m_run.rowsSkipped;
    m_hooks.progress(p);
}

// ---- loading a batch, with retries; rows the database refused become rejects --------------

// The rows the database already had: a duplicate in the file when this import wrote them (its
// tag is in the id), else a duplicate in the database.
void ImportPass::applyOutcome(const BatchOutcome &done)
{
    m_run.rowsLoaded += done.inserted;
    for (const BatchConflict &conflict : done.conflicts) {
        const NormalizedRow &row = m_run.batch.rows[conflict.index];
        const auto first = importLineFromId(conflict.existingId, m_run.tag);
        if (first && *first == row.line) {
            ++m_run.rowsLoaded; // this very row, committed by an interrupted run of this import
        } else if (first) {
            --m_run.rowsValid; // a duplicate in the file after all
            m_run.reject(nullptr, rawOf(conflict.index), row.line, row.record, RejectReason::DuplicateInFile,
                         QStringLiteral("the name '%1' already appears on line %2")
                             .arg(shortQuote(row.name), QString::number(*first)));
        } else {
            m_run.reject(nullptr, rawOf(conflict.index), row.line, row.record, RejectReason::DuplicateInDatabase,
                         QStringLiteral("a profile named '%1' is already in the database").arg(shortQuote(row.name)));
        }
    }
}

// Inside the batch's transaction: apply the outcome and save the resume point it leaves, so the
// rows and their checkpoint commit together. A crash can no longer commit a batch whose
// checkpoint is lost, which made the resumed run meet its own rows as duplicates.
Status ImportPass::saveCheckpointInTransaction(const BatchOutcome &done)
{
    const Run::Snapshot before = m_run.snapshot();
    applyOutcome(done);
    m_point = m_run.checkpoint();
    Status saved = m_run.history->checkpoint(m_report.importId, m_point.byteOffset, m_run.rowsRead, m_run.rowsValid,
                                             m_run.rowsLoaded, m_run.rowsSkipped, resumePointJson(m_point));
    if (saved.ok() && m_hooks.commitCheckpoint) {
        saved = m_hooks.commitCheckpoint(m_run.connection->database(), m_run.connection->kind(), m_point);
        if (!saved.ok())
            m_run.checkpointRefused = true;
    }
    if (!saved.ok()) {
        m_run.rollBackTo(before);
        return saved;
    }
    m_uncommitted = before; // until load() says the COMMIT went through
    return success();
}

Result<BatchOutcome> ImportPass::loadWithRetries(QString &error)
{
    Result<BatchOutcome> outcome = Error{QString()};
    const int attempts = m_run.degraded ? 1 : m_request.maxRetries + 1;
    const auto beforeCommit = [this](const BatchOutcome &done) { return saveCheckpointInTransaction(done); };
    for (int attempt = 0; attempt < attempts && !m_run.checkpointRefused; ++attempt) {
        if (attempt > 0) {
            QThread::msleep(ulong(m_request.retryBaseMs) << (attempt - 1)); // backoff between attempts
            qCWarning(lcImport).noquote() << "Retrying a refused batch (attempt" << attempt + 1 << "):" << error;
        }
        if (!m_run.loader || m_run.loader->connectionLost()) {
            if (!m_run.connect(error))
                continue;
        }
        m_uncommitted.reset();
        outcome = m_run.loader->load(m_run.batch, beforeCommit);
        if (outcome.ok())
            break;
        if (m_uncommitted) {
            m_run.rollBackTo(*m_uncommitted); // the hook ran but the COMMIT failed
            m_uncommitted.reset();
        }
        error = outcome.error();
    }
    return outcome;
}

void ImportPass::settleBatch(const Result<BatchOutcome> &outcome, const QString &error)
{
    if (m_run.checkpointRefused) {
        // The batch was rolled back and the job is someone else's now: stop without marking
        // these rows; whoever holds the job resumes from the last committed checkpoint.
        qCWarning(lcImport).noquote() << "Stopping the import:" << error;
    } else if (outcome.ok()) {
        m_run.degraded = false;
        if (!m_uncommitted) { // a loader that did not call the hook (nothing to load)
            applyOutcome(outcome.value());
            m_point = m_run.checkpoint();
        }
        m_report.bytesCommitted = m_point.byteOffset;
        m_lastCommitted = m_point;
        if (m_hooks.checkpoint)
            m_hooks.checkpoint(m_point);
    } else {
        m_run.degraded = true;
        for (size_t i = 0; i < m_run.batch.size; ++i) {
            const NormalizedRow &row = m_run.batch.rows[i];
            m_run.reject(nullptr, rawOf(i), row.line, row.record, RejectReason::NotLoaded,
                         QStringLiteral("the database refused the batch: %1").arg(error));
        }
    }
}

void ImportPass::flush()
{
    ProfileBatch &batch = m_run.batch;
    if (batch.size == 0)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    batch.createdAt = utcStamp(now);
    for (size_t i = 0; i < batch.size; ++i)
        formatImportRowId(now.toMSecsSinceEpoch(), m_run.tag, batch.rows[i].line, batch.ids[i]);
    QString error;
    const Result<BatchOutcome> outcome = loadWithRetries(error);
    settleBatch(outcome, error);
    batch.clear();
    m_run.keys.clear();
    m_run.rawArena.clear();
}

// ---- the stream ---------------------------------------------------------------------------

bool ImportPass::stream()
{
    m_progressTimer.start();
    csv::CsvRecord record;
    while (m_run.reader.next(record)) {
        ++m_run.rowsRead;
        m_run.recordsRead = record.record;
        readRecord(record);
        afterRecord();
        // Batch boundaries: cancel is honoured here, after the batch committed.
        const bool boundary = m_importing ? m_run.batch.size == 0 : m_sinceCheck == 0;
        if (boundary || (m_run.rowsRead & 1023) == 0)
            progress(false);
        if (boundary && (m_hooks.cancelled() || m_run.checkpointRefused))
            return true;
    }
    return false;
}

void ImportPass::readRecord(const csv::CsvRecord &record)
{
    if (record.issue != csv::RecordIssue::None) {
        rejectUnreadable(record);
        return;
    }
    NormalizedRow &row = m_run.batch.rows[m_importing ? m_run.batch.size : 0];
    if (!m_run.validator->validate(record.fields, row, m_run.warnings, m_problem)) {
        m_run.reject(&record, record.raw, record.line, record.record, m_problem.reason, m_problem.message);
        return;
    }
    row.line = record.line;
    row.record = record.record;
    acceptRow(record, row);
}

void ImportPass::rejectUnreadable(const csv::CsvRecord &record)
{
    switch (record.issue) {
    case csv::RecordIssue::UnclosedQuote:
        m_run.reject(&record, record.raw, record.line, record.record, RejectReason::UnclosedQuote,
                     QStringLiteral("a quote opened on line %1 is never closed; the line was skipped and "
                                    "reading went on with the next line")
                         .arg(record.line));
        break;
    case csv::RecordIssue::TooLong:
        m_run.reject(&record, record.raw, record.line, record.record, RejectReason::FieldTooLong,
                     QStringLiteral("the record is longer than %1 bytes").arg(m_options.maxRecordBytes));
        break;
    default:
        m_run.reject(&record, record.raw, record.line, record.record, RejectReason::UndecodableText,
                     QStringLiteral("the record is not valid %1 text").arg(m_report.encoding));
        break;
    }
}

// A valid row: a duplicate of an earlier one in the file (this batch when importing, the whole
// file when validating), or one more row for the batch.
void ImportPass::acceptRow(const csv::CsvRecord &record, NormalizedRow &row)
{
    KeyTable &keys = m_run.keys;
    const quint64 hash = m_hasher(row.nameKey);
    const qint64 *first = nullptr;
    if (m_importing) {
        const size_t index = m_run.batch.size;
        first = keys.findOrInsert(hash, qint64(index),
                                  [&](qint64 other) { return m_run.batch.rows[size_t(other)].nameKey == row.nameKey; });
        if (first)
            first = &m_run.batch.rows[size_t(*first)].line;
    } else {
        first = keys.findOrInsert(hash, record.line, [](qint64) { return true; });
    }
    if (first) {
        m_run.reject(&record, record.raw, record.line, record.record, RejectReason::DuplicateInFile,
                     QStringLiteral("the name '%1' already appears on line %2")
                         .arg(shortQuote(row.name), QString::number(*first)));
        return;
    }
    ++m_run.rowsValid;
    if (m_importing) {
        m_run.rawSpans[m_run.batch.size] = {m_run.rawArena.size(), record.raw.size()};
        m_run.rawArena.append(record.raw);
        if (++m_run.batch.size == size_t(m_batchSize))
            flush();
    }
}

// Validate has no batches: it sizes its duplicate table and reports checkpoints by row count.
void ImportPass::afterRecord()
{
    if (m_importing)
        return;
    if (m_run.rowsRead == kSizingSample) {
        // Size the whole-file duplicate table once, from the rows per byte seen so far.
        const qint64 consumed = std::max<qint64>(1, m_run.reader.nextRecordOffset());
        const double expected = double(m_run.rowsRead) * double(m_run.reader.fileSize()) / double(consumed);
        m_run.keys.expectAtLeast(size_t(std::min(expected * 1.05, double(m_run.reader.fileSize()) / 2.0)));
    }
    if (++m_sinceCheck >= m_batchSize) {
        m_sinceCheck = 0;
        if (m_hooks.checkpoint)
            m_hooks.checkpoint(m_run.checkpoint());
    }
}

// ---- the end: the report, and the history record -----------------------------------------

bool ImportPass::failAfterReadError()
{
    flush();
    m_report.counts = m_run.counts();
    m_report.stoppedAt = m_run.checkpoint();
    m_run.rejectsWriter.close();
    return fail(ImportFailure::UnusableInput, m_run.reader.error());
}

void ImportPass::finish(bool stopped)
{
    if (!stopped) {
        flush();
        stopped = m_run.checkpointRefused;
    }
    m_report.counts = m_run.counts();
    m_report.status = stopped ? ImportStatus::Cancelled : ImportStatus::Completed;
    if (stopped) // after a refused commit checkpoint, the last one that did commit
        m_report.stoppedAt = m_run.checkpointRefused && m_lastCommitted ? *m_lastCommitted : m_run.checkpoint();
    if (!stopped)
        m_report.bytesCommitted = m_run.reader.fileSize();
    if (const Status closed = m_run.rejectsWriter.close(); !closed.ok())
        qCWarning(lcImport).noquote() << closed.error();
    progress(true);
}

void ImportPass::recordHistory()
{
    if (!m_importing)
        return;
    if (!m_run.history || (m_run.loader && m_run.loader->connectionLost())) {
        QString error;
        m_run.connect(error);
    }
    if (m_run.history) {
        m_entry.status = importStatusName(m_report.status);
        m_entry.finishedAt = QDateTime::currentDateTimeUtc();
        m_entry.rowsRead = m_report.counts.rowsRead;
        m_entry.rowsValid = m_report.counts.rowsValid;
        m_entry.rowsLoaded = m_report.counts.rowsLoaded;
        m_entry.rowsSkipped = m_report.counts.rowsSkipped;
        m_entry.bytesCommitted = m_report.bytesCommitted;
        ImportReport stored = m_report;
        if (stored.rejects.size() > 100)
            stored.rejects.resize(100);
        m_entry.reportJson = QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact));
        if (const Status finished = m_run.history->finish(m_entry); !finished.ok())
            qCWarning(lcImport).noquote() << finished.error();
    }
    m_run.loader.reset();
    m_run.history.reset();
    m_run.connection.reset();
}

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
    ImportPass pass(m_request, report,
                    RunHooks{m_progress, m_checkpoint, m_commitCheckpoint, [this] { return cancelled(); }});
    if (!pass.openFile() || !pass.openRejects() || !pass.applyResume() || !pass.startDatabaseSide())
        return report;
    const bool stopped = pass.stream();
    if (!stopped && pass.readerFailed()) {
        pass.failAfterReadError();
        return report;
    }
    pass.finish(stopped);
    pass.recordHistory();
    return report;
}

} // namespace insighta
