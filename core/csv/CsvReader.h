#pragma once

#include "core/common/Result.h"
#include "core/csv/Encoding.h"
#include "core/csv/Tokenizer.h"

#include <QFile>
#include <QString>
#include <QStringDecoder>

#include <memory>

namespace insighta::csv {

struct CsvReaderOptions
{
    TextEncoding encoding = TextEncoding::Auto; // Auto = sniff
    char delimiter = 0; // 0 = sniff among ',', ';', '\t'
    qsizetype chunkSize = 256 * 1024; // bytes read from the file at a time
    qsizetype maxRecordBytes = 1024 * 1024; // longer records are skipped as TooLong
};

// Streams a CSV file: reads fixed-size chunks, decodes them to UTF-8 (BOM / UTF-16 / UTF-8 /
// Windows-1252 / Latin-1), and tokenizes records. Memory stays bounded by chunkSize plus
// maxRecordBytes whatever the file size. Not thread-safe; use one per thread.
class CsvReader
{
public:
    explicit CsvReader(QString path, CsvReaderOptions options = {});
    ~CsvReader();

    // Opens the file and sniffs encoding and delimiter. Errors are messages a person reads:
    // "cannot open ...", "the file is empty", "not a text CSV file".
    Status open();

    TextEncoding encoding() const { return m_encoding; }
    char delimiter() const { return m_tokenizer.delimiter(); }
    qint64 fileSize() const { return m_fileSize; }
    qint64 bytesRead() const { return m_fileOffset; } // file bytes consumed so far

    // The next record (header included: the first call returns the header). Returns false at
    // the end of the file or on a read error (then error() is set).
    bool next(CsvRecord &record);
    QString error() const { return m_error; }

    // Where the next record starts: file byte offset and physical line. Together with the
    // record counter this is an exact resume point.
    qint64 nextRecordOffset() const { return m_tokenizer.position(); }
    qint64 nextLine() const { return m_tokenizer.line(); }

    // Continue reading at a record boundary previously returned by nextRecordOffset(): `line`
    // is the physical line there and `recordsBefore` the data records before it (so the next
    // record is numbered recordsBefore + 1). Call after reading the header.
    Status seek(qint64 fileOffset, qint64 line, qint64 recordsBefore);

private:
    bool fill();
    void startDecoding();
    void feedDecoded(const char *data, qsizetype size, bool last);
    void checkDecoded(CsvRecord &record) const;

    QString m_path;
    CsvReaderOptions m_options;
    QFile m_file;
    qint64 m_fileSize = 0;
    TextEncoding m_encoding = TextEncoding::Utf8;
    Tokenizer m_tokenizer;
    std::unique_ptr<QStringDecoder> m_utf16; // stateful: a character may straddle two chunks
    std::string m_decoded; // scratch for transcoded chunks
    QByteArray m_chunk;
    qint64 m_fileOffset = 0; // file offset of the next byte to read
    qint64 m_recordsRead = 0; // data records returned (header excluded)
    bool m_headerSeen = false;
    bool m_eof = false;
    QString m_error;
};

} // namespace insighta::csv
