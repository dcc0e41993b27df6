#pragma once

#include "core/db/DatabaseUrl.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

class QTimer;

namespace insighta {

// The database the window works on. Connecting (open + migrate) and first-start demo seeding
// run on worker threads; this object lives on the UI thread and only relays signals. Pages
// take url() and open their own connections in their own workers.
class Workspace : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Ready, Failed };
    Q_ENUM(State)

    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // The URL pages connect with. Read-only, it prefers a standby (the primary is unreachable).
    DatabaseUrl url() const { return m_readOnly ? m_url.forReads() : m_url; }
    // Ready, but only a hot standby answered: searching works, imports and jobs wait (they
    // are not started, and the Import page says why). The workspace asks for the primary every
    // reprobeMs() and reconnects as usual once one answers.
    bool isReadOnly() const { return m_readOnly; }
    void setReprobeMs(int ms) { m_reprobeMs = ms; }
    State state() const { return m_state; }
    QString lastError() const { return m_error; }
    // The server this workspace's writes reach ("db1:5432 (primary)") as of the last ready();
    // empty for SQLite.
    QString server() const { return m_server; }

    // Connects in the background; seeds the demo data when the workspace is the embedded one
    // and empty (first start). Emits ready() or failed().
    void connectTo(const DatabaseUrl &url, bool seedDemoWhenEmpty);
    void cancelSeeding();
    bool isSeeding() const { return m_seeding; }

    // Number of demo profiles seeded on first start (tests use a small number).
    void setDemoProfileCount(qint64 count) { m_demoProfiles = count; }

signals:
    void connecting(const insighta::DatabaseUrl &url);
    void ready(const insighta::DatabaseUrl &url);
    void failed(const QString &error);
    void seedingStarted(qint64 total);
    void seedingProgress(qint64 done, qint64 total);
    void seedingFinished(const QString &summary);
    // Any page that changed the data (an import, the demo) says so; caches listen.
    void dataChanged();

private:
    struct Outcome;
    void startSeeding();
    void reprobePrimary();

    DatabaseUrl m_url;
    State m_state = State::Disconnected;
    QString m_error;
    QString m_server;
    bool m_readOnly = false;
    int m_reprobeMs = 5000;
    QTimer *m_reprobe = nullptr;
    quint64 m_generation = 0;
    qint64 m_demoProfiles;
    bool m_seeding = false;
    std::shared_ptr<std::atomic_bool> m_cancelSeed;
};

} // namespace insighta
