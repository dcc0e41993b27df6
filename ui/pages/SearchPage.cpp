#include "ui/pages/SearchPage.h"

#include "core/db/Connection.h"
#include "core/db/ProfileExport.h"
#include "core/services/AppSettings.h"
#include "models/search/SearchResultsModel.h"
#include "models/search/SearchService.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/pages/PageShell.h"
#include "ui/search/FiltersPanel.h"
#include "ui/search/QueryBox.h"
#include "ui/search/SearchCharts.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace insighta {

namespace {

QString examplesHtml()
{
    QStringList items;
    for (const QString &example : QueryParser::exampleQueries())
        items << QStringLiteral("<li>%1</li>").arg(example.toHtmlEscaped());
    return QStringLiteral("<ul style=\"margin:0\">") + items.join(QString()) + QStringLiteral("</ul>");
}

// Reads go where the setting says: with "search on standbys" on and several servers in the
// URL, libpq prefers a hot standby (and takes the primary when none answers).
DatabaseUrl readUrl(const DatabaseUrl &url)
{
    return AppSettings::instance().value(AppSettings::Key::SearchOnStandbys).toBool() ? url.forReads() : url;
}

} // namespace

SearchPage::SearchPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_service(new SearchService(this))
    , m_model(new SearchResultsModel(m_service, this))
{
    setObjectName(QStringLiteral("searchPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Search"),
                                     tr("Find profiles by gender, age, country and probability, "
                                        "or just type what you want: \"young males from nigeria\"."),
                                     this));
    m_query = new QueryBox(this);
    layout->addWidget(m_query);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("searchSplitter"));
    QScrollArea *filtersScroll = buildFilters(splitter);
    QWidget *center = buildCenter(splitter);
    m_charts = new SearchCharts(splitter);
    m_charts->setMinimumWidth(280);
    splitter->addWidget(filtersScroll);
    splitter->addWidget(center);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({260, 760, 320});
    layout->addWidget(splitter, 1);

    connectActions();
    connectSearch();
    connectWorkspace(workspace);
}

QScrollArea *SearchPage::buildFilters(QSplitter *splitter)
{
    auto *filtersScroll = new QScrollArea(splitter);
    filtersScroll->setWidgetResizable(true);
    filtersScroll->setFrameShape(QFrame::NoFrame);
    m_filters = new FiltersPanel(filtersScroll);
    filtersScroll->setWidget(m_filters);
    filtersScroll->setMinimumWidth(240);
    return filtersScroll;
}

// The results: a bar with the count and the copy and export buttons, the table, the details.
QWidget *SearchPage::buildCenter(QSplitter *splitter)
{
    auto *center = new QWidget(splitter);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addLayout(buildResultsBar(center));

    auto *vertical = new QSplitter(Qt::Vertical, center);
    buildTable(vertical);
    m_details = new QTextBrowser(vertical);
    m_details->setObjectName(QStringLiteral("searchDetails"));
    m_details->setPlaceholderText(tr("Select a profile to see its details."));
    vertical->addWidget(m_table);
    vertical->addWidget(m_details);
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 1);
    centerLayout->addWidget(vertical, 1);
    return center;
}

QHBoxLayout *SearchPage::buildResultsBar(QWidget *center)
{
    auto *bar = new QHBoxLayout;
    m_count = new QLabel(center);
    m_count->setObjectName(QStringLiteral("searchCount"));
    QFont countFont = m_count->font();
    countFont.setBold(true);
    m_count->setFont(countFont);
    bar->addWidget(m_count);
    bar->addStretch();
    m_copy = new QPushButton(tr("Copy rows"), center);
    m_copy->setObjectName(QStringLiteral("searchCopy"));
    m_copy->setToolTip(tr("Copy the selected rows to the clipboard (Ctrl+C)"));
    m_export = new QPushButton(tr("Export to CSV…"), center);
    m_export->setObjectName(QStringLiteral("searchExport"));
    m_exportProgress = new QProgressBar(center);
    m_exportProgress->setObjectName(QStringLiteral("searchExportProgress"));
    m_exportProgress->setMaximumWidth(160);
    m_exportProgress->hide();
    m_cancelExport = new QPushButton(tr("Cancel export"), center);
    m_cancelExport->setObjectName(QStringLiteral("searchCancelExport"));
    m_cancelExport->hide();
    bar->addWidget(m_copy);
    bar->addWidget(m_export);
    bar->addWidget(m_exportProgress);
    bar->addWidget(m_cancelExport);
    return bar;
}

void SearchPage::buildTable(QSplitter *vertical)
{
    m_table = new QTableView(vertical);
    m_table->setObjectName(QStringLiteral("searchResults"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(SearchResultsModel::Created, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(SearchResultsModel::Name, 200);
    m_table->setColumnWidth(SearchResultsModel::Gender, 64);
    m_table->setColumnWidth(SearchResultsModel::Age, 44);
    m_table->setColumnWidth(SearchResultsModel::AgeGroupColumn, 76);
    m_table->setColumnWidth(SearchResultsModel::Country, 130);
    m_table->setColumnWidth(SearchResultsModel::GenderProbability, 76);
    m_table->setColumnWidth(SearchResultsModel::CountryProbability, 80);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
}

void SearchPage::connectActions()
{
    auto *copyAction = new QAction(tr("Copy"), m_table);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, &SearchPage::copySelection);
    connect(m_copy, &QPushButton::clicked, this, &SearchPage::copySelection);
    connect(m_export, &QPushButton::clicked, this, &SearchPage::startExport);
    connect(m_cancelExport, &QPushButton::clicked, this, [this] {
        if (m_exportCancel)
            m_exportCancel->store(true);
    });
}

void SearchPage::connectSearch()
{
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SearchPage::runSearch);
    // The form shows what the query set before the search starts, so both agree on screen.
    connect(m_query, &QueryBox::queryChanged, this, [this] { m_filters->setQueryFilter(queryFilter()); });
    connect(m_query, &QueryBox::queryChanged, this, &SearchPage::scheduleSearch);
    connect(m_filters, &FiltersPanel::changed, this, &SearchPage::scheduleSearch);

    connect(m_model, &SearchResultsModel::totalCountChanged, this, [this](qint64 total) {
        m_count->setText(total < 0 ? tr("Counting…")
                                   : (total == 1 ? tr("1 profile") : tr("%1 profiles").arg(QLocale().toString(total))));
    });
    connect(m_model, &SearchResultsModel::sortChanged, this, [this](int column, Qt::SortOrder order) {
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(column, order);
    });
    connect(m_service, &SearchService::aggregatesReady, m_charts, &SearchCharts::setData);
    connect(m_service, &SearchService::serverChanged, this, &SearchPage::searchServerChanged);
    connect(m_service, &SearchService::failed, this, [this](const QString &message) {
        m_query->showMessage(tr("<b>The search failed:</b> %1").arg(message.toHtmlEscaped()));
        m_count->setText(tr("No result"));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SearchPage::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SearchPage::showDetails);
}

void SearchPage::connectWorkspace(Workspace *workspace)
{
    connect(workspace, &Workspace::ready, this, [this](const DatabaseUrl &url) {
        m_service->setDatabase(readUrl(url));
        runSearch();
    });
    // An import (or the demo) changed the data: cached results are wrong now.
    connect(workspace, &Workspace::dataChanged, this, [this] {
        m_service->noteWrite(); // the refresh must see the new rows, even on a standby
        if (m_service->hasDatabase())
            runSearch();
    });
    if (workspace->state() == Workspace::State::Ready) {
        m_service->setDatabase(readUrl(workspace->url()));
        runSearch();
    }
}

SearchPage::~SearchPage()
{
    if (m_exportCancel)
        m_exportCancel->store(true);
}

ProfileFilter SearchPage::queryFilter() const
{
    return m_query->isEmpty() || !m_query->parsed().ok() ? ProfileFilter{} : m_query->parsed().filter;
}

ProfileFilter SearchPage::currentFilter() const
{
    ProfileFilter filter = queryFilter();
    // The panel refines the query: a key set in the panel wins over the query's.
    const ProfileFilter panel = m_filters->filter();
    if (panel.gender)
        filter.gender = panel.gender;
    if (panel.ageGroup)
        filter.ageGroup = panel.ageGroup;
    if (panel.minAge)
        filter.minAge = panel.minAge;
    if (panel.maxAge)
        filter.maxAge = panel.maxAge;
    if (!panel.countryIds.isEmpty())
        filter.countryIds = panel.countryIds;
    if (panel.minGenderProbability)
        filter.minGenderProbability = panel.minGenderProbability;
    if (panel.minCountryProbability)
        filter.minCountryProbability = panel.minCountryProbability;
    return filter;
}

void SearchPage::scheduleSearch()
{
    m_debounce->start();
}

void SearchPage::runSearch()
{
    m_debounce->stop();
    if (!m_service->hasDatabase())
        return;
    if (!m_query->isEmpty() && !m_query->parsed().ok()) {
        // Never a silent empty table: say what went wrong and what works.
        m_query->showMessage(
            tr("<b>%1.</b> Try for example:%2").arg(m_query->parsed().error.toHtmlEscaped(), examplesHtml()));
        m_count->setText(tr("No search"));
        return;
    }
    const ProfileFilter filter = currentFilter();
    QString why;
    if (filter.isContradictory(&why)) {
        m_query->showMessage(tr("<b>Nothing can match:</b> %1 Remove one of the conditions, for example:%2")
                                 .arg(why.toHtmlEscaped(), examplesHtml()));
        m_count->setText(tr("No search"));
        return;
    }
    m_query->showMessage(QString());
    m_charts->clear(!filter.isEmpty());
    m_model->setFilter(filter);
}

void SearchPage::showDetails()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->clear();
        return;
    }
    const Profile &p = m_model->profileAt(rows.front().row());
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    m_details->setHtml(
        QStringLiteral("<table>") + row(tr("Name"), p.name)
        + row(tr("Gender"), QStringLiteral("%1 (p = %2)").arg(genderName(p.gender)).arg(p.genderProbability, 0, 'f', 2))
        + row(tr("Age"), QStringLiteral("%1 (%2)").arg(p.age).arg(ageGroupName(p.ageGroup)))
        + row(tr("Country"),
              QStringLiteral("%1, %2 (p = %3)").arg(p.countryName, p.countryId).arg(p.countryProbability, 0, 'f', 2))
        + row(tr("Created"), p.createdAt.toUTC().toString(Qt::ISODateWithMs)) + row(tr("Id"), p.id)
        + QStringLiteral("</table>"));
}

void SearchPage::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines{ProfileCsvExporter::header().join(QLatin1Char('\t'))};
    for (const QModelIndex &index : std::as_const(rows)) {
        lines << ProfileCsvExporter::clipboardLine(m_model->profileAt(index.row()));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void SearchPage::setExporting(bool exporting)
{
    m_export->setEnabled(!exporting);
    m_exportProgress->setVisible(exporting);
    m_cancelExport->setVisible(exporting);
}

void SearchPage::startExport()
{
    if (!m_service->hasDatabase() || m_exportCancel)
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path
        = Dialogs::saveFileName(this, tr("Export profiles to CSV"), QDir(dir).filePath(QStringLiteral("profiles.csv")),
                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const ProfileFilter filter = m_model->filter();
    const DatabaseUrl url = readUrl(m_workspace->url());
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_exportCancel = cancel;
    m_exportProgress->setRange(0, 0);
    setExporting(true);
    QPointer<SearchPage> self(this);
    // The export opens its own connection in its own thread and reports progress by queued calls.
    auto *watcher = new QFutureWatcher<Result<ExportSummary>>(this);
    connect(watcher, &QFutureWatcher<Result<ExportSummary>>::finished, this, [this, watcher, path] {
        const Result<ExportSummary> result = watcher->result();
        watcher->deleteLater();
        m_exportCancel.reset();
        setExporting(false);
        // Braced: `emit` expands to nothing, and what follows an unbraced else would then look
        // indented into it.
        if (!result.ok()) {
            Dialogs::warning(this, tr("Export failed"), result.error());
        } else if (result->cancelled) {
            m_count->setToolTip(tr("The export was cancelled; no file was written."));
        } else {
            m_count->setToolTip(tr("Exported %1 profiles to %2").arg(QLocale().toString(result->rows), path));
        }
        emit exportFinished(result.ok() && !result->cancelled, path);
    });
    watcher->setFuture(QtConcurrent::run([url, path, filter, cancel, self]() -> Result<ExportSummary> {
        Connection connection(url, QStringLiteral("export"));
        if (!connection.ok())
            return Error{connection.error()};
        return ProfileCsvExporter(connection.database(), connection.kind())
            .exportTo(
                path, filter,
                [self](qint64 done, qint64 total) {
                    QMetaObject::invokeMethod(
                        qApp,
                        [self, done, total] {
                            if (!self)
                                return;
                            self->m_exportProgress->setRange(0, 1000);
                            self->m_exportProgress->setValue(total ? int(done * 1000 / total) : 1000);
                        },
                        Qt::QueuedConnection);
                },
                cancel.get());
    }));
}

} // namespace insighta
