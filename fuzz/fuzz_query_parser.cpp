// The plain-English search parser on arbitrary text (it reads the search box and `insighta
// search`): no crash, the same answer twice (it is documented as pure), examples exactly when it
// fails, and a canonical string for what it understood.
#include "core/profiles/QueryParser.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using insighta::ParsedQuery;
    using insighta::QueryParser;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ParsedQuery first = QueryParser::parse(text);
    const ParsedQuery second = QueryParser::parse(text);
    if (!(first.filter == second.filter) || first.error != second.error || first.unrecognised != second.unrecognised)
        std::abort(); // pure: the same query, the same answer
    if (first.ok() != first.examples.isEmpty())
        std::abort(); // examples exactly when it failed
    if (first.ok())
        (void)first.filter.canonical();
    return 0;
}
