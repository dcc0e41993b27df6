#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/jobs/JobTypes.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QPointer>
#include <QStringList>

#include <optional>

class QThread;

namespace insighta {

class JobsFeed;

// The live job table behind the Jobs page. All database work happens in a JobsFeed on its own
// thread; this model only merges the snapshots it sends, row by row (keyed by job id), so the
// selection and scroll position survive every refresh.
class JobsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, State, Kind, Priority, Attempt, NextRun, Progress, LastError, ColumnCount };
    enum Role { JobIdRole = Qt::UserRole + 1, StateRole, ProgressRole };

    explicit JobsModel(QObject *parent = nullptr);
    ~JobsModel() override;

    // Starts (or restarts) the feed on this database. pollMs: the SQLite polling interval.
    void setDatabase(const DatabaseUrl &url, int pollMs = 1000);
    void setStateFilter(std::optional<jobs::JobState> state);
    void setKindFilter(const QString &kind);
    void refresh();
    void requeue(qint64 id);
    void cancel(qint64 id);
    void discard(qint64 id);

    const jobs::JobRecord *job(int row) const;
    int rowOf(qint64 id) const;
    QStringList kinds() const { return m_kinds; }
    QMap<QString, int> counts() const { return m_counts; }
    bool isLive() const { return m_live; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Applies a snapshot (newest first). Public so tests can drive the merge directly.
    void applySnapshot(const QList<jobs::JobRecord> &incoming);

signals:
    void loaded();
    void kindsChanged(const QStringList &kinds);
    void countsChanged(const QMap<QString, int> &counts);
    void actionFinished(bool ok, const QString &message);
    void failed(const QString &message);
    void liveChanged(bool notifications);

private:
    void pushFilter();
    void onSnapshot(quint64 token, const QList<jobs::JobRecord> &jobs, const QStringList &kinds,
                    const QMap<QString, int> &counts);
    void stopFeed();

    QThread *m_thread = nullptr;
    JobsFeed *m_feed = nullptr;
    QList<jobs::JobRecord> m_jobs;
    QStringList m_kinds;
    QMap<QString, int> m_counts;
    jobs::JobFilter m_filter;
    quint64 m_token = 0;
    bool m_live = false;
};

} // namespace insighta
