#include "core/importer/ImportSummary.h"

#include "core/common/UntrustedText.h"

namespace insighta {

QString importSummaryText(const ImportReport &report, int maxRejectLines)
{
    QString text;
    const QString delimiter = report.delimiter == QLatin1String("\t")
        ? QStringLiteral("tab")
        : QLatin1Char('\'') + report.delimiter + QLatin1Char('\'');
    if (report.status == ImportStatus::Failed && report.counts.rowsRead == 0) {
        text += QStringLiteral("%1: %2\n").arg(printable(report.file), printable(report.error));
        return text;
    }
    text += QStringLiteral("%1: %2 (%3, delimiter %4)\n")
                .arg(report.file, importStatusName(report.status), report.encoding, delimiter);
    if (report.counts.rowsRead == 0 && report.status == ImportStatus::Completed)
        text += QStringLiteral("  The file has a header but no data rows.\n");
    if (report.resumedFromLine)
        text += QStringLiteral("  Resumed from line %1; the counts cover the whole file.\n")
                    .arg(*report.resumedFromLine);
    text += QStringLiteral("  rows read: %1, valid: %2").arg(report.counts.rowsRead).arg(report.counts.rowsValid);
    if (!report.validateOnly)
        text += QStringLiteral(", loaded: %1").arg(report.counts.rowsLoaded);
    text += QStringLiteral(", skipped: %1\n").arg(report.counts.rowsSkipped);
    for (auto it = report.counts.skippedByReason.cbegin(); it != report.counts.skippedByReason.cend(); ++it)
        text += QStringLiteral("    %1: %2\n").arg(it.key()).arg(it.value());
    for (auto it = report.counts.warningsByKind.cbegin(); it != report.counts.warningsByKind.cend(); ++it)
        text += QStringLiteral("  warning %1: %2\n").arg(it.key()).arg(it.value());
    const int shown = int(qMin<qsizetype>(report.rejects.size(), maxRejectLines));
    for (int i = 0; i < shown; ++i) {
        const RejectedRecord &r = report.rejects.at(i);
        // The message may come from a shared database's report: made printable here too.
        text += QStringLiteral("  line %1: %2: %3\n")
                    .arg(QString::number(r.line), QLatin1String(rejectReasonCode(r.reason)), printable(r.message));
    }
    if (report.counts.rowsSkipped > shown)
        text += QStringLiteral("  ... %1 more skipped rows (use --rejects FILE.csv to get them all)\n")
                    .arg(report.counts.rowsSkipped - shown);
    if (!report.validateOnly && report.previousImports > 0)
        text += QStringLiteral("  This file was imported %1 time(s) before; rows already there were skipped.\n")
                    .arg(report.previousImports);
    if (report.status == ImportStatus::Cancelled && report.stoppedAt)
        text += QStringLiteral("  Stopped at line %1 (byte %2) with %3 rows committed.\n")
                    .arg(report.stoppedAt->line)
                    .arg(report.stoppedAt->byteOffset)
                    .arg(report.counts.rowsLoaded);
    if (report.status == ImportStatus::Failed)
        text += QStringLiteral("  Failed: %1\n").arg(report.error);
    return text;
}

} // namespace insighta
