#include "core/csv/CsvReader.h"

#include "core/csv/Sniffing.h"

#include <cstring>
#include <memory>

namespace insighta::csv {

namespace {

constexpr qsizetype kSniffBytes = 64 * 1024;

// The reader skips the file's own byte order mark itself (open() seeks past it), so a decoder
// must keep every U+FEFF it sees. Qt's default drops one at the start of its input, and a decoder
// restarted at a resume point would then silently lose a record's first character that a straight
// read keeps (found by fuzz_csv_reader).
std::unique_ptr<QStringDecoder> utf16Decoder(TextEncoding encoding)
{
    if (encoding != TextEncoding::Utf16Le && encoding != TextEncoding::Utf16Be)
        return nullptr;
    return std::make_unique<QStringDecoder>(encoding == TextEncoding::Utf16Le ? QStringDecoder::Utf16LE
                                                                              : QStringDecoder::Utf16BE,
                                            QStringConverter::Flag::ConvertInitialBom);
}

// Windows-1252 bytes 0x80-0x9F; the five undefined ones map to the C1 controls, as browsers do.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

void singleByteToUtf8(const char *data, qsizetype size, bool cp1252, std::string &out)
{
    out.clear();
    out.reserve(size_t(size) * 2);
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x80)
            out.push_back(char(c));
        else if (cp1252 && c < 0xA0)
            appendUtf8(out, kCp1252High[c - 0x80]);
        else
            appendUtf8(out, c);
    }
}

int bomLengthFor(TextEncoding encoding, QByteArrayView head)
{
    const auto *s = reinterpret_cast<const unsigned char *>(head.data());
    switch (encoding) {
    case TextEncoding::Utf8:
    case TextEncoding::Utf8Bom:
        return head.size() >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    case TextEncoding::Utf16Le:
        return head.size() >= 2 && s[0] == 0xFF && s[1] == 0xFE ? 2 : 0;
    case TextEncoding::Utf16Be:
        return head.size() >= 2 && s[0] == 0xFE && s[1] == 0xFF ? 2 : 0;
    default:
        return 0;
    }
}

} // namespace

CsvReader::CsvReader(QString path, CsvReaderOptions options)
    : m_path(std::move(path))
    , m_options(options)
    , m_file(m_path)
{
}

CsvReader::~CsvReader() = default;

Status CsvReader::open()
{
    if (!m_file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot open %1: %2").arg(m_path, m_file.errorString())};
    m_fileSize = m_file.size();
    if (m_fileSize == 0)
        return Error{QStringLiteral("the file is empty")};
    const QByteArray head = m_file.read(kSniffBytes);
    if (head.isEmpty())
        return Error{QStringLiteral("cannot read %1: %2").arg(m_path, m_file.errorString())};

    int bom = 0;
    if (m_options.encoding == TextEncoding::Auto) {
        const EncodingGuess guess = sniffEncoding(head);
        m_encoding = guess.encoding;
        bom = guess.bomLength;
    } else {
        m_encoding = m_options.encoding;
        bom = bomLengthFor(m_encoding, head);
        if (m_encoding == TextEncoding::Utf8 && bom == 3)
            m_encoding = TextEncoding::Utf8Bom;
    }

    // Decode the head to check that it is text and to sniff the delimiter.
    startDecoding();
    const QByteArrayView body = QByteArrayView(head).sliced(bom);
    std::string decodedHead;
    switch (m_encoding) {
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be: {
        const auto probe = utf16Decoder(m_encoding);
        decodedHead = QString(probe->decode(body)).toStdString();
        break;
    }
    case TextEncoding::Latin1:
    case TextEncoding::Windows1252:
        singleByteToUtf8(body.data(), body.size(), m_encoding == TextEncoding::Windows1252, decodedHead);
        break;
    default:
        decodedHead.assign(body.data(), size_t(body.size()));
        break;
    }
    if (looksBinary(QByteArrayView(decodedHead.data(), qsizetype(decodedHead.size()))))
        return Error{QStringLiteral("not a text CSV file")};

    const char delimiter = m_options.delimiter ? m_options.delimiter : sniffDelimiter(decodedHead);
    m_tokenizer.setDelimiter(delimiter);
    m_tokenizer.setRecordLimit(m_options.maxRecordBytes);
    switch (m_encoding) {
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be:
        m_tokenizer.setOffsetWeight(Tokenizer::OffsetWeight::Utf16);
        break;
    case TextEncoding::Latin1:
    case TextEncoding::Windows1252:
        m_tokenizer.setOffsetWeight(Tokenizer::OffsetWeight::SingleByte);
        break;
    default:
        m_tokenizer.setOffsetWeight(Tokenizer::OffsetWeight::Bytes);
        break;
    }
    m_tokenizer.reset(bom, 1);
    if (!m_file.seek(bom))
        return Error{QStringLiteral("cannot read %1: %2").arg(m_path, m_file.errorString())};
    m_fileOffset = bom;
    m_eof = false;
    m_chunk.resize(m_options.chunkSize);
    return success();
}

void CsvReader::startDecoding()
{
    m_utf16 = utf16Decoder(m_encoding);
}

Status CsvReader::seek(qint64 fileOffset, qint64 line, qint64 recordsBefore)
{
    if (fileOffset < 0 || fileOffset > m_fileSize || !m_file.seek(fileOffset))
        return Error{QStringLiteral("cannot resume %1 at byte %2").arg(m_path).arg(fileOffset)};
    startDecoding();
    m_tokenizer.reset(fileOffset, line);
    m_fileOffset = fileOffset;
    m_recordsRead = recordsBefore;
    m_headerSeen = true;
    m_eof = false;
    return success();
}

void CsvReader::feedDecoded(const char *data, qsizetype size, bool last)
{
    switch (m_encoding) {
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be: {
        QString text = m_utf16->decode(QByteArrayView(data, size));
        if (last && m_utf16->hasError())
            text += QChar::ReplacementCharacter;
        const QByteArray utf8 = text.toUtf8();
        m_tokenizer.feed(utf8.constData(), utf8.size());
        break;
    }
    case TextEncoding::Latin1:
    case TextEncoding::Windows1252:
        singleByteToUtf8(data, size, m_encoding == TextEncoding::Windows1252, m_decoded);
        m_tokenizer.feed(m_decoded.data(), qsizetype(m_decoded.size()));
        break;
    default:
        m_tokenizer.feed(data, size);
        break;
    }
}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    const qint64 got = m_file.read(m_chunk.data(), m_options.chunkSize);
    if (got < 0) {
        m_error = QStringLiteral("cannot read %1: %2").arg(m_path, m_file.errorString());
        return false;
    }
    m_fileOffset += got;
    if (got == 0) {
        m_eof = true;
        m_tokenizer.finish();
        return true;
    }
    feedDecoded(m_chunk.constData(), got, false);
    return true;
}

void CsvReader::checkDecoded(CsvRecord &record) const
{
    if (record.issue != RecordIssue::None)
        return;
    const std::string_view raw = record.raw;
    switch (m_encoding) {
    case TextEncoding::Utf8:
    case TextEncoding::Utf8Bom:
        if (!isValidUtf8(QByteArrayView(raw.data(), qsizetype(raw.size()))))
            record.issue = RecordIssue::Undecodable;
        break;
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be:
        if (raw.find("\xEF\xBF\xBD") != std::string_view::npos)
            record.issue = RecordIssue::Undecodable;
        break;
    default:
        break;
    }
}

bool CsvReader::next(CsvRecord &record)
{
    for (;;) {
        Tokenizer::Result result = m_tokenizer.next(record);
        if (result == Tokenizer::Result::NeedMore && m_tokenizer.pendingBytes() >= m_tokenizer.decisiveBytes())
            result = m_tokenizer.overflow(record);
        if (result == Tokenizer::Result::Record) {
            checkDecoded(record);
            if (!m_headerSeen) {
                m_headerSeen = true;
                record.record = 0;
            } else {
                record.record = ++m_recordsRead;
            }
            return true;
        }
        if (result == Tokenizer::Result::End)
            return false;
        if (!fill())
            return false;
    }
}

} // namespace insighta::csv
