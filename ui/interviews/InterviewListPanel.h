#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeView;

namespace insighta {

class InterviewListModel;

// Search and filters over the interview list, and the list itself. Emits filterChanged()
// (debounced while typing) and interviewActivated(id); the page runs the query.
class InterviewListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InterviewListPanel(QWidget *parent = nullptr);

    InterviewFilter filter() const;
    void setInterviews(const QList<InterviewSummary> &interviews, const QStringList &roles);
    void showError(const QString &error);
    void selectInterview(const QString &id);
    QString currentInterviewId() const;

    InterviewListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

signals:
    void filterChanged();
    void interviewActivated(const QString &id);

private:
    QLineEdit *m_search;
    QComboBox *m_role;
    QComboBox *m_status;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    QTreeView *m_view;
    InterviewListModel *m_model;
    QTimer *m_debounce;
};

} // namespace insighta
