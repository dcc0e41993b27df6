// The database URL parser on arbitrary text (it reads --database and INSIGHTA_DATABASE_URL):
// no crash, a password never survives into the parsed URL or its text, a refused URL's message
// never quotes a password, and what parses prints to a URL that parses to the same value.
#include "core/db/DatabaseUrl.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using insighta::DatabaseUrl;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = DatabaseUrl::parse(text);
    if (!parsed.ok()) {
        // A password in the input is redacted in every message about it.
        const QString marker = QStringLiteral("s3cretPW");
        // (Only when the marker appears once, as a password: elsewhere it is just text.)
        if (text.count(marker) == 1 && text.contains(QStringLiteral(":") + marker + QStringLiteral("@"))
            && parsed.error().contains(marker))
            std::abort();
        return 0;
    }
    const DatabaseUrl &url = parsed.value();
    const QString printed = url.toString();
    const auto again = DatabaseUrl::parse(printed);
    if (!again.ok() || !(again.value() == url)) {
        std::fprintf(stderr, "printed as %s, which %s\n", qPrintable(printed),
                     again.ok() ? qPrintable(QStringLiteral("parses to ") + again.value().toString())
                                : qPrintable(again.error()));
        std::abort(); // toString() and parse() agree
    }
    (void)url.qtConnectOptions();
    (void)url.displayName();
    (void)url.tlsWarning();
    return 0;
}
