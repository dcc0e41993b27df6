#include "core/csv/Tokenizer.h"

#include <cstring>

namespace insighta::csv {

namespace {

constexpr size_t kPreviewBytes = 4096;
constexpr size_t npos = std::string::npos;

// Physical line ends in a run of bytes: LF, CR LF and a lone CR each count once. A CR at the
// very end of the run counts as one line (the caller never splits CR LF across runs).
qint64 countLineEnds(const char *data, size_t size)
{
    qint64 lines = 0;
    for (size_t i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\n')
            ++lines;
        else if (c == '\r' && (i + 1 >= size || data[i + 1] != '\n'))
            ++lines;
    }
    return lines;
}

} // namespace

Tokenizer::Tokenizer(char delimiter)
{
    setDelimiter(delimiter);
}

void Tokenizer::setDelimiter(char delimiter)
{
    m_delimiter = delimiter;
    std::memset(m_class, 0, sizeof m_class);
    m_class[static_cast<unsigned char>(delimiter)] = 1;
    m_class[static_cast<unsigned char>('\n')] = 1;
    m_class[static_cast<unsigned char>('\r')] = 1;
}

void Tokenizer::feed(const char *data, qsizetype size)
{
    // Compact before appending so the buffer never holds more than one record in progress plus
    // the new chunk.
    if (m_pos > 0) {
        m_buffer.erase(0, m_pos);
        if (m_openQuote != npos)
            m_openQuote -= m_pos;
        m_pos = 0;
    }
    m_buffer.append(data, size_t(size));
}

void Tokenizer::reset(qint64 offset, qint64 line)
{
    m_buffer.clear();
    m_scratch.clear();
    m_pos = 0;
    m_openQuote = npos;
    m_fileBase = offset;
    m_line = line;
    m_finished = false;
    m_skipping = false;
}

qint64 Tokenizer::weightOf(size_t from, size_t to) const
{
    if (m_weight == OffsetWeight::Bytes)
        return qint64(to - from);
    qint64 weight = 0;
    const auto *b = reinterpret_cast<const unsigned char *>(m_buffer.data());
    for (size_t i = from; i < to; ++i) {
        const unsigned char c = b[i];
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte: counted with its lead byte
        if (m_weight == OffsetWeight::SingleByte)
            weight += 1;
        else
            weight += c >= 0xF0 ? 4 : 2; // a surrogate pair, or one UTF-16 unit
    }
    return weight;
}

void Tokenizer::advance(size_t to)
{
    m_fileBase += weightOf(m_pos, to);
    m_pos = to;
}

size_t Tokenizer::windowEnd() const
{
    return m_limit ? std::min(m_buffer.size(), m_pos + m_limit + 2) : m_buffer.size();
}

Tokenizer::Parse Tokenizer::parseRecord(size_t &end, size_t &rawEnd, qint64 &lines)
{
    const char *b = m_buffer.data();
    // Only the record's decisive window counts; past it, even the end of the stream is not
    // "the end" for this record (more bytes follow, so it is too long, not complete).
    const size_t n = windowEnd();
    const bool streamEndsHere = m_finished && n == m_buffer.size();
    size_t p = m_pos;
    lines = 0;
    m_spans.clear();
    m_scratch.clear();
    m_openQuote = npos;
    for (;;) {
        Span span{p, 0, false};
        if (p < n && b[p] == '"') {
            const size_t open = p;
            size_t segment = ++p;
            bool scratch = false;
            size_t scratchStart = 0;
            for (;;) {
                const void *found = std::memchr(b + p, '"', n - p);
                if (!found) {
                    m_openQuote = open;
                    return streamEndsHere ? Parse::Unclosed : Parse::NeedMore;
                }
                const size_t q = size_t(static_cast<const char *>(found) - b);
                lines += countLineEnds(b + p, q - p);
                if (q + 1 >= n && !streamEndsHere) {
                    m_openQuote = open;
                    return Parse::NeedMore; // "" or closing quote: the next byte decides
                }
                if (q + 1 < n && b[q + 1] == '"') {
                    if (!scratch) {
                        scratch = true;
                        scratchStart = m_scratch.size();
                    }
                    m_scratch.append(b + segment, q + 1 - segment);
                    p = segment = q + 2;
                    continue;
                }
                if (scratch) {
                    m_scratch.append(b + segment, q - segment);
                    span = {scratchStart, m_scratch.size() - scratchStart, true};
                } else {
                    span = {segment, q - segment, false};
                }
                p = q + 1;
                break;
            }
            // Text after the closing quote ("abc"def): kept, leniently, as part of the field.
            if (p < n && !m_class[static_cast<unsigned char>(b[p])]) {
                const size_t junk = p;
                while (p < n && !m_class[static_cast<unsigned char>(b[p])])
                    ++p;
                if (!span.scratch) {
                    const size_t start = m_scratch.size();
                    m_scratch.append(b + span.offset, span.size);
                    span = {start, span.size, true};
                }
                m_scratch.append(b + junk, p - junk);
                span.size += p - junk;
            }
        } else {
            const unsigned char *u = reinterpret_cast<const unsigned char *>(b);
            while (p < n && !m_class[u[p]])
                ++p;
            span.size = p - span.offset;
        }
        m_spans.push_back(span);
        if (p >= n) {
            if (!streamEndsHere)
                return Parse::NeedMore;
            end = rawEnd = p;
            return Parse::Done;
        }
        const char c = b[p];
        if (c == m_delimiter) {
            ++p;
            continue;
        }
        rawEnd = p;
        if (c == '\n') {
            end = p + 1;
        } else if (p + 1 < n) {
            end = b[p + 1] == '\n' ? p + 2 : p + 1;
        } else if (!streamEndsHere) {
            return Parse::NeedMore; // CR at the end of the buffer: maybe CR LF
        } else {
            end = p + 1;
        }
        lines += 1;
        return Parse::Done;
    }
}

void Tokenizer::emitUnclosed(CsvRecord &out)
{
    // Report the record at the line where the quote opened, holding the text up to the end of
    // that line, and resume tokenizing on the next line.
    const char *b = m_buffer.data();
    const size_t n = m_buffer.size();
    const size_t open = m_openQuote;
    size_t eol = open + 1;
    while (eol < n && b[eol] != '\n' && b[eol] != '\r')
        ++eol;
    size_t next = eol;
    if (eol < n)
        next = (b[eol] == '\r' && eol + 1 < n && b[eol + 1] == '\n') ? eol + 2 : eol + 1;
    out.fields.clear();
    out.raw = std::string_view(b + m_pos, eol - m_pos);
    out.line = m_line + countLineEnds(b + m_pos, open - m_pos);
    out.offset = m_fileBase;
    out.issue = RecordIssue::UnclosedQuote;
    m_line += countLineEnds(b + m_pos, next - m_pos);
    advance(next);
    m_openQuote = npos;
}

Tokenizer::Result Tokenizer::next(CsvRecord &out)
{
    if (m_skipping) {
        if (skipTail(out))
            return Result::Record;
        return m_finished ? Result::End : Result::NeedMore;
    }
    const char *b = m_buffer.data();
    const size_t n = m_buffer.size();
    // Blank lines are not records.
    while (m_pos < n) {
        const char c = b[m_pos];
        if (c == '\n') {
            advance(m_pos + 1);
        } else if (c == '\r') {
            if (m_pos + 1 < n)
                advance(b[m_pos + 1] == '\n' ? m_pos + 2 : m_pos + 1);
            else if (!m_finished)
                return Result::NeedMore;
            else
                advance(m_pos + 1);
        } else {
            break;
        }
        ++m_line;
    }
    if (m_pos >= n)
        return m_finished ? Result::End : Result::NeedMore;

    size_t end = 0;
    size_t rawEnd = 0;
    qint64 lines = 0;
    switch (parseRecord(end, rawEnd, lines)) {
    case Parse::NeedMore:
        return Result::NeedMore;
    case Parse::Unclosed:
        emitUnclosed(out);
        return Result::Record;
    case Parse::Done:
        break;
    }
    out.fields.resize(m_spans.size());
    for (size_t i = 0; i < m_spans.size(); ++i) {
        const Span &s = m_spans[i];
        out.fields[i] = std::string_view((s.scratch ? m_scratch.data() : b) + s.offset, s.size);
    }
    out.raw = std::string_view(b + m_pos, rawEnd - m_pos);
    out.line = m_line;
    out.offset = m_fileBase;
    out.issue = RecordIssue::None;
    m_line += lines;
    advance(end);
    return Result::Record;
}

Tokenizer::Result Tokenizer::overflow(CsvRecord &out)
{
    if (m_openQuote != npos) {
        const char *b = m_buffer.data();
        const size_t n = windowEnd();
        if (std::memchr(b + m_openQuote, '\n', n - m_openQuote)
            || std::memchr(b + m_openQuote, '\r', n - m_openQuote)) {
            emitUnclosed(out);
            return Result::Record;
        }
    }
    m_skipping = true;
    m_skipInQuotes = false;
    m_skipPendingQuote = false;
    m_skipPendingCr = false;
    m_skipLine = m_line;
    m_skipOffset = m_fileBase;
    m_skipPreview.assign(m_buffer, m_pos, std::min(kPreviewBytes, m_buffer.size() - m_pos));
    m_openQuote = npos;
    if (skipTail(out))
        return Result::Record;
    return m_finished ? Result::End : Result::NeedMore;
}

bool Tokenizer::skipTail(CsvRecord &out)
{
    // Consumes bytes of an over-long record, following quotes, until its line end.
    const char *b = m_buffer.data();
    const size_t n = m_buffer.size();
    size_t p = m_pos;
    bool done = false;
    if (m_skipPendingCr) {
        // The record ended with CR at the end of the previous chunk: swallow a following LF.
        if (p < n && b[p] == '\n')
            ++p;
        m_skipPendingCr = false;
        done = true;
    }
    while (!done && p < n) {
        const char c = b[p];
        if (m_skipPendingQuote) {
            m_skipPendingQuote = false;
            if (c == '"') {
                ++p; // doubled quote inside quotes
                continue;
            }
            m_skipInQuotes = false;
        }
        if (m_skipInQuotes) {
            if (c == '"')
                m_skipPendingQuote = true;
            else if (c == '\n' || (c == '\r' && !(p + 1 < n && b[p + 1] == '\n')))
                ++m_line;
            ++p;
            continue;
        }
        if (c == '"') {
            m_skipInQuotes = true;
            ++p;
            continue;
        }
        if (c == '\n') {
            ++p;
            done = true;
        } else if (c == '\r') {
            ++p;
            if (p < n) {
                if (b[p] == '\n')
                    ++p;
                done = true;
            } else {
                m_skipPendingCr = true;
                break;
            }
        } else {
            ++p;
        }
    }
    advance(p);
    if (!done && !(m_finished && p >= n))
        return false;
    if (m_skipPendingCr)
        m_skipPendingCr = false;
    m_skipping = false;
    out.fields.clear();
    out.raw = std::string_view(m_skipPreview);
    out.line = m_skipLine;
    out.offset = m_skipOffset;
    out.issue = RecordIssue::TooLong;
    ++m_line;
    return true;
}

} // namespace insighta::csv
