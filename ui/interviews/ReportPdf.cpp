#include "ui/interviews/ReportPdf.h"

#include "core/interviews/InterviewReports.h"

#include <QCoreApplication>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace insighta {

Status writeAssessmentPdf(const QString &path, const InterviewDetail &interview, const Assessment &assessment)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(
        QCoreApplication::translate("Reports", "Interview report: %1").arg(interview.summary.candidateName));
    writer.setCreator(QStringLiteral("Insighta Desk"));
    QTextDocument document;
    document.setHtml(reports::assessmentHtml(interview, assessment));
    document.print(&writer);
    // QPdfWriter reports no errors; an unwritable path leaves no (or an empty) file.
    if (QFile(path).size() == 0)
        return Error{QCoreApplication::translate("Reports", "Cannot write %1.").arg(path)};
    return success();
}

} // namespace insighta
