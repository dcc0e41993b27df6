#include "ui/pages/InterviewsPage.h"

#include "ui/Workspace.h"
#include "ui/pages/PageShell.h"

#include <QVBoxLayout>

namespace insighta {

InterviewsPage::InterviewsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("interviewsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Interviews"),
                                     tr("Review interview transcripts and AI assessments, ask "
                                        "questions about an interview, and email candidates."),
                                     this));
    layout->addWidget(new ComingSoonPanel({tr("Interview list with search and filters"),
                                           tr("Transcripts with speakers, times and find-in-transcript"),
                                           tr("AI assessments with scorecards and evidence"),
                                           tr("Ask the interview; email invitations and reports; PDF export")},
                                          this),
                      1);
}

} // namespace insighta
