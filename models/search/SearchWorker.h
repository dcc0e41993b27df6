#pragma once

#include "core/db/DatabaseUrl.h"
#include "models/search/SearchTypes.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>

namespace insighta {

class Connection;
class ProfileSearchCanceller;

// Runs search requests on its own connection, opened in the thread it lives in on the first
// request (Qt SQL's rule). It does not care which thread that is: the app moves it to a
// QThread, a test may call handle() directly. Requests older than the newest known generation
// are skipped without touching the database.
class SearchWorker : public QObject
{
    Q_OBJECT
public:
    explicit SearchWorker(DatabaseUrl url, std::shared_ptr<std::atomic<quint64>> latestGeneration,
                          QObject *parent = nullptr);
    ~SearchWorker() override;

    // Thread-safe: stops the statement of an older generation on the server, if one runs.
    bool cancelOlderThan(quint64 generation);
    // How long a request sent after a write waits for a standby to replay it (before the
    // worker's thread starts).
    void setReplayWaitMs(int ms) { m_replayWaitMs = ms; }

public slots:
    void handle(const insighta::SearchRequest &request);
    // Closes the connection in the worker's own thread (call before the thread ends).
    void close();

signals:
    void replied(const insighta::SearchReply &reply);

private:
    bool ensureOpen(QString *error);
    SearchReply run(const SearchRequest &request);
    // The connection that answers `request`: the worker's own, or the primary when the request
    // follows a write that a standby has not replayed within the bound.
    Connection *connectionFor(const SearchRequest &request, QString *server, QString *error);
    bool standbyHasReplayedTheWrites(const SearchRequest &request);

    DatabaseUrl m_url;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::unique_ptr<Connection> m_connection;
    QString m_server; // describe() of m_connection
    bool m_onStandby = false;
    // Read-your-writes: a primary connection, opened the first time a standby lags, and the
    // answer for the generation last asked about (its page, count and charts ask once).
    std::unique_ptr<Connection> m_primary;
    QString m_primaryServer;
    quint64 m_replayedEpoch = 0; // the standby has replayed every write up to this epoch
    quint64 m_checkedGeneration = 0;
    bool m_replayed = true;
    int m_replayWaitMs = 2000;
    QMutex m_cancellerMutex;
    std::shared_ptr<ProfileSearchCanceller> m_canceller;
};

} // namespace insighta
