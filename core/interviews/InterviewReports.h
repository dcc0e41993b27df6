#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QJsonObject>

namespace insighta::reports {

// Rich text shared by the PDF export and the report email: one self-contained HTML page
// (Qt's rich-text subset) with the candidate, the summary, the scorecard with evidence and the
// time of the turn each quote comes from, strengths, concerns and the recommendation.
QString assessmentHtml(const InterviewDetail &interview, const Assessment &assessment);
// The same report as plain text (the email's text part).
QString assessmentText(const InterviewDetail &interview, const Assessment &assessment);

struct EmailDraft
{
    QString kind; // invitation, report
    QStringList to;
    QString subject;
    QJsonObject payload; // the Resend request body: from, to, subject, html, text, tags
};

QString defaultSender();

EmailDraft invitation(const InterviewSummary &interview, const QString &message, const QString &from = defaultSender());
EmailDraft reportShare(const InterviewDetail &interview, const Assessment &assessment, const QString &hiringManager,
                       const QString &note, const QString &from = defaultSender());

} // namespace insighta::reports
