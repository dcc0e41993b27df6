#pragma once

#include "core/common/Result.h"
#include "core/importer/ImportTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace insighta {

struct PreviewRequest
{
    QString filePath;
    CsvOverrides overrides;
    int maxRecords = 100;
    int maxCellChars = 200; // longer cells are cut and end with "…"
    // The preview shows (and offers a mapping for) this many columns; the mapping of the rest
    // stays as proposed. The profile has ten fields, and a header of a million commas must not
    // make a million combo boxes.
    int maxColumns = 64;
};

struct PreviewRecord
{
    qint64 line = 0;
    qint64 record = 0;
    QStringList cells; // truncated for display, at most maxColumns
    qsizetype width = 0; // cells in the record, shown or not
    // Per-cell problems from the same RowValidator the import uses (column -1 = the whole
    // record: wrong column count, unclosed quote, undecodable text, duplicate in file).
    QList<CellProblem> problems;
};

struct ImportPreview
{
    QString filePath;
    qint64 fileSize = 0;
    csv::TextEncoding encoding = csv::TextEncoding::Utf8; // as used (sniffed or overridden)
    char delimiter = ','; // as used
    QStringList header;
    HeaderMapping mapping; // as used (proposed by mapHeader or the override)
    QStringList missingRequired; // canonical field names; non-empty = the import would refuse the file
    QList<PreviewRecord> records; // up to maxRecords data records, cells up to maxColumns
    bool endOfFile = false; // the whole file fit in the preview
    int maxColumns = 0; // as requested: header and mapping are complete, the cells are not
    // Columns beyond maxColumns in the header or in any previewed record.
    int hiddenColumns() const;
};

// Reads the header and the first records of a file, blocking; cheap enough for a worker thread
// on every override change. Errors: cannot open, empty file, not a text CSV file.
Result<ImportPreview> previewImport(const PreviewRequest &request);

} // namespace insighta
