#pragma once

#include "core/jobs/JobTypes.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QToolButton;
class QPushButton;
class QTreeWidget;

namespace insighta {

// The right-hand side of the Jobs page: the selected job's facts in words (for an import: the
// file, the rows and why some were skipped, a link to the rejects folder), its raw JSON behind
// "Details", its attempt history, and the Requeue / Cancel / Discard buttons (enabled only where
// they apply).
class JobDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit JobDetailPane(QWidget *parent = nullptr);

    void showJob(const std::optional<jobs::JobRecord> &job);
    std::optional<qint64> jobId() const;

signals:
    void requeueRequested(qint64 id);
    void cancelRequested(qint64 id);
    void discardRequested(qint64 id);
    // The rejects folder link was followed (the pane also asks the desktop to open it).
    void folderOpenRequested(const QString &folder);

private:
    void buildSummary();
    void buildDetails();
    void buildHistory();
    void buildButtons();
    void layOut();
    void showHistory(const jobs::JobRecord &job);

    std::optional<jobs::JobRecord> m_job;
    QLabel *m_title;
    QLabel *m_facts;
    QToolButton *m_showDetails;
    QPlainTextEdit *m_details;
    QPushButton *m_copyDetails;
    QTreeWidget *m_history;
    QPushButton *m_requeue;
    QPushButton *m_cancel;
    QPushButton *m_discard;
};

} // namespace insighta
