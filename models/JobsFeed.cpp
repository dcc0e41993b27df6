#include "models/JobsFeed.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"

#include <QSqlDriver>
#include <QTimer>

namespace insighta {

namespace {
const QString kChannel = QStringLiteral("insighta_jobs");
}

JobsFeed::JobsFeed(QObject *parent)
    : QObject(parent)
{
}

JobsFeed::~JobsFeed() = default;

void JobsFeed::open(const DatabaseUrl &url, int pollMs)
{
    close();
    m_connection = std::make_unique<Connection>(url, QStringLiteral("jobs-feed"));
    if (!m_connection->ok()) {
        emit failed(m_connection->error());
        m_connection.reset();
        return;
    }
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(100); // a burst of job changes becomes one reload
    connect(m_debounce, &QTimer::timeout, this, &JobsFeed::reload);
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, &JobsFeed::reload);

    bool notifications = false;
    if (url.kind == DatabaseKind::Postgres) {
        QSqlDriver *driver = m_connection->database().driver();
        notifications = driver->subscribeToNotification(kChannel);
        if (notifications)
            connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
                if (name == kChannel)
                    scheduleReload();
            });
        else
            qCWarning(lcJobs) << "Cannot LISTEN on" << kChannel << "; polling instead";
    }
    // With notifications the poll is only a safety net (a dropped connection loses them).
    m_poll->start(notifications ? std::max(pollMs, 5000) : pollMs);
    emit live(notifications);
    reload();
}

void JobsFeed::close()
{
    if (m_connection) {
        QSqlDriver *driver = m_connection->database().driver();
        if (driver && !driver->subscribedToNotifications().isEmpty())
            driver->unsubscribeFromNotification(kChannel);
    }
    delete m_poll;
    m_poll = nullptr;
    delete m_debounce;
    m_debounce = nullptr;
    m_connection.reset();
}

void JobsFeed::setFilter(quint64 token, const jobs::JobFilter &filter)
{
    m_token = token;
    m_filter = filter;
    reload();
}

void JobsFeed::scheduleReload()
{
    if (m_debounce && !m_debounce->isActive())
        m_debounce->start();
}

void JobsFeed::reload()
{
    if (!m_connection)
        return;
    jobs::JobQueue queue(m_connection->database(), m_connection->kind());
    const auto listed = queue.list(m_filter);
    if (!listed.ok()) {
        emit failed(listed.error());
        return;
    }
    const auto kinds = queue.kinds();
    const auto counts = queue.countByState();
    QMap<QString, int> countsByName;
    if (counts.ok()) {
        for (auto it = counts->cbegin(); it != counts->cend(); ++it)
            countsByName.insert(jobs::stateName(it.key()), it.value());
    }
    emit snapshot(m_token, listed.value(), kinds.ok() ? kinds.value() : QStringList(), countsByName);
}

void JobsFeed::runAction(Action action, qint64 id)
{
    if (!m_connection) {
        emit actionFinished(false, tr("Not connected to a database."));
        return;
    }
    jobs::JobQueue queue(m_connection->database(), m_connection->kind());
    QString error;
    QString done;
    switch (action) {
    case Action::Requeue:
        error = queue.requeue(id).error();
        done = tr("Job #%1 requeued.").arg(id);
        break;
    case Action::Discard:
        error = queue.discard(id).error();
        done = tr("Job #%1 discarded.").arg(id);
        break;
    case Action::Cancel: {
        const auto cancelled = queue.cancel(id);
        error = cancelled.error();
        done = cancelled.ok() && cancelled.value() == jobs::JobState::Running
            ? tr("Job #%1 was asked to stop; it is cancelled when its worker notices.").arg(id)
            : tr("Job #%1 cancelled.").arg(id);
        break;
    }
    }
    emit actionFinished(error.isEmpty(), error.isEmpty() ? done : error);
    reload();
}

} // namespace insighta
