#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace insighta {

class JobDetailPane;
class JobsModel;
class Workspace;

// Background work, live: a table of jobs (state, kind, priority, attempt k of n, next run,
// progress, last error) filtered by state and kind, and a detail pane with the attempt
// history and Requeue / Cancel / Discard. The table is fed by JobsModel, whose worker thread
// listens for PostgreSQL notifications or polls SQLite.
class JobsPage : public QWidget
{
    Q_OBJECT
public:
    explicit JobsPage(Workspace *workspace, QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }
    // SQLite polling interval; tests shorten it.
    void setPollInterval(int ms);

private:
    void buildFilters();
    void buildTable();
    void layOut(); // the filters row with Refresh, the table beside the detail pane, the status line
    void connectModel();
    void connectTo();
    void updateDetail();
    void updateKinds(const QStringList &kinds);
    void updateSummary();
    void discard(qint64 id);

    Workspace *m_workspace;
    JobsModel *m_model;
    QComboBox *m_stateFilter;
    QComboBox *m_kindFilter;
    QLabel *m_summary;
    QLabel *m_status;
    QTableView *m_table;
    JobDetailPane *m_detail;
    int m_pollMs = 1000;
};

} // namespace insighta
