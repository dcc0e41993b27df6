#pragma once

#include "core/db/DatabaseUrl.h"

#include <QObject>

#include <functional>

class QThread;

namespace insighta {

class InterviewWorker;

// The Interviews page's database thread: one InterviewWorker (and its connection) living in a
// thread of its own, started for a workspace and stopped when the workspace changes or the page
// goes. The page connects to worker() right after start() and posts calls with post().
class InterviewWorkerThread : public QObject
{
    Q_OBJECT
public:
    explicit InterviewWorkerThread(QObject *parent = nullptr);
    ~InterviewWorkerThread() override;

    // Stops any previous worker, then creates one for `url`. Connect to worker() before
    // run() starts the thread.
    void start(const DatabaseUrl &url);
    void run();
    void stop();
    InterviewWorker *worker() const { return m_worker; }
    bool isRunning() const { return m_worker != nullptr; }
    // Queues `call` to the worker's thread (nothing when no worker runs).
    void post(std::function<void(InterviewWorker &)> call);

private:
    QThread *m_thread = nullptr;
    InterviewWorker *m_worker = nullptr;
};

} // namespace insighta
