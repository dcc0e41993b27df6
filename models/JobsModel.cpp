#include "models/JobsModel.h"

#include "core/common/UntrustedText.h"
#include "models/JobsFeed.h"

#include <QThread>

namespace insighta {

using jobs::JobRecord;
using jobs::JobState;

JobsModel::JobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

JobsModel::~JobsModel()
{
    stopFeed();
}

void JobsModel::stopFeed()
{
    if (!m_thread)
        return;
    // The feed's connection belongs to its thread: close it there, then end the thread.
    QMetaObject::invokeMethod(
        m_feed, [feed = m_feed] { feed->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_feed;
    delete m_thread;
    m_feed = nullptr;
    m_thread = nullptr;
}

void JobsModel::setDatabase(const DatabaseUrl &url, int pollMs)
{
    stopFeed();
    beginResetModel();
    m_jobs.clear();
    endResetModel();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("jobs-feed"));
    m_feed = new JobsFeed;
    m_feed->moveToThread(m_thread);
    connect(m_feed, &JobsFeed::snapshot, this, &JobsModel::onSnapshot);
    connect(m_feed, &JobsFeed::actionFinished, this, &JobsModel::actionFinished);
    connect(m_feed, &JobsFeed::failed, this, &JobsModel::failed);
    connect(m_feed, &JobsFeed::live, this, [this](bool notifications) {
        m_live = notifications;
        emit liveChanged(notifications);
    });
    m_thread->start();
    ++m_token;
    QMetaObject::invokeMethod(m_feed, [feed = m_feed, token = m_token, filter = m_filter, url, pollMs] {
        feed->setFilter(token, filter);
        feed->open(url, pollMs);
    });
}

void JobsModel::setStateFilter(std::optional<JobState> state)
{
    m_filter.states.clear();
    if (state)
        m_filter.states << *state;
    pushFilter();
}

void JobsModel::setKindFilter(const QString &kind)
{
    m_filter.kind = kind;
    pushFilter();
}

void JobsModel::pushFilter()
{
    ++m_token; // snapshots of the old filter still in flight are dropped
    if (m_feed)
        QMetaObject::invokeMethod(
            m_feed, [feed = m_feed, token = m_token, filter = m_filter] { feed->setFilter(token, filter); });
}

void JobsModel::refresh()
{
    if (m_feed)
        QMetaObject::invokeMethod(m_feed, &JobsFeed::reload);
}

void JobsModel::requeue(qint64 id)
{
    if (m_feed)
        QMetaObject::invokeMethod(m_feed, [feed = m_feed, id] { feed->runAction(JobsFeed::Action::Requeue, id); });
}

void JobsModel::cancel(qint64 id)
{
    if (m_feed)
        QMetaObject::invokeMethod(m_feed, [feed = m_feed, id] { feed->runAction(JobsFeed::Action::Cancel, id); });
}

void JobsModel::discard(qint64 id)
{
    if (m_feed)
        QMetaObject::invokeMethod(m_feed, [feed = m_feed, id] { feed->runAction(JobsFeed::Action::Discard, id); });
}

void JobsModel::onSnapshot(quint64 token, const QList<JobRecord> &jobs, const QStringList &kinds,
                           const QMap<QString, int> &counts)
{
    if (token != m_token)
        return;
    applySnapshot(jobs);
    if (kinds != m_kinds) {
        m_kinds = kinds;
        emit kindsChanged(kinds);
    }
    if (counts != m_counts) {
        m_counts = counts;
        emit countsChanged(counts);
    }
    emit loaded();
}

void JobsModel::applySnapshot(const QList<JobRecord> &incoming)
{
    // Both lists are ordered by id, newest first: walk them together, removing rows that went,
    // inserting rows that came and updating rows that changed.
    int row = 0;
    qsizetype next = 0;
    while (row < m_jobs.size() || next < incoming.size()) {
        if (next >= incoming.size() || (row < m_jobs.size() && m_jobs.at(row).id > incoming.at(next).id)) {
            beginRemoveRows({}, row, row);
            m_jobs.removeAt(row);
            endRemoveRows();
        } else if (row >= m_jobs.size() || m_jobs.at(row).id < incoming.at(next).id) {
            beginInsertRows({}, row, row);
            m_jobs.insert(row, incoming.at(next));
            endInsertRows();
            ++row;
            ++next;
        } else {
            if (!(m_jobs.at(row) == incoming.at(next))) {
                m_jobs[row] = incoming.at(next);
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++next;
        }
    }
}

const JobRecord *JobsModel::job(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
}

int JobsModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).id == id)
            return row;
    }
    return -1;
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    const JobRecord *job = this->job(index.row());
    if (!job || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    if (role == JobIdRole)
        return job->id;
    if (role == StateRole)
        return int(job->state);
    if (role == ProgressRole)
        return job->state == JobState::Running && job->progress ? QVariant(*job->progress) : QVariant();
    const bool waiting = job->state == JobState::Available || job->state == JobState::Retryable;
    const QString problem = job->state == JobState::Blocked ? job->blockedReason : job->lastError();
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Id:
            return job->id;
        case State:
            return jobs::stateName(job->state);
        case Kind:
            return job->kind;
        case Priority:
            return job->priority;
        case Attempt:
            return tr("%1 of %2").arg(job->attempt).arg(job->maxAttempts);
        case NextRun:
            return waiting ? QLocale().toString(job->runAt.toLocalTime(), QStringLiteral("d MMM HH:mm:ss")) : QString();
        case Progress:
            if (job->state != JobState::Running)
                return QString();
            return job->progress ? QStringLiteral("%1%").arg(int(*job->progress * 100)) : tr("running");
        case LastError:
            return problem.section(QLatin1Char('\n'), 0, 0);
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        // Errors and progress text come from the database (and from files): plain text.
        if (index.column() == LastError && !problem.isEmpty())
            return plainTextToolTip(problem);
        if (index.column() == Progress && !job->progressText.isEmpty())
            return plainTextToolTip(job->progressText);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Priority))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Id:
        return tr("ID");
    case State:
        return tr("State");
    case Kind:
        return tr("Kind");
    case Priority:
        return tr("Priority");
    case Attempt:
        return tr("Attempt");
    case NextRun:
        return tr("Next run");
    case Progress:
        return tr("Progress");
    case LastError:
        return tr("Last error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace insighta
