#pragma once

#include "core/common/Result.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <span>
#include <string>
#include <string_view>

namespace insighta {

// Writes the --rejects CSV: the source header plus `_line` and `_reason`, then every rejected
// record with its original cells, so a person can fix the rows and import the file again.
// Records that could not be split into cells (unclosed quote, too long) keep their raw text in
// the first column. UTF-8, comma-delimited, RFC 4180 quoting, LF line ends.
class RejectsWriter
{
public:
    RejectsWriter() = default;
    Status open(const QString &path, const QStringList &header);
    bool isOpen() const { return m_file.isOpen(); }
    void write(std::span<const std::string_view> cells, qint64 line, const char *reason);
    // A record known only by its raw text (re-split with `delimiter`).
    void writeRaw(std::string_view raw, qint64 line, const char *reason, char delimiter);
    Status close();

private:
    void appendCell(std::string_view cell);
    void flushIfLarge();

    QFile m_file;
    std::string m_buffer;
    int m_columns = 0;
};

} // namespace insighta
