// The CSV reader on whole files of arbitrary bytes, with small chunks and a small record limit so
// that records straddle reads and overflow: it never crashes, never reads past the file, its
// resume points only move forward, and resuming at one of them yields the same records as
// reading straight through (what an interrupted import relies on).
#include "core/csv/CsvReader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {

void require(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz_csv_reader: %s\n", what);
        std::abort();
    }
}

struct Seen
{
    QList<QByteArray> records; // each record's fields, joined
    QList<qint64> offsets, lines; // resume point after each record
};

QByteArray joined(const insighta::csv::CsvRecord &record)
{
    QByteArray out = QByteArray::number(int(record.issue));
    for (const std::string_view field : record.fields)
        out.append('\x1f').append(field.data(), qsizetype(field.size()));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace insighta::csv;
    if (size == 0)
        return 0;
    CsvReaderOptions options;
    options.chunkSize = 1 + (data[0] & 0x3f); // 1..64 bytes a read
    options.maxRecordBytes = 64 + 8 * (data[0] >> 6);
    const QString path = QDir::tempPath() + QStringLiteral("/insighta-fuzz-csv-%1.csv").arg(qint64(getpid()));
    {
        QFile file(path);
        require(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write the input file");
        file.write(reinterpret_cast<const char *>(data + 1), qint64(size - 1));
    }
    CsvReader reader(path, options);
    if (!reader.open().ok())
        return 0;
    Seen seen;
    CsvRecord record;
    qint64 lastOffset = 0;
    while (reader.next(record)) {
        require(reader.bytesRead() <= reader.fileSize(), "read past the end of the file");
        require(reader.nextRecordOffset() >= lastOffset, "the resume point moved backwards");
        lastOffset = reader.nextRecordOffset();
        seen.records << joined(record);
        seen.offsets << reader.nextRecordOffset();
        seen.lines << reader.nextLine();
    }
    // Resume after the header and after the middle record: the rest must be the same records.
    for (const qsizetype at : {qsizetype(0), seen.records.size() / 2}) {
        if (at >= seen.records.size() - 1)
            break;
        CsvReader resumed(path, options);
        require(resumed.open().ok() && resumed.next(record), "the header did not read again");
        require(resumed.seek(seen.offsets[at], seen.lines[at], qint64(at)).ok(), "seek refused a resume point");
        qsizetype i = at + 1;
        while (resumed.next(record)) {
            require(i < seen.records.size(), "resuming gave more records");
            require(joined(record) == seen.records[i], "resuming gave a different record");
            ++i;
        }
        require(i == seen.records.size(), "resuming gave fewer records");
    }
    QFile::remove(path);
    return 0;
}
