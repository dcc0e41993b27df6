#pragma once

#include "models/ImportJob.h"

#include <QFrame>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace insighta {

// One import as a card: file name, mode and state, a progress bar by bytes read, rows/s, rows
// loaded and skipped so far, ETA, and Cancel; when done, the summary and a button to its report.
class ImportJobCard : public QFrame
{
    Q_OBJECT
public:
    explicit ImportJobCard(ImportJob *job, QWidget *parent = nullptr);
    ImportJob *job() const { return m_job; }

signals:
    void reportRequested(insighta::ImportJob *job);

private:
    void refresh();

    QPointer<ImportJob> m_job;
    QLabel *m_name = nullptr;
    QLabel *m_state = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_stats = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_report = nullptr;
};

} // namespace insighta
