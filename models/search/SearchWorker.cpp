#include "models/search/SearchWorker.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/ProfileSearchCanceller.h"
#include "core/db/Replication.h"

namespace insighta {

SearchWorker::SearchWorker(DatabaseUrl url, std::shared_ptr<std::atomic<quint64>> latestGeneration, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_latest(std::move(latestGeneration))
{
    qRegisterMetaType<SearchRequest>();
    qRegisterMetaType<SearchReply>();
}

SearchWorker::~SearchWorker()
{
    close();
}

void SearchWorker::close()
{
    {
        QMutexLocker lock(&m_cancellerMutex);
        if (m_canceller)
            m_canceller->detach();
        m_canceller.reset();
    }
    m_connection.reset();
    m_primary.reset();
}

bool SearchWorker::cancelOlderThan(quint64 generation)
{
    QMutexLocker lock(&m_cancellerMutex);
    return m_canceller && m_canceller->cancelOlderThan(generation);
}

bool SearchWorker::ensureOpen(QString *error)
{
    if (m_connection && m_connection->ok())
        return true;
    m_connection = std::make_unique<Connection>(m_url, QStringLiteral("search"));
    if (!m_connection->ok()) {
        *error = m_connection->error();
        m_connection.reset();
        return false;
    }
    {
        QMutexLocker lock(&m_cancellerMutex);
        m_canceller = std::make_shared<ProfileSearchCanceller>(m_connection->database());
    }
    const replication::ServerIdentity server = replication::serverIdentity(m_connection->database());
    m_server = replication::describe(server);
    m_onStandby = server.standby;
    return true;
}

void SearchWorker::handle(const SearchRequest &request)
{
    if (request.generation < m_latest->load())
        return; // a newer search replaced this one before it started
    SearchReply reply = run(request);
    // A cancel meant for the previous statement can land on this one (it raced the start):
    // run it again once if it is still wanted.
    if (reply.cancelled && request.generation >= m_latest->load())
        reply = run(request);
    emit replied(reply);
}

// The primary's WAL position now is past the write's commit (the write finished before the
// request was sent), so a standby that has replayed up to it sees the write.
bool SearchWorker::standbyHasReplayedTheWrites(const SearchRequest &request)
{
    if (request.writeEpoch <= m_replayedEpoch)
        return true; // replay only moves forward
    if (request.generation == m_checkedGeneration)
        return m_replayed;
    m_checkedGeneration = request.generation;
    m_replayed = false;
    if (!m_primary || !m_primary->ok()) {
        m_primary = std::make_unique<Connection>(m_url.forWrites(), QStringLiteral("search-primary"));
        if (!m_primary->ok()) {
            qCWarning(lcSearch).noquote() << "No primary to check the standby against:" << m_primary->error();
            m_primary.reset();
            m_replayed = true; // nothing better to read from: the standby answers
            return m_replayed;
        }
        m_primaryServer = replication::describe(replication::serverIdentity(m_primary->database()));
    }
    const Result<QString> lsn = replication::currentWalLsn(m_primary->database());
    m_replayed = lsn.ok() && replication::waitForReplay(m_connection->database(), *lsn, m_replayWaitMs);
    if (m_replayed)
        m_replayedEpoch = request.writeEpoch;
    else
        qCInfo(lcSearch).noquote() << "The standby had not replayed the latest writes within" << m_replayWaitMs
                                   << "ms: the primary answers this search";
    return m_replayed;
}

Connection *SearchWorker::connectionFor(const SearchRequest &request, QString *server, QString *error)
{
    if (!ensureOpen(error))
        return nullptr;
    *server = m_server;
    if (!m_onStandby || standbyHasReplayedTheWrites(request))
        return m_connection.get();
    *server = m_primaryServer;
    return m_primary.get();
}

SearchReply SearchWorker::run(const SearchRequest &request)
{
    SearchReply reply;
    reply.generation = request.generation;
    reply.kind = request.kind;
    QString error;
    Connection *connection = connectionFor(request, &reply.server, &error);
    if (!connection) {
        reply.error = error;
        return reply;
    }
    std::shared_ptr<ProfileSearchCanceller> canceller;
    {
        QMutexLocker lock(&m_cancellerMutex);
        canceller = m_canceller;
    }
    // On the primary (a lagging standby) the canceller still watches the standby's session, so
    // a newer search does not stop this statement early; the reply is dropped all the same.
    ProfileSearch search(connection->database(), connection->kind());
    canceller->begin(request.generation);
    switch (request.kind) {
    case SearchRequest::Kind::FirstPage:
    case SearchRequest::Kind::NextPage: {
        const auto page = request.after ? search.nextPage(request.filter, *request.after, request.limit)
                                        : search.firstPage(request.filter, request.limit);
        if (page.ok())
            reply.page = *page;
        else
            reply.error = page.error();
        break;
    }
    case SearchRequest::Kind::Count: {
        const auto count = search.count(request.filter);
        if (count.ok())
            reply.count = *count;
        else
            reply.error = count.error();
        break;
    }
    case SearchRequest::Kind::Aggregates: {
        const auto charts = search.aggregates(request.filter);
        if (charts.ok())
            reply.aggregates = *charts;
        else
            reply.error = charts.error();
        break;
    }
    }
    canceller->end();
    if (!reply.error.isEmpty()) {
        const QString lower = reply.error.toLower();
        reply.cancelled
            = lower.contains(QLatin1String("canceling statement")) || lower.contains(QLatin1String("interrupt"));
        if (!reply.cancelled)
            qCWarning(lcSearch).noquote() << "Search failed:" << reply.error;
        // A broken connection is reopened on the next request.
        if (!connection->database().isOpen())
            close();
    }
    return reply;
}

} // namespace insighta
