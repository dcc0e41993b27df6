#include "ui/pages/ImportPage.h"

#include "ui/Workspace.h"
#include "ui/pages/PageShell.h"

#include <QVBoxLayout>

namespace insighta {

ImportPage::ImportPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("importPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Import"),
                                     tr("Drop CSV files of profiles here to validate them or load them "
                                        "into the database, with a report of every skipped row."),
                                     this));
    layout->addWidget(new ComingSoonPanel({tr("Drag and drop CSV files, with a preview and column mapping"),
                                           tr("Validate only (offline) or import, with progress and cancel"),
                                           tr("Skip report: which rows were skipped and why, saved as CSV or JSON"),
                                           tr("Import history")},
                                          this),
                      1);
}

} // namespace insighta
