#pragma once

#include "core/jobs/JobTypes.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace insighta {

// The right-hand side of the Jobs page: everything about the selected job, its attempt
// history, and the Requeue / Cancel / Discard buttons (enabled only where they apply).
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

private:
    std::optional<jobs::JobRecord> m_job;
    QLabel *m_title;
    QLabel *m_facts;
    QTreeWidget *m_history;
    QPushButton *m_requeue;
    QPushButton *m_cancel;
    QPushButton *m_discard;
};

} // namespace insighta
