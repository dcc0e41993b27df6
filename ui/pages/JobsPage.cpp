#include "ui/pages/JobsPage.h"

#include "ui/Workspace.h"
#include "ui/pages/PageShell.h"

#include <QVBoxLayout>

namespace insighta {

JobsPage::JobsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("jobsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Jobs"),
                                     tr("Background work — imports, assessments, emails, exports — "
                                        "with retries, and anything that failed for good."),
                                     this));
    layout->addWidget(
        new ComingSoonPanel({tr("A live table of queued, running and finished jobs"),
                             tr("Attempt history and errors for each job"), tr("Requeue, cancel or discard")},
                            this),
        1);
}

} // namespace insighta
