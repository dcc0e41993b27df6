#pragma once

#include "core/interviews/InterviewTypes.h"

#include <functional>

class QObject;
class QWidget;

namespace insighta {

// "Assessment - <candidate>.pdf". The name comes from the database, so a slash or backslash in it never
// steers the path to another folder: it, control characters and the characters Windows reserves
// become "_".
QString assessmentPdfFileName(const QString &candidateName);

// Asks where to save an assessment as PDF, suggesting "Assessment - <candidate>.pdf" in
// Documents. Empty when the person cancels.
QString askAssessmentPdfPath(QWidget *parent, const QString &candidateName);

// Writes the PDF on a pool thread, never the UI thread; `done(error)` runs in `context`'s thread
// with an empty error on success.
void exportAssessmentPdf(QObject *context, const QString &path, const InterviewDetail &detail,
                         const Assessment &assessment, std::function<void(const QString &error)> done);

} // namespace insighta
