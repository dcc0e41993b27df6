#include "core/importer/RejectsWriter.h"

#include "core/common/PrivateFiles.h"
#include "core/common/UntrustedText.h"
#include "core/csv/Tokenizer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace insighta {

QString importRejectsFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share/insighta-desk");
    return QDir(base).filePath(QStringLiteral("import-rejects"));
}

Status RejectsWriter::open(const QString &path, const QStringList &header, std::optional<qint64> resumeAt,
                           bool resuming)
{
    m_file.setFileName(path);
    m_columns = int(header.size());
    m_buffer.clear();
    m_written = 0;
    const QFileInfo existing(path);
    if (resuming && existing.isFile() && existing.size() > 0) {
        // Resuming: the rows rejected before the checkpoint are in the file already. Never
        // Truncate (that erased them); cut back only what came after the checkpoint.
        if (!m_file.open(QIODevice::ReadWrite))
            return Error{QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString())};
        qint64 keep = m_file.size();
        if (resumeAt && *resumeAt > 0 && *resumeAt <= keep)
            keep = *resumeAt;
        if (!m_file.resize(keep) || !m_file.seek(keep))
            return Error{QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString())};
        m_written = keep;
        return success();
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString())};
    makePrivateFile(path); // rejected rows are the file's own data
    for (const QString &cell : header) {
        const std::string utf8 = cell.toStdString();
        appendCell(utf8);
        m_buffer.push_back(',');
    }
    m_buffer.append("_line,_reason\n");
    return success();
}

Status RejectsWriter::truncate(qint64 size)
{
    if (!m_file.isOpen() || size >= this->size())
        return success();
    if (size >= m_written) {
        m_buffer.resize(size_t(size - m_written));
        return success();
    }
    m_buffer.clear();
    if (!m_file.resize(size) || !m_file.seek(size))
        return Error{QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    m_written = size;
    return success();
}

QString RejectsWriter::fingerprint(const QString &path)
{
    const QByteArray absolute = QFileInfo(path).absoluteFilePath().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(absolute, QCryptographicHash::Sha256).toHex().left(16));
}

void RejectsWriter::appendCell(std::string_view cell)
{
    // The export's formula rule: people open this file in a spreadsheet to fix the rows, and the
    // importer takes the ' off again.
    std::string guarded;
    if (startsLikeFormula(cell)) {
        neutralizeFormula(cell, guarded);
        cell = guarded;
    }
    const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos
        || (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!quote) {
        m_buffer.append(cell);
        return;
    }
    m_buffer.push_back('"');
    for (const char c : cell) {
        if (c == '"')
            m_buffer.push_back('"');
        m_buffer.push_back(c);
    }
    m_buffer.push_back('"');
}

void RejectsWriter::write(std::span<const std::string_view> cells, qint64 line, const char *reason)
{
    if (!m_file.isOpen())
        return;
    // Exactly the header's columns, so the file imports again: extra cells are dropped (the
    // reason says the count was wrong), missing ones are left empty.
    for (int i = 0; i < m_columns; ++i) {
        if (size_t(i) < cells.size())
            appendCell(cells[size_t(i)]);
        m_buffer.push_back(',');
    }
    m_buffer.append(std::to_string(line));
    m_buffer.push_back(',');
    m_buffer.append(reason);
    m_buffer.push_back('\n');
    flushIfLarge();
}

void RejectsWriter::writeRaw(std::string_view raw, qint64 line, const char *reason, char delimiter)
{
    // Split the raw record again; when it cannot be split (an unclosed quote), keep it whole in
    // the first column.
    csv::Tokenizer tokenizer(delimiter);
    tokenizer.feed(raw.data(), qsizetype(raw.size()));
    tokenizer.finish();
    csv::CsvRecord record;
    if (tokenizer.next(record) == csv::Tokenizer::Result::Record && record.issue == csv::RecordIssue::None) {
        write(record.fields, line, reason);
        return;
    }
    const std::string_view single[1] = {raw};
    write(single, line, reason);
}

void RejectsWriter::flushIfLarge()
{
    if (m_buffer.size() >= 256 * 1024) {
        m_written += m_file.write(m_buffer.data(), qint64(m_buffer.size()));
        m_buffer.clear();
    }
}

Status RejectsWriter::close()
{
    if (!m_file.isOpen())
        return success();
    m_written += m_file.write(m_buffer.data(), qint64(m_buffer.size()));
    m_buffer.clear();
    const bool ok = m_file.error() == QFileDevice::NoError;
    const QString message = m_file.errorString();
    m_file.close();
    if (!ok)
        return Error{QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), message)};
    return success();
}

} // namespace insighta
