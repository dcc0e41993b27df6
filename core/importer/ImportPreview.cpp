#include "core/importer/ImportPreview.h"

#include "core/csv/CsvReader.h"

#include <QHash>

namespace insighta {

namespace {

QString cut(std::string_view cell, int maxChars)
{
    QString text = QString::fromUtf8(cell.data(), qsizetype(std::min<size_t>(cell.size(), size_t(maxChars) * 4)));
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

} // namespace

int ImportPreview::hiddenColumns() const
{
    qsizetype widest = header.size();
    for (const PreviewRecord &record : records)
        widest = std::max(widest, record.width);
    return int(std::max<qsizetype>(0, widest - maxColumns));
}

Result<ImportPreview> previewImport(const PreviewRequest &request)
{
    csv::CsvReaderOptions options;
    options.encoding = request.overrides.encoding;
    options.delimiter = request.overrides.delimiter;
    csv::CsvReader reader(request.filePath, options);
    if (const Status opened = reader.open(); !opened.ok())
        return Error{opened.error()};

    ImportPreview preview;
    preview.filePath = request.filePath;
    preview.fileSize = reader.fileSize();
    preview.encoding = reader.encoding();
    preview.delimiter = reader.delimiter();
    preview.maxColumns = request.maxColumns;

    csv::CsvRecord record;
    if (!reader.next(record))
        return Error{reader.error().isEmpty() ? QStringLiteral("the file is empty") : reader.error()};
    for (const std::string_view cell : record.fields)
        preview.header << QString::fromUtf8(cell.data(), qsizetype(cell.size())).trimmed();
    preview.mapping = request.overrides.mapping && request.overrides.mapping->columns.size() == preview.header.size()
        ? *request.overrides.mapping
        : mapHeader(preview.header);
    preview.missingRequired = preview.mapping.missingRequired();

    const RowValidator validator(preview.mapping);
    QHash<QString, qint64> firstLineByKey;
    NormalizedRow row;
    std::array<qint64, kWarningKindCount> warnings{};
    CellProblem first;
    while (preview.records.size() < request.maxRecords) {
        if (!reader.next(record)) {
            preview.endOfFile = reader.error().isEmpty();
            break;
        }
        PreviewRecord out;
        out.line = record.line;
        out.record = record.record;
        if (record.issue != csv::RecordIssue::None) {
            out.cells << cut(record.raw, request.maxCellChars);
            out.width = 1;
            const RejectReason reason = record.issue == csv::RecordIssue::UnclosedQuote ? RejectReason::UnclosedQuote
                : record.issue == csv::RecordIssue::TooLong                             ? RejectReason::FieldTooLong
                                                                                        : RejectReason::UndecodableText;
            const QString message = reason == RejectReason::UnclosedQuote
                ? QStringLiteral("a quote opened on line %1 is never closed").arg(record.line)
                : reason == RejectReason::FieldTooLong ? QStringLiteral("the record is too long")
                                                       : QStringLiteral("the record is not valid text");
            out.problems << CellProblem{-1, reason, message};
            preview.records << out;
            continue;
        }
        out.width = qsizetype(record.fields.size());
        for (const std::string_view cell : record.fields) {
            if (out.cells.size() >= request.maxColumns)
                break;
            out.cells << cut(cell, request.maxCellChars);
        }
        if (preview.missingRequired.isEmpty()) {
            out.problems = validator.problems(record.fields);
            if (out.problems.isEmpty() && validator.validate(record.fields, row, warnings, first)) {
                const QString key = QString::fromStdString(row.nameKey);
                const auto it = firstLineByKey.constFind(key);
                if (it != firstLineByKey.cend())
                    out.problems << CellProblem{preview.mapping.columnOf(ProfileField::Name),
                                                RejectReason::DuplicateInFile,
                                                QStringLiteral("the name already appears on line %1").arg(*it)};
                else
                    firstLineByKey.insert(key, record.line);
            }
        }
        preview.records << out;
    }
    return preview;
}

} // namespace insighta
