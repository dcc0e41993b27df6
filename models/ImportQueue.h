#pragma once

#include "core/importer/ImportTypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QThreadPool>

namespace insighta {

class ImportJob;

// The imports of this window: at most concurrency() run at once, the rest wait in order. Also
// the table model of them (one row per job, newest last) for any view that lists them.
class ImportQueue : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        FileColumn,
        ModeColumn,
        StateColumn,
        ProgressColumn,
        RateColumn,
        LoadedColumn,
        SkippedColumn,
        EtaColumn,
        ColumnCount
    };
    enum Role { JobRole = Qt::UserRole + 1, FractionRole };

    explicit ImportQueue(QObject *parent = nullptr);
    ~ImportQueue() override;

    int concurrency() const { return m_concurrency; }
    void setConcurrency(int limit);

    // Adds a job (the queue owns it) and starts it when a slot is free.
    ImportJob *enqueue(const ImportRequest &request);
    QList<ImportJob *> jobs() const { return m_jobs; }
    int runningCount() const;
    int queuedCount() const;
    // Drops finished jobs from the list.
    void clearFinished();
    // Cancels everything, queued and running.
    void cancelAll();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void jobAdded(insighta::ImportJob *job);
    void jobFinished(insighta::ImportJob *job);
    void jobRemoved(insighta::ImportJob *job);
    // Running or queued counts changed.
    void countsChanged();

private:
    void pump();
    void jobChanged(ImportJob *job);

    QList<ImportJob *> m_jobs;
    int m_concurrency = 2;
    // Our own pool: imports must never wait behind searches and previews in the global pool.
    QThreadPool m_pool;
};

} // namespace insighta
