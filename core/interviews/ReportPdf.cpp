#include "core/interviews/ReportPdf.h"

#include "core/interviews/InterviewReports.h"

#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace insighta {

Status writeAssessmentPdf(const QString &path, const InterviewDetail &interview, const Assessment &assessment)
{
    // Through QSaveFile: the report replaces an existing file only once it was written whole, so
    // a failed export never leaves a truncated PDF in place of the person's file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QCoreApplication::translate("Reports", "Cannot write %1: %2").arg(path, file.errorString())};
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(
            QCoreApplication::translate("Reports", "Interview report: %1").arg(interview.summary.candidateName));
        writer.setCreator(QStringLiteral("Insighta Desk"));
        QTextDocument document;
        document.setHtml(reports::assessmentHtml(interview, assessment));
        document.print(&writer); // ends its painter, which writes the PDF's trailer
    }
    if (file.error() != QFileDevice::NoError || file.size() == 0) {
        file.cancelWriting();
        return Error{QCoreApplication::translate("Reports", "Cannot write %1: %2").arg(path, file.errorString())};
    }
    if (!file.commit())
        return Error{QCoreApplication::translate("Reports", "Cannot write %1: %2").arg(path, file.errorString())};
    return success();
}

} // namespace insighta
