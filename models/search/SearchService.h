#pragma once

#include "core/db/DatabaseUrl.h"
#include "models/search/SearchCache.h"
#include "models/search/SearchTypes.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace insighta {

class SearchWorker;

// The UI-thread side of searching. Each search() is a new generation: the request of the
// previous one is cancelled on the server, and any reply that still arrives for it is dropped.
// Page, count and charts are three requests to a worker that owns its own connection in its
// own thread. The first page, count and charts of a filter are cached for 5 minutes by the
// filter's cache key; invalidateCache() drops them (the page calls it when data changed).
class SearchService : public QObject
{
    Q_OBJECT
public:
    explicit SearchService(QObject *parent = nullptr);
    ~SearchService() override;

    void setDatabase(const DatabaseUrl &url);
    bool hasDatabase() const { return m_worker != nullptr; }

    // Starts a search; returns its generation.
    quint64 search(const ProfileFilter &filter);
    // Asks for the next page of the current search. False when there is none or one is coming.
    bool fetchMore();
    bool canFetchMore() const { return m_next.has_value() && !m_fetching; }
    bool isBusy() const { return m_outstanding > 0; }

    void invalidateCache() { m_cache.clear(); }
    // A write (an import) committed: from the next search on, a standby answers only once it
    // has replayed it, waiting at most replayWaitMs() before the primary answers instead.
    void noteWrite()
    {
        m_cache.clear();
        ++m_writeEpoch;
    }
    void setReplayWaitMs(int ms) { m_replayWaitMs = ms; } // takes effect at setDatabase()
    int replayWaitMs() const { return m_replayWaitMs; }
    SearchCache &cache() { return m_cache; }
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    quint64 generation() const { return m_generation; }
    // The server that answered the latest reply ("db2:5433 (standby)"); empty for SQLite.
    const QString &server() const { return m_server; }
    const ProfileFilter &filter() const { return m_filter; }
    // Replies that arrived for a search that had been replaced (for tests and logs).
    qint64 droppedReplies() const { return m_dropped; }
    // The worker, so a test can watch it reply before the UI thread sees the reply.
    SearchWorker *worker() const { return m_worker; }

signals:
    void firstPageReady(const insighta::ProfilePage &page); // replaces the rows
    void nextPageReady(const insighta::ProfilePage &page); // appends rows
    void countReady(qint64 count);
    void aggregatesReady(const insighta::SearchAggregates &aggregates);
    void failed(const QString &message);
    void busyChanged(bool busy);
    // The server that answers searches, whenever it changes: "db2:5433 (standby)", or the
    // primary while a standby has not replayed the latest import. Empty for SQLite.
    void serverChanged(const QString &server);

private:
    void post(const SearchRequest &request);
    void onReply(const SearchReply &reply);
    void stopWorker();

    QThread m_thread;
    SearchWorker *m_worker = nullptr; // lives in m_thread; deleted after the thread ends
    std::shared_ptr<std::atomic<quint64>> m_latest;
    quint64 m_generation = 0;
    ProfileFilter m_filter;
    QString m_cacheKey;
    std::optional<SearchCursor> m_next;
    bool m_fetching = false;
    int m_outstanding = 0;
    int m_pageSize = 100;
    qint64 m_dropped = 0;
    quint64 m_writeEpoch = 0;
    QString m_server; // the last reply's
    int m_replayWaitMs = 2000;
    SearchCache m_cache;
};

} // namespace insighta
