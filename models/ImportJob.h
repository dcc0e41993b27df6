#pragma once

#include "core/importer/ImportTypes.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThreadPool;

namespace insighta {

class ImportRunner;

// One validate or import of one file, run by ImportRunner on a pool thread. Lives on the UI
// thread; the worker reaches it only through queued, coalesced progress updates (at most one in
// flight, and the runner itself throttles them), then the final report through a future.
class ImportJob : public QObject
{
    Q_OBJECT
public:
    enum class State { Queued, Running, Finished };
    Q_ENUM(State)

    explicit ImportJob(ImportRequest request, QObject *parent = nullptr);
    // Cancels a running import and waits for the current batch to end: committed rows stay.
    ~ImportJob() override;

    const ImportRequest &request() const { return m_request; }
    QString fileName() const;
    bool validateOnly() const { return !m_request.database.has_value(); }
    State state() const { return m_state; }
    bool cancelRequested() const { return m_cancelRequested; }

    const ImportProgress &progress() const { return m_progress; }
    // 0..1 by bytes read.
    double fraction() const;
    // Records read per second since the run started (0 until the first update).
    double rowsPerSecond() const;
    // Seconds left at the current byte rate; empty while unknown.
    std::optional<qint64> etaSeconds() const;
    qint64 elapsedMs() const;

    // Valid once finished.
    const ImportReport &report() const { return m_report; }

    // Called by the queue. The pool thread runs the whole import.
    void start(QThreadPool *pool);
    // Queued: finishes at once as cancelled. Running: the runner stops after its current batch.
    void cancel();

signals:
    void started();
    void progressChanged();
    void finished();

private:
    void applyProgress();

    ImportRequest m_request;
    State m_state = State::Queued;
    ImportProgress m_progress;
    ImportReport m_report;
    QElapsedTimer m_clock;
    qint64 m_finishedAfterMs = -1;
    bool m_cancelRequested = false;
    // Shared with the worker thread.
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<ImportReport> m_watcher;
};

// "1:05", "12 s", "1 h 02 min": short enough for a card.
QString formatDuration(qint64 seconds);

} // namespace insighta
