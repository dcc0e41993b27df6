#pragma once

#include "core/common/Result.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace insighta {

// This user's folder for rejected rows (private: 0700), the only place the window and the import
// jobs write rejects files of their own choosing. Not created here; see makePrivateFolder().
QString importRejectsFolder();

// Writes the --rejects CSV: the source header plus `_line` and `_reason`, then every rejected
// record with its original cells, so a person can fix the rows and import the file again.
// Records that could not be split into cells (unclosed quote, too long) keep their raw text in
// the first column. UTF-8, comma-delimited, RFC 4180 quoting, LF line ends.
class RejectsWriter
{
public:
    RejectsWriter() = default;
    // A new file (header first), or, when resuming, the file an earlier run wrote: cut back to
    // `resumeAt` bytes when it is known and the file is at least that long, else appended to.
    // A missing file starts over with the header.
    Status open(const QString &path, const QStringList &header, std::optional<qint64> resumeAt = std::nullopt,
                bool resuming = false);
    bool isOpen() const { return m_file.isOpen(); }
    // Bytes written so far, buffered ones included.
    qint64 size() const { return m_written + qint64(m_buffer.size()); }
    // Forgets everything after `size` bytes (rows of a batch that was rolled back).
    Status truncate(qint64 size);
    // A short name for this file's path, for checkpoints (they never hold paths).
    static QString fingerprint(const QString &path);
    void write(std::span<const std::string_view> cells, qint64 line, const char *reason);
    // A record known only by its raw text (re-split with `delimiter`).
    void writeRaw(std::string_view raw, qint64 line, const char *reason, char delimiter);
    Status close();

private:
    void appendCell(std::string_view cell);
    void flushIfLarge();

    QFile m_file;
    std::string m_buffer;
    qint64 m_written = 0; // bytes in the file (the buffer comes after them)
    int m_columns = 0;
};

} // namespace insighta
