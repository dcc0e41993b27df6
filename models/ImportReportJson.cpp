#include "models/ImportReportJson.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>

namespace insighta {

namespace {

QMap<QString, qint64> countsFrom(const QJsonValue &value)
{
    QMap<QString, qint64> counts;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        counts.insert(it.key(), it.value().toInteger());
    return counts;
}

} // namespace

ImportReport importReportFromJson(const QJsonObject &object)
{
    ImportReport report;
    report.file = object.value(QLatin1String("file")).toString();
    const QString status = object.value(QLatin1String("status")).toString();
    report.status = status == QLatin1String("cancelled") ? ImportStatus::Cancelled
        : status == QLatin1String("failed")              ? ImportStatus::Failed
                                                         : ImportStatus::Completed;
    report.error = object.value(QLatin1String("error")).toString();
    report.encoding = object.value(QLatin1String("encoding")).toString();
    report.delimiter = object.value(QLatin1String("delimiter")).toString();
    report.counts.rowsRead = object.value(QLatin1String("rows_read")).toInteger();
    report.counts.rowsValid = object.value(QLatin1String("rows_valid")).toInteger();
    report.counts.rowsLoaded = object.value(QLatin1String("rows_loaded")).toInteger();
    report.counts.rowsSkipped = object.value(QLatin1String("rows_skipped")).toInteger();
    report.counts.skippedByReason = countsFrom(object.value(QLatin1String("skipped_by_reason")));
    report.counts.warningsByKind = countsFrom(object.value(QLatin1String("warnings_by_kind")));
    report.validateOnly
        = !object.contains(QLatin1String("rows_loaded")) && !object.contains(QLatin1String("import_id"));
    report.importId = object.value(QLatin1String("import_id")).toString();
    report.previousImports = object.value(QLatin1String("previous_imports")).toInteger();
    if (object.value(QLatin1String("stopped_at")).isObject()) {
        report.stoppedAt = ImportCheckpoint::fromJson(object.value(QLatin1String("stopped_at")).toObject());
        if (report.stoppedAt)
            report.bytesCommitted = report.stoppedAt->byteOffset;
    }
    const QJsonArray rejects = object.value(QLatin1String("rejects")).toArray();
    for (const QJsonValue value : rejects) {
        const QJsonObject item = value.toObject();
        const auto reason = rejectReasonFromCode(item.value(QLatin1String("reason")).toString());
        if (!reason)
            continue;
        RejectedRecord record;
        record.line = item.value(QLatin1String("line")).toInteger();
        record.record = item.value(QLatin1String("record")).toInteger();
        record.reason = *reason;
        record.message = item.value(QLatin1String("message")).toString();
        record.raw = item.value(QLatin1String("raw")).toString();
        report.rejects.append(record);
    }
    return report;
}

QString importReportSummary(const ImportReport &report)
{
    const QLocale locale;
    const qint64 good = report.validateOnly ? report.counts.rowsValid : report.counts.rowsLoaded;
    const QString verb = report.validateOnly ? QCoreApplication::translate("ImportReport", "valid")
                                             : QCoreApplication::translate("ImportReport", "loaded");
    QString text = QCoreApplication::translate("ImportReport", "%1: %2 %3, %4 skipped")
                       .arg(QFileInfo(report.file).fileName(), locale.toString(good), verb,
                            locale.toString(report.counts.rowsSkipped));
    switch (report.status) {
    case ImportStatus::Completed:
        break;
    case ImportStatus::Cancelled:
        text += QCoreApplication::translate("ImportReport", " — cancelled");
        if (report.stoppedAt)
            text += QCoreApplication::translate("ImportReport", " at line %1")
                        .arg(locale.toString(report.stoppedAt->line));
        break;
    case ImportStatus::Failed:
        text += QCoreApplication::translate("ImportReport", " — failed: %1").arg(report.error);
        break;
    }
    return text;
}

} // namespace insighta
