// Encoding and delimiter sniffing and the binary check on a file's first bytes: any input gives
// an answer (no crash, no read past the end), a byte-order mark is never longer than the input,
// and the delimiter is one of the three the reader supports.
#include "core/csv/Encoding.h"
#include "core/csv/Sniffing.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace insighta::csv;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const EncodingGuess guess = sniffEncoding(bytes);
    if (guess.bomLength < 0 || size_t(guess.bomLength) > size)
        std::abort();
    (void)isValidUtf8(bytes, true);
    (void)looksBinary(bytes);
    const char delimiter = sniffDelimiter(std::string_view(bytes.data(), size_t(bytes.size())));
    if (delimiter != ',' && delimiter != ';' && delimiter != '\t')
        std::abort();
    return 0;
}
