#pragma once

#include "core/importer/ImportTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace insighta {

// The rejected records of one report (line, reason, message, raw text), filterable by reason.
class ImportRejectsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, ReasonColumn, MessageColumn, RawColumn, ColumnCount };
    enum Role { ReasonCodeRole = Qt::UserRole + 1 };

    explicit ImportRejectsModel(QObject *parent = nullptr);

    void setRejects(QList<RejectedRecord> rejects);
    const QList<RejectedRecord> &rejects() const { return m_all; }
    // Empty = every reason; otherwise a reason code ("invalid_age").
    void setReasonFilter(const QString &reasonCode);
    QString reasonFilter() const { return m_filter; }
    // Reason codes present, most frequent first.
    QStringList reasons() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    QList<RejectedRecord> m_all;
    QList<int> m_visible; // indexes into m_all
    QString m_filter;
};

} // namespace insighta
