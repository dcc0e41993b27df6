#pragma once

#include "core/profiles/ProfileFilter.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTableView;
class QTextBrowser;
class QTimer;

namespace insighta {

class FiltersPanel;
class QueryBox;
class SearchCharts;
class SearchResultsModel;
class SearchService;
class Workspace;

// Where analysts live: a plain-English box and structured filters make one filter; the results
// page in by keyset as the table scrolls, with the exact count, a details pane, charts and a
// CSV export. All queries run on the search service's worker thread.
class SearchPage : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPage(Workspace *workspace, QWidget *parent = nullptr);
    ~SearchPage() override;

    // The filter the page searches now (query and panel combined).
    ProfileFilter currentFilter() const;
    SearchResultsModel *resultsModel() const { return m_model; }

signals:
    // An export ended: written (true) or cancelled/failed (false).
    void exportFinished(bool written, const QString &path);
    // The server the searches run on ("db2:5433 (standby)"); empty for SQLite.
    void searchServerChanged(const QString &server);

private:
    // What the query box says, or nothing when it is empty or did not parse.
    ProfileFilter queryFilter() const;
    QScrollArea *buildFilters(QSplitter *splitter);
    QWidget *buildCenter(QSplitter *splitter);
    QHBoxLayout *buildResultsBar(QWidget *center);
    void buildTable(QSplitter *vertical);
    void connectActions();
    void connectSearch();
    void connectWorkspace(Workspace *workspace);
    void scheduleSearch();
    void runSearch();
    void showDetails();
    void copySelection();
    void startExport();
    void setExporting(bool exporting);

    Workspace *m_workspace;
    SearchService *m_service;
    SearchResultsModel *m_model;
    QueryBox *m_query;
    FiltersPanel *m_filters;
    SearchCharts *m_charts;
    QTableView *m_table;
    QTextBrowser *m_details;
    QLabel *m_count;
    QPushButton *m_copy;
    QPushButton *m_export;
    QPushButton *m_cancelExport;
    QProgressBar *m_exportProgress;
    QTimer *m_debounce;
    std::shared_ptr<std::atomic_bool> m_exportCancel;
};

} // namespace insighta
