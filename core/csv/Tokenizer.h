#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>
#include <vector>

namespace insighta::csv {

// What went wrong with a record at the tokenizer level (before any field is looked at).
enum class RecordIssue {
    None,
    UnclosedQuote, // a quoted field never closed: reported at the line where it opened
    TooLong, // the record exceeded the reader's limit and was skipped to its end
    Undecodable, // the record's bytes could not be decoded in the file's encoding
};

// One CSV record. The views point into the reader's buffers and stay valid until the next
// call to CsvReader::next() / Tokenizer::next(); copy what you keep.
struct CsvRecord
{
    std::vector<std::string_view> fields; // UTF-8, quotes removed, doubled quotes undone
    std::string_view raw; // the record's text (UTF-8) without its line terminator
    qint64 line = 0; // 1-based physical line where the record starts
    qint64 record = 0; // 1-based data record number (set by the reader; header = 0)
    qint64 offset = 0; // byte offset in the *file* where the record starts
    RecordIssue issue = RecordIssue::None;
};

// RFC 4180 tokenizer over a UTF-8 buffer that is fed incrementally. Quoted fields, doubled
// quotes, delimiters and newlines inside quotes, CRLF / LF / CR line ends, a missing final
// newline; blank lines are skipped (they are not records). Works on raw bytes with no
// allocation per record once warmed up.
//
// Usage: append bytes with feed(); call next() until it returns NeedMore; at end of input call
// finish() and drain next() until End. Positions are offsets in the fed byte stream.
class Tokenizer
{
public:
    enum class Result { Record, NeedMore, End };

    explicit Tokenizer(char delimiter = ',');
    void setDelimiter(char delimiter) { m_delimiter = delimiter; }
    char delimiter() const { return m_delimiter; }

    void feed(const char *data, qsizetype size);
    void finish() { m_finished = true; }
    bool finished() const { return m_finished; }

    // Next record into `out` (fields, raw, line; issue UnclosedQuote when the input ended inside
    // quotes: the record then holds only the line where the quote opened, and tokenizing resumes
    // on the following line, so one stray quote never swallows the rest of the file).
    Result next(CsvRecord &out);

    // Stream offset (in fed bytes) where the next record starts, and its physical line.
    qint64 position() const { return m_base + qint64(m_pos); }
    qint64 line() const { return m_line; }

    // Bytes buffered for the record in progress (the reader enforces its size limit with this).
    qsizetype pendingBytes() const { return qsizetype(m_buffer.size() - m_pos); }
    // Drops the record in progress up to its end, which is at or beyond the buffered bytes:
    // the reader calls this for an over-long record and keeps feeding; the tokenizer skips
    // bytes (tracking quotes and lines) until the record ends, then reports a TooLong record.
    void skipCurrentRecord(std::string_view preview);

    // Resets to a fresh stream starting at `offset` with physical line `line` (resume, resync).
    void reset(qint64 offset, qint64 line);

private:
    bool parseRecord(CsvRecord &out, bool atEnd, qsizetype &consumed, qint64 &lines, bool &unclosed);
    bool skipTail(CsvRecord &out);
    void compact();

    std::string m_buffer; // unconsumed bytes (compacted lazily)
    std::string m_scratch; // unescaped text of quoted fields with doubled quotes
    std::string m_skipPreview; // first bytes of a skipped over-long record
    size_t m_pos = 0; // start of the next record in m_buffer
    qint64 m_base = 0; // stream offset of m_buffer[0]
    qint64 m_line = 1; // physical line at m_pos
    char m_delimiter = ',';
    bool m_finished = false;
    // Skip state for over-long records.
    bool m_skipping = false;
    bool m_skipInQuotes = false;
    bool m_skipPendingQuote = false;
    bool m_skipPendingCr = false;
    qint64 m_skipLine = 0;
    qint64 m_skipOffset = 0;
};

} // namespace insighta::csv
