#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QAbstractTableModel>

namespace insighta {

// The interview list as a table: candidate, role, date, assessment status. It holds the value
// list the interview worker returned; the page replaces it wholesale on every search.
class InterviewListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Candidate, Role, Date, Assessment, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setInterviews(const QList<InterviewSummary> &interviews);
    const QList<InterviewSummary> &interviews() const { return m_interviews; }
    // Row of an interview, -1 when it is not listed.
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Ready", "Generating…", "No assessment", ... as the list shows it.
    static QString assessmentLabel(const QString &status);

private:
    QList<InterviewSummary> m_interviews;
};

} // namespace insighta
