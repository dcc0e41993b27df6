#include "core/importer/ImportTypes.h"

#include <QJsonArray>

namespace insighta {

namespace {

QJsonObject countsObject(const QMap<QString, qint64> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QMap<QString, qint64> countsMap(const QJsonObject &object)
{
    QMap<QString, qint64> map;
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toInteger());
    return map;
}

} // namespace

QString importStatusName(ImportStatus status)
{
    switch (status) {
    case ImportStatus::Completed:
        return QStringLiteral("completed");
    case ImportStatus::Cancelled:
        return QStringLiteral("cancelled");
    case ImportStatus::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

QJsonObject CsvOverrides::toJson() const
{
    QJsonObject object;
    if (encoding != csv::TextEncoding::Auto)
        object.insert(QStringLiteral("encoding"), csv::encodingName(encoding));
    if (delimiter != 0)
        object.insert(QStringLiteral("delimiter"), QString(QLatin1Char(delimiter)));
    if (mapping) {
        QJsonArray columns;
        for (const ProfileField field : mapping->columns)
            columns.append(field == ProfileField::Ignored ? QString() : profileFieldName(field));
        object.insert(QStringLiteral("mapping"), columns);
    }
    return object;
}

std::optional<CsvOverrides> CsvOverrides::fromJson(const QJsonObject &object)
{
    CsvOverrides overrides;
    if (object.contains(QStringLiteral("encoding"))) {
        const auto encoding = csv::encodingFromName(object.value(QStringLiteral("encoding")).toString());
        if (!encoding)
            return std::nullopt;
        overrides.encoding = *encoding;
    }
    if (object.contains(QStringLiteral("delimiter"))) {
        const QString delimiter = object.value(QStringLiteral("delimiter")).toString();
        if (delimiter.size() != 1 || !QStringLiteral(",;\t|").contains(delimiter))
            return std::nullopt;
        overrides.delimiter = char(delimiter.at(0).unicode());
    }
    if (object.contains(QStringLiteral("mapping"))) {
        HeaderMapping mapping;
        for (const QJsonValue value : object.value(QStringLiteral("mapping")).toArray()) {
            const QString name = value.toString();
            const ProfileField field = name.isEmpty() ? ProfileField::Ignored : profileFieldFromName(name);
            if (!name.isEmpty() && field == ProfileField::Ignored)
                return std::nullopt;
            mapping.columns.append(field);
        }
        overrides.mapping = mapping;
    }
    return overrides;
}

QJsonObject ImportCheckpoint::toJson() const
{
    QJsonObject object{
        {QStringLiteral("import_id"), importId},
        {QStringLiteral("byte_offset"), byteOffset},
        {QStringLiteral("line"), line},
        {QStringLiteral("record"), record},
        {QStringLiteral("rows_read"), counts.rowsRead},
        {QStringLiteral("rows_valid"), counts.rowsValid},
        {QStringLiteral("rows_loaded"), counts.rowsLoaded},
        {QStringLiteral("rows_skipped"), counts.rowsSkipped},
        {QStringLiteral("skipped_by_reason"), countsObject(counts.skippedByReason)},
        {QStringLiteral("warnings_by_kind"), countsObject(counts.warningsByKind)},
    };
    if (rejectsBytes >= 0) {
        object.insert(QStringLiteral("rejects_bytes"), rejectsBytes);
        object.insert(QStringLiteral("rejects_file"), rejectsFile);
    }
    return object;
}

std::optional<ImportCheckpoint> ImportCheckpoint::fromJson(const QJsonObject &o)
{
    if (!o.contains(QStringLiteral("byte_offset")) || !o.contains(QStringLiteral("line")))
        return std::nullopt;
    ImportCheckpoint c;
    c.importId = o.value(QStringLiteral("import_id")).toString();
    c.byteOffset = o.value(QStringLiteral("byte_offset")).toInteger();
    c.line = o.value(QStringLiteral("line")).toInteger();
    c.record = o.value(QStringLiteral("record")).toInteger();
    c.counts.rowsRead = o.value(QStringLiteral("rows_read")).toInteger();
    c.counts.rowsValid = o.value(QStringLiteral("rows_valid")).toInteger();
    c.counts.rowsLoaded = o.value(QStringLiteral("rows_loaded")).toInteger();
    c.counts.rowsSkipped = o.value(QStringLiteral("rows_skipped")).toInteger();
    c.counts.skippedByReason = countsMap(o.value(QStringLiteral("skipped_by_reason")).toObject());
    c.counts.warningsByKind = countsMap(o.value(QStringLiteral("warnings_by_kind")).toObject());
    c.rejectsBytes = o.value(QStringLiteral("rejects_bytes")).toInteger(-1);
    c.rejectsFile = o.value(QStringLiteral("rejects_file")).toString();
    if (c.byteOffset < 0 || c.line < 1 || c.record < 0)
        return std::nullopt;
    return c;
}

QJsonObject ImportReport::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), file);
    o.insert(QStringLiteral("status"), importStatusName(status));
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    o.insert(QStringLiteral("encoding"), encoding);
    o.insert(QStringLiteral("delimiter"), delimiter);
    o.insert(QStringLiteral("rows_read"), counts.rowsRead);
    o.insert(QStringLiteral("rows_valid"), counts.rowsValid);
    if (!validateOnly)
        o.insert(QStringLiteral("rows_loaded"), counts.rowsLoaded);
    o.insert(QStringLiteral("rows_skipped"), counts.rowsSkipped);
    o.insert(QStringLiteral("skipped_by_reason"), countsObject(counts.skippedByReason));
    o.insert(QStringLiteral("warnings_by_kind"), countsObject(counts.warningsByKind));
    QJsonArray list;
    for (const RejectedRecord &r : rejects) {
        list.append(QJsonObject{
            {QStringLiteral("line"), r.line},
            {QStringLiteral("record"), r.record},
            {QStringLiteral("reason"), QLatin1String(rejectReasonCode(r.reason))},
            {QStringLiteral("message"), r.message},
            {QStringLiteral("raw"), r.raw},
        });
    }
    o.insert(QStringLiteral("rejects"), list);
    if (!validateOnly) {
        if (!importId.isEmpty())
            o.insert(QStringLiteral("import_id"), importId);
        o.insert(QStringLiteral("previous_imports"), previousImports);
        if (stoppedAt)
            o.insert(QStringLiteral("stopped_at"), stoppedAt->toJson());
        if (resumedFromLine)
            o.insert(QStringLiteral("resumed_from_line"), *resumedFromLine);
    }
    return o;
}

int ImportReport::exitCode() const
{
    if (status == ImportStatus::Failed) {
        if (failure == ImportFailure::Database)
            return 3;
        return 2;
    }
    // A database that refused batches is a database failure even though the run finished.
    if (counts.skippedByReason.value(QStringLiteral("not_loaded")) > 0)
        return 3;
    return counts.rowsSkipped > 0 ? 1 : 0;
}

} // namespace insighta
