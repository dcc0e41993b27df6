// The RFC 4180 tokenizer on arbitrary bytes: the first byte picks the delimiter and how the input
// is cut into feed() calls (records split across reads are the hard case), then every record is
// drained. Checks what must hold for any input: views stay inside the tokenizer's buffer,
// positions never go backwards, and the stream ends.
#include "core/csv/Tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using insighta::csv::CsvRecord;
    using insighta::csv::Tokenizer;
    if (size == 0)
        return 0;
    const char delimiters[] = {',', ';', '\t', '|'};
    const char delimiter = delimiters[data[0] & 3];
    const size_t chunk = size_t(1 + (data[0] >> 2)); // 1..64 bytes per feed()
    ++data;
    --size;

    Tokenizer tokenizer(delimiter);
    CsvRecord record;
    qint64 lastLine = 0;
    size_t fed = 0;
    auto drain = [&] {
        for (;;) {
            const Tokenizer::Result result = tokenizer.next(record);
            if (result != Tokenizer::Result::Record)
                return result;
            if (record.line < lastLine)
                std::abort(); // lines only move forward
            lastLine = record.line;
            size_t bytes = 0;
            for (const std::string_view field : record.fields)
                bytes += field.size();
            if (bytes > fed)
                std::abort(); // fields are made of fed bytes (quotes only removed)
        }
    };
    while (fed < size) {
        const size_t n = std::min(chunk, size - fed);
        tokenizer.feed(reinterpret_cast<const char *>(data + fed), qsizetype(n));
        fed += n;
        drain();
        if (tokenizer.pendingBytes() > 4096) {
            tokenizer.overflow(record); // what the reader does at its record size limit
            drain();
        }
    }
    tokenizer.finish();
    if (drain() != Tokenizer::Result::End)
        std::abort(); // after finish() the stream ends
    return 0;
}
