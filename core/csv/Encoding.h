#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace insighta::csv {

// The text encodings a profile CSV may come in. The reader decodes every one of them to UTF-8
// before tokenizing, so everything downstream works on UTF-8 bytes.
enum class TextEncoding { Auto, Utf8, Utf8Bom, Utf16Le, Utf16Be, Latin1, Windows1252 };

// The names the JSON report uses: "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "latin-1",
// "windows-1252" ("auto" for Auto).
QString encodingName(TextEncoding encoding);
// Accepts the names above and common spellings ("UTF8", "iso-8859-1", "cp1252"); case-insensitive.
std::optional<TextEncoding> encodingFromName(QStringView name);

struct EncodingGuess
{
    TextEncoding encoding = TextEncoding::Utf8;
    int bomLength = 0; // bytes to skip at the start of the file
};

// Sniffs the encoding from the first bytes of a file (a few KiB is plenty):
// BOMs first; then UTF-16 recognised by its NUL-byte pattern; then UTF-8 when the bytes are
// valid UTF-8 (an incomplete sequence cut at the end of `head` is tolerated); otherwise
// Windows-1252 when bytes 0x80-0x9F appear (they are printable there), else Latin-1.
EncodingGuess sniffEncoding(QByteArrayView head);

// True when `bytes` is valid UTF-8. With allowTruncatedTail, an incomplete sequence at the very
// end counts as valid (the rest is in the next chunk).
bool isValidUtf8(QByteArrayView bytes, bool allowTruncatedTail = false);

// True when the decoded head of a file does not look like text: NUL bytes, or a high share of
// control characters other than tab, CR and LF. Such files are refused as "not a text CSV file".
bool looksBinary(QByteArrayView utf8Head);

} // namespace insighta::csv
