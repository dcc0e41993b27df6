#include "ui/pages/SearchPage.h"

#include "ui/Workspace.h"
#include "ui/pages/PageShell.h"

#include <QVBoxLayout>

namespace insighta {

SearchPage::SearchPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("searchPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Search"),
                                     tr("Find profiles by gender, age, country and probability, "
                                        "or just type what you want: \"young males from nigeria\"."),
                                     this));
    layout->addWidget(new ComingSoonPanel({tr("Filters panel and a plain-English query box"),
                                           tr("Results with exact counts and infinite scroll"),
                                           tr("Charts: age histogram, gender split, top countries"),
                                           tr("Export the current result to CSV")},
                                          this),
                      1);
}

} // namespace insighta
