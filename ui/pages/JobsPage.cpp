#include "ui/pages/JobsPage.h"

#include "models/JobsModel.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/jobs/JobDetailPane.h"
#include "ui/jobs/JobProgressDelegate.h"
#include "ui/pages/PageShell.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace insighta {

using jobs::JobState;

JobsPage::JobsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new JobsModel(this))
    , m_stateFilter(new QComboBox(this))
    , m_kindFilter(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new JobDetailPane(this))
{
    setObjectName(QStringLiteral("jobsPage"));
    buildFilters();
    buildTable();
    layOut();
    connectModel();
    connect(m_workspace, &Workspace::ready, this, &JobsPage::connectTo);
    if (m_workspace->state() == Workspace::State::Ready)
        connectTo();
    updateSummary();
}

void JobsPage::buildFilters()
{
    m_stateFilter->setObjectName(QStringLiteral("jobsStateFilter"));
    m_stateFilter->addItem(tr("All states"), QString());
    for (const JobState state : jobs::allJobStates())
        m_stateFilter->addItem(jobs::stateName(state), jobs::stateName(state));
    m_kindFilter->setObjectName(QStringLiteral("jobsKindFilter"));
    m_kindFilter->addItem(tr("All kinds"), QString());
    m_kindFilter->setMinimumContentsLength(14);
    m_summary->setObjectName(QStringLiteral("jobsSummary"));
    m_status->setObjectName(QStringLiteral("jobsStatus"));
    m_status->setWordWrap(true);
}

void JobsPage::buildTable()
{
    m_table->setObjectName(QStringLiteral("jobsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    // Narrow fixed columns so the last error (the column people come here for) stays visible.
    m_table->setColumnWidth(JobsModel::Id, 44);
    m_table->setColumnWidth(JobsModel::State, 74);
    m_table->setColumnWidth(JobsModel::Kind, 140);
    m_table->setColumnWidth(JobsModel::Priority, 54);
    m_table->setColumnWidth(JobsModel::Attempt, 60);
    m_table->setColumnWidth(JobsModel::NextRun, 110);
    m_table->setColumnWidth(JobsModel::Progress, 80);
    m_table->setItemDelegateForColumn(JobsModel::Progress, new JobProgressDelegate(m_table));
}

void JobsPage::layOut()
{
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("jobsRefreshButton"));
    connect(refresh, &QPushButton::clicked, m_model, &JobsModel::refresh);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("State:"), this));
    filters->addWidget(m_stateFilter);
    filters->addWidget(new QLabel(tr("Kind:"), this));
    filters->addWidget(m_kindFilter);
    filters->addSpacing(12);
    filters->addWidget(m_summary, 1);
    filters->addWidget(refresh);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("jobsSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({760, 340});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Jobs"),
                                     tr("Background work — imports, assessments, emails, exports — "
                                        "with retries, and anything that failed for good."),
                                     this));
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
}

void JobsPage::connectModel()
{
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setStateFilter(jobs::jobStateFromString(m_stateFilter->currentData().toString())); });
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setKindFilter(m_kindFilter->currentData().toString()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &JobsPage::updateDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPage::updateDetail);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobsPage::updateDetail);
    connect(m_model, &JobsModel::loaded, this, [this] {
        // Show something in the detail pane from the start: the newest job.
        if (!m_table->selectionModel()->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(0);
    });
    connect(m_model, &JobsModel::kindsChanged, this, &JobsPage::updateKinds);
    connect(m_model, &JobsModel::countsChanged, this, &JobsPage::updateSummary);
    connect(m_model, &JobsModel::liveChanged, this, &JobsPage::updateSummary);
    connect(m_model, &JobsModel::actionFinished, this, [this](bool ok, const QString &message) {
        m_status->setText(message);
        if (!ok)
            Dialogs::warning(this, tr("Jobs"), message);
    });
    connect(m_model, &JobsModel::failed, this, [this](const QString &message) { m_status->setText(message); });
    connect(m_detail, &JobDetailPane::requeueRequested, m_model, &JobsModel::requeue);
    connect(m_detail, &JobDetailPane::cancelRequested, m_model, &JobsModel::cancel);
    connect(m_detail, &JobDetailPane::discardRequested, this, &JobsPage::discard);
}

void JobsPage::setPollInterval(int ms)
{
    m_pollMs = ms;
    if (m_workspace->state() == Workspace::State::Ready)
        connectTo();
}

void JobsPage::connectTo()
{
    m_model->setDatabase(m_workspace->url(), m_pollMs);
}

void JobsPage::updateDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const jobs::JobRecord *job = current.isValid() ? m_model->job(current.row()) : nullptr;
    m_detail->showJob(job ? std::optional<jobs::JobRecord>(*job) : std::nullopt);
}

void JobsPage::updateKinds(const QStringList &kinds)
{
    const QString current = m_kindFilter->currentData().toString();
    QSignalBlocker block(m_kindFilter);
    m_kindFilter->clear();
    m_kindFilter->addItem(tr("All kinds"), QString());
    for (const QString &kind : kinds)
        m_kindFilter->addItem(kind, kind);
    // Keep the chosen kind even when no job of it exists right now.
    if (!current.isEmpty() && m_kindFilter->findData(current) < 0)
        m_kindFilter->addItem(current, current);
    m_kindFilter->setCurrentIndex(std::max(0, m_kindFilter->findData(current)));
}

void JobsPage::updateSummary()
{
    const QMap<QString, int> counts = m_model->counts();
    QStringList parts;
    for (const JobState state : jobs::allJobStates()) {
        const int count = counts.value(jobs::stateName(state));
        if (count > 0)
            parts << tr("%1 %2").arg(count).arg(jobs::stateName(state));
    }
    QString text = parts.isEmpty() ? tr("No jobs") : parts.join(QStringLiteral(" · "));
    text += m_model->isLive() ? tr("  (live)") : tr("  (refreshed every %1 s)").arg(m_pollMs / 1000.0);
    m_summary->setText(text);
}

void JobsPage::discard(qint64 id)
{
    if (Dialogs::question(this, tr("Discard job"),
                          tr("Discard job #%1 and its attempt history? This cannot be undone.").arg(id))
        != QMessageBox::Yes)
        return;
    m_model->discard(id);
}

} // namespace insighta
