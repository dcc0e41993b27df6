#include "ui/interviews/InterviewWorkerThread.h"

#include "core/interviews/InterviewWorker.h"

#include <QThread>

namespace insighta {

InterviewWorkerThread::InterviewWorkerThread(QObject *parent)
    : QObject(parent)
{
}

InterviewWorkerThread::~InterviewWorkerThread()
{
    stop();
}

void InterviewWorkerThread::start(const DatabaseUrl &url)
{
    stop();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("interviews-db"));
    m_worker = new InterviewWorker(url);
    m_worker->moveToThread(m_thread);
    // The worker (and its connection) is destroyed in its own thread when the thread ends.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

void InterviewWorkerThread::run()
{
    if (m_thread)
        m_thread->start();
}

void InterviewWorkerThread::stop()
{
    if (!m_thread)
        return;
    m_worker = nullptr;
    m_thread->quit();
    // Waits for an in-flight query at most; the worker has no long-running work.
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void InterviewWorkerThread::post(std::function<void(InterviewWorker &)> call)
{
    if (!m_worker)
        return;
    // Runs in the worker's thread; Qt drops the call if the worker is gone by then.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, call = std::move(call)] { call(*worker); });
}

} // namespace insighta
