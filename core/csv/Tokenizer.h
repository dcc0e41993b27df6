#pragma once

#include <QtGlobal>

#include <limits>
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

    // How stream bytes map to file bytes, so that record offsets are file offsets even when
    // the reader transcodes: Bytes (UTF-8 files), Utf16 (2 file bytes per BMP character, 4 per
    // other), SingleByte (Latin-1 / Windows-1252: 1 file byte per character).
    enum class OffsetWeight { Bytes, Utf16, SingleByte };

    explicit Tokenizer(char delimiter = ',');
    void setDelimiter(char delimiter);
    char delimiter() const { return m_delimiter; }
    void setOffsetWeight(OffsetWeight weight) { m_weight = weight; }

    void feed(const char *data, qsizetype size);
    void finish() { m_finished = true; }
    bool finished() const { return m_finished; }

    // Next record into `out` (fields, raw, line; issue UnclosedQuote when the input ended inside
    // quotes: the record then holds only the line where the quote opened, and tokenizing resumes
    // on the following line, so one stray quote never swallows the rest of the file).
    Result next(CsvRecord &out);

    // File offset where the next record starts (or the blank lines before it), and its line.
    qint64 position() const { return m_fileBase; }
    qint64 line() const { return m_line; }

    // Bytes buffered for the record in progress (the reader compares them with decisiveBytes()).
    qsizetype pendingBytes() const { return qsizetype(m_buffer.size() - m_pos); }

    // The reader's record-size limit (0: none). With one, a record is complete only if it ends
    // within its first decisiveBytes() (the limit plus room for CR LF), whatever else happens to
    // be buffered: whether a record is too long then depends on the record alone, never on
    // where the reads fell (a resumed import reads from other offsets than a straight one).
    void setRecordLimit(qsizetype bytes) { m_limit = bytes > 0 ? size_t(bytes) : 0; }
    qsizetype decisiveBytes() const { return m_limit ? qsizetype(m_limit + 2) : std::numeric_limits<qsizetype>::max(); }

    // The record in progress grew beyond the reader's limit (next() said NeedMore). When it is
    // inside a quoted field that already spans lines, the quote is taken to be unclosed: the
    // record is reported as UnclosedQuote at the line where the quote opened and tokenizing
    // resumes on the next line. Otherwise the record is skipped to its end (the tokenizer keeps
    // consuming fed bytes, tracking quotes and lines) and then reported as TooLong.
    Result overflow(CsvRecord &out);

    // Resets to a fresh stream starting at file offset `offset` with physical line `line`.
    void reset(qint64 offset, qint64 line);

private:
    enum class Parse { Done, NeedMore, Unclosed };
    struct Span
    {
        size_t offset;
        size_t size;
        bool scratch;
    };
    Parse parseRecord(size_t &end, size_t &rawEnd, qint64 &lines);
    size_t windowEnd() const; // where parseRecord and overflow stop looking (see setRecordLimit)
    void emitUnclosed(CsvRecord &out);
    bool skipTail(CsvRecord &out);
    void advance(size_t to);
    qint64 weightOf(size_t from, size_t to) const;

    std::string m_buffer; // unconsumed bytes (compacted on feed)
    std::string m_scratch; // unescaped text of quoted fields with doubled quotes
    std::string m_skipPreview; // first bytes of a skipped over-long record
    std::vector<Span> m_spans;
    unsigned char m_class[256] = {}; // 1 = delimiter, CR or LF
    size_t m_pos = 0; // start of the next record in m_buffer
    size_t m_openQuote = std::string::npos; // where the quote of an incomplete record opened
    qint64 m_fileBase = 0; // file offset of m_buffer[m_pos]
    qint64 m_line = 1; // physical line at m_pos
    char m_delimiter = ',';
    OffsetWeight m_weight = OffsetWeight::Bytes;
    bool m_finished = false;
    size_t m_limit = 0; // see setRecordLimit
    // Skip state for over-long records.
    bool m_skipping = false;
    bool m_skipInQuotes = false;
    bool m_skipPendingQuote = false;
    bool m_skipPendingCr = false;
    qint64 m_skipLine = 0;
    qint64 m_skipOffset = 0;
};

} // namespace insighta::csv
