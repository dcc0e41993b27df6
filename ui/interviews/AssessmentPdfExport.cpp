#include "ui/interviews/AssessmentPdfExport.h"

#include "core/interviews/ReportPdf.h"
#include "ui/Dialogs.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QStandardPaths>
#include <QtConcurrent>

namespace insighta {

QString assessmentPdfFileName(const QString &candidateName)
{
    QString part;
    for (const QChar c : candidateName)
        part += (c.isPrint() && !QStringLiteral("/\\:*?\"<>|").contains(c)) ? c : QLatin1Char('_');
    part = part.left(120).trimmed();
    return QStringLiteral("Assessment - %1.pdf").arg(part.isEmpty() ? QStringLiteral("candidate") : part);
}

QString askAssessmentPdfPath(QWidget *parent, const QString &candidateName)
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
        + assessmentPdfFileName(candidateName);
    return Dialogs::saveFileName(parent, QCoreApplication::translate("InterviewsPage", "Export assessment as PDF"),
                                 suggested, QCoreApplication::translate("InterviewsPage", "PDF documents (*.pdf)"));
}

void exportAssessmentPdf(QObject *context, const QString &path, const InterviewDetail &detail,
                         const Assessment &assessment, std::function<void(const QString &error)> done)
{
    auto *watcher = new QFutureWatcher<QString>(context);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, context, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([path, detail, assessment] { return writeAssessmentPdf(path, detail, assessment).error(); }));
}

} // namespace insighta
