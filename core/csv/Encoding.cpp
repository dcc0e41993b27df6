#include "core/csv/Encoding.h"

#include <cstring>

namespace insighta::csv {

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Auto:
        return QStringLiteral("auto");
    case TextEncoding::Utf8:
        return QStringLiteral("utf-8");
    case TextEncoding::Utf8Bom:
        return QStringLiteral("utf-8-bom");
    case TextEncoding::Utf16Le:
        return QStringLiteral("utf-16le");
    case TextEncoding::Utf16Be:
        return QStringLiteral("utf-16be");
    case TextEncoding::Latin1:
        return QStringLiteral("latin-1");
    case TextEncoding::Windows1252:
        return QStringLiteral("windows-1252");
    }
    return QStringLiteral("utf-8");
}

std::optional<TextEncoding> encodingFromName(QStringView name)
{
    QString key = name.trimmed().toString().toLower();
    key.remove(QLatin1Char('-')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    if (key == QLatin1String("auto") || key.isEmpty())
        return TextEncoding::Auto;
    if (key == QLatin1String("utf8"))
        return TextEncoding::Utf8;
    if (key == QLatin1String("utf8bom") || key == QLatin1String("utf8sig"))
        return TextEncoding::Utf8Bom;
    if (key == QLatin1String("utf16le") || key == QLatin1String("utf16"))
        return TextEncoding::Utf16Le;
    if (key == QLatin1String("utf16be"))
        return TextEncoding::Utf16Be;
    if (key == QLatin1String("latin1") || key == QLatin1String("iso88591") || key == QLatin1String("l1"))
        return TextEncoding::Latin1;
    if (key == QLatin1String("windows1252") || key == QLatin1String("cp1252") || key == QLatin1String("win1252"))
        return TextEncoding::Windows1252;
    return std::nullopt;
}

bool isValidUtf8(QByteArrayView bytes, bool allowTruncatedTail)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        if (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0;
            if (c == 0xED)
                high = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90;
            if (c == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= n)
                return allowTruncatedTail;
            const unsigned char d = s[i + k];
            if (k == 1 ? (d < low || d > high) : (d & 0xC0) != 0x80)
                return false;
        }
        i += length;
    }
    return true;
}

EncodingGuess sniffEncoding(QByteArrayView head)
{
    const auto *s = reinterpret_cast<const unsigned char *>(head.data());
    const qsizetype n = head.size();
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return {TextEncoding::Utf8Bom, 3};
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return {TextEncoding::Utf16Le, 2};
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return {TextEncoding::Utf16Be, 2};
    // UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte.
    const qsizetype sample = qMin<qsizetype>(n, 4096) & ~qsizetype(1);
    if (sample >= 4) {
        qsizetype evenNul = 0, oddNul = 0;
        for (qsizetype i = 0; i < sample; i += 2) {
            evenNul += s[i] == 0;
            oddNul += s[i + 1] == 0;
        }
        const qsizetype pairs = sample / 2;
        if (oddNul * 10 >= pairs * 3 && evenNul * 20 <= pairs)
            return {TextEncoding::Utf16Le, 0};
        if (evenNul * 10 >= pairs * 3 && oddNul * 20 <= pairs)
            return {TextEncoding::Utf16Be, 0};
    }
    if (isValidUtf8(head, true))
        return {TextEncoding::Utf8, 0};
    for (qsizetype i = 0; i < n; ++i) {
        if (s[i] >= 0x80 && s[i] <= 0x9F)
            return {TextEncoding::Windows1252, 0};
    }
    return {TextEncoding::Latin1, 0};
}

bool looksBinary(QByteArrayView utf8Head)
{
    const auto *s = reinterpret_cast<const unsigned char *>(utf8Head.data());
    const qsizetype n = utf8Head.size();
    if (n == 0)
        return false;
    qsizetype controls = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = s[i];
        if (c == 0)
            return true;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            ++controls;
        else if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            ++controls; // C1 controls (undefined Windows-1252 bytes decode to these)
        else if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBF && s[i + 2] == 0xBD)
            ++controls; // U+FFFD: bytes that did not decode
    }
    return controls * 100 > n; // more than 1% control characters: not text
}

} // namespace insighta::csv
