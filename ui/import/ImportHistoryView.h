#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/db/ImportHistory.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace insighta {

class ImportHistoryModel;

// Every import recorded in the workspace, newest first; any of them can be opened as a report.
class ImportHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit ImportHistoryView(QWidget *parent = nullptr);

    void refresh(const DatabaseUrl &url);
    ImportHistoryModel *model() const { return m_model; }
    // Opens the report of a row (as a double-click or the button does).
    void openRow(int row);

signals:
    void openRequested(const insighta::ImportHistoryEntry &entry);

private:
    void updateActions();

    DatabaseUrl m_url;
    ImportHistoryModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_open = nullptr;
};

} // namespace insighta
