#pragma once

#include "core/common/Result.h"
#include "core/interviews/InterviewTypes.h"

namespace insighta {

// Writes an assessment report as an A4 PDF (QTextDocument printed through QPdfWriter). Pure
// rendering to a file; call it off the UI thread for large reports.
Status writeAssessmentPdf(const QString &path, const InterviewDetail &interview, const Assessment &assessment);

} // namespace insighta
