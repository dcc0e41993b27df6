#include "models/search/SearchService.h"

#include "core/common/Logging.h"
#include "models/search/SearchWorker.h"

#include <limits>

namespace insighta {

SearchService::SearchService(QObject *parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    m_thread.setObjectName(QStringLiteral("search"));
}

SearchService::~SearchService()
{
    stopWorker();
}

void SearchService::stopWorker()
{
    if (!m_worker)
        return;
    // Nothing queued runs any more, and what runs now stops on the server.
    m_latest->store(std::numeric_limits<quint64>::max());
    m_worker->cancelOlderThan(std::numeric_limits<quint64>::max());
    SearchWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); });
    m_thread.quit();
    m_thread.wait();
    delete worker;
    m_worker = nullptr;
    m_outstanding = 0;
    m_fetching = false;
}

void SearchService::setDatabase(const DatabaseUrl &url)
{
    stopWorker();
    m_cache.clear();
    m_server.clear(); // the new worker's first reply says where it runs
    m_latest = std::make_shared<std::atomic<quint64>>(m_generation);
    m_worker = new SearchWorker(url, m_latest);
    m_worker->setReplayWaitMs(m_replayWaitMs);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &SearchWorker::replied, this, &SearchService::onReply, Qt::QueuedConnection);
    m_thread.start();
}

void SearchService::post(const SearchRequest &request)
{
    if (m_outstanding++ == 0)
        emit busyChanged(true);
    SearchWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, request] { worker->handle(request); });
}

quint64 SearchService::search(const ProfileFilter &filter)
{
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    m_filter = filter;
    m_cacheKey = SearchCache::keyFor(filter);
    m_next.reset();
    m_fetching = false;
    if (m_outstanding > 0) {
        m_outstanding = 0;
        emit busyChanged(false);
    }
    if (!m_worker) {
        emit failed(tr("No database is open."));
        return generation;
    }
    // The previous search's statement, if still running, stops on the server now.
    m_worker->cancelOlderThan(generation);

    const auto cached = m_cache.find(m_cacheKey);
    SearchRequest request;
    request.generation = generation;
    request.filter = filter;
    request.limit = m_pageSize;
    request.writeEpoch = m_writeEpoch;
    if (cached && cached->firstPage) {
        m_next = cached->firstPage->next;
        emit firstPageReady(*cached->firstPage);
    } else {
        request.kind = SearchRequest::Kind::FirstPage;
        m_fetching = true;
        post(request);
    }
    if (cached && cached->count) {
        emit countReady(*cached->count);
    } else {
        request.kind = SearchRequest::Kind::Count;
        post(request);
    }
    if (cached && cached->aggregates) {
        emit aggregatesReady(*cached->aggregates);
    } else {
        request.kind = SearchRequest::Kind::Aggregates;
        post(request);
    }
    return generation;
}

bool SearchService::fetchMore()
{
    if (!canFetchMore() || !m_worker)
        return false;
    SearchRequest request;
    request.generation = m_generation;
    request.kind = SearchRequest::Kind::NextPage;
    request.filter = m_filter;
    request.after = m_next;
    request.limit = m_pageSize;
    request.writeEpoch = m_writeEpoch;
    m_fetching = true;
    post(request);
    return true;
}

void SearchService::onReply(const SearchReply &reply)
{
    if (reply.generation != m_generation) {
        ++m_dropped;
        qCDebug(lcSearch) << "dropped a stale reply of search" << reply.generation << "(current" << m_generation << ")";
        return;
    }
    if (m_outstanding > 0 && --m_outstanding == 0)
        emit busyChanged(false);
    const bool isPage = reply.kind == SearchRequest::Kind::FirstPage || reply.kind == SearchRequest::Kind::NextPage;
    if (isPage)
        m_fetching = false;
    if (!reply.error.isEmpty()) {
        if (!reply.cancelled)
            emit failed(reply.error);
        return;
    }
    if (reply.server != m_server) {
        m_server = reply.server;
        emit serverChanged(m_server);
    }
    switch (reply.kind) {
    case SearchRequest::Kind::FirstPage:
        m_next = reply.page.next;
        m_cache.putFirstPage(m_cacheKey, reply.page);
        emit firstPageReady(reply.page);
        break;
    case SearchRequest::Kind::NextPage:
        m_next = reply.page.next;
        emit nextPageReady(reply.page);
        break;
    case SearchRequest::Kind::Count:
        m_cache.putCount(m_cacheKey, reply.count);
        emit countReady(reply.count);
        break;
    case SearchRequest::Kind::Aggregates:
        m_cache.putAggregates(m_cacheKey, reply.aggregates);
        emit aggregatesReady(reply.aggregates);
        break;
    }
}

} // namespace insighta
