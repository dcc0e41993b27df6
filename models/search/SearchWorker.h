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

public slots:
    void handle(const insighta::SearchRequest &request);
    // Closes the connection in the worker's own thread (call before the thread ends).
    void close();

signals:
    void replied(const insighta::SearchReply &reply);
    // After each (re)connect: the server the searches run on, e.g. "db2:5433 (standby)"; empty
    // for SQLite.
    void serverChanged(const QString &server);

private:
    bool ensureOpen(QString *error);
    SearchReply run(const SearchRequest &request);

    DatabaseUrl m_url;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::unique_ptr<Connection> m_connection;
    QMutex m_cancellerMutex;
    std::shared_ptr<ProfileSearchCanceller> m_canceller;
};

} // namespace insighta
