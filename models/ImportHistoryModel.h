#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/db/ImportHistory.h"

#include <QAbstractTableModel>
#include <QList>

namespace insighta {

// The imports table, newest first. refresh() reads it on a worker thread with its own
// connection; a reply older than the latest refresh is dropped.
class ImportHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, StartedColumn, StatusColumn, ReadColumn, LoadedColumn, SkippedColumn, ColumnCount };

    explicit ImportHistoryModel(QObject *parent = nullptr);

    void refresh(const DatabaseUrl &url, int limit = 200);
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_error; }
    ImportHistoryEntry entry(int row) const { return m_entries.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void failed(const QString &error);

private:
    QList<ImportHistoryEntry> m_entries;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_error;
};

} // namespace insighta
