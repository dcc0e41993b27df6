#pragma once

#include <QString>

#include <optional>
#include <string>

namespace insighta {

// Profile ids written by an import are UUID v7 whose random bits carry a 42-bit tag of the
// import and the 32-bit line number of the row. The unique name key already tells that a name
// exists; the id of the existing row then tells whether *this* import wrote it, and from which
// line, so a duplicate that spans two batches is reported as duplicate_in_file naming the line
// of the first occurrence, with no per-row memory kept across batches (memory stays flat).
quint64 importTagFor(const QString &importId);
void formatImportRowId(qint64 unixMillis, quint64 tag, qint64 line, std::string &out);
// The line encoded in `id` when it carries `tag`; nullopt for ids of other imports or sources.
std::optional<qint64> importLineFromId(const QString &id, quint64 tag);

} // namespace insighta
