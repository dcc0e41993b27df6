#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/jobs/JobTypes.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>

class QTimer;

namespace insighta {

class Connection;

// The Jobs page's database worker. It lives in its own thread (with an event loop) and owns
// that thread's connection. On PostgreSQL it LISTENs on insighta_jobs through the Qt SQL
// driver's notifications and reloads shortly after a change (a slow poll stays on as a safety
// net); on SQLite, which has no notifications, it polls. Requests arrive as queued calls and
// replies leave as signals carrying values, tagged with the caller's generation token.
class JobsFeed : public QObject
{
    Q_OBJECT
public:
    enum class Action { Requeue, Cancel, Discard };

    explicit JobsFeed(QObject *parent = nullptr);
    ~JobsFeed() override;

    // All of these run in the feed's thread (call them queued).
    void open(const insighta::DatabaseUrl &url, int pollMs);
    void setFilter(quint64 token, const insighta::jobs::JobFilter &filter);
    void reload();
    void runAction(insighta::JobsFeed::Action action, qint64 id);
    void close();

signals:
    void snapshot(quint64 token, const QList<insighta::jobs::JobRecord> &jobs, const QStringList &kinds,
                  const QMap<QString, int> &counts);
    void actionFinished(bool ok, const QString &message);
    void failed(const QString &message);
    void live(bool notifications); // true: PostgreSQL notifications; false: polling

private:
    void scheduleReload();

    std::unique_ptr<Connection> m_connection;
    QTimer *m_poll = nullptr;
    QTimer *m_debounce = nullptr;
    jobs::JobFilter m_filter;
    quint64 m_token = 0;
};

} // namespace insighta
