#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/interviews/InterviewRepository.h"
#include "core/interviews/InterviewTypes.h"

#include <QObject>

#include <memory>

namespace insighta {

class Connection;

// Runs every database request of the Interviews page on its own thread with its own
// connection (opened lazily, in that thread, on the first request). Works the same when left
// on the caller's thread (tests). Requests carry a token; replies echo it so the page can
// drop stale ones. Replies are value types only. Generation and sending are not done here:
// they are queued as durable jobs (InterviewJobHandlers) for the app's worker pool.
class InterviewWorker : public QObject
{
    Q_OBJECT
public:
    explicit InterviewWorker(const DatabaseUrl &url, QObject *parent = nullptr);
    ~InterviewWorker() override;

public slots:
    void list(quint64 token, const insighta::InterviewFilter &filter);
    void load(quint64 token, const QString &interviewId);
    // Creates (or resets, for a Retry) the assessment row, queues its generate-assessment job
    // and marks the row generating with that job, so reconciliation fails it if the job dies.
    void queueAssessment(const QString &interviewId);
    // Stores the email with its idempotency key and queues its send-email job.
    void queueEmail(const QString &kind, const QString &interviewId, const QStringList &recipients,
                    const QString &subject, const QString &payloadJson);

signals:
    void listed(quint64 token, const insighta::InterviewListReply &reply);
    void loaded(quint64 token, const insighta::InterviewDetail &detail);
    void assessmentQueued(const QString &interviewId, const QString &assessmentId, qint64 jobId, const QString &error);
    void emailQueued(const QString &interviewId, const QString &emailId, qint64 jobId, const QString &error);

private:
    InterviewRepository *repository(QString *error);

    DatabaseUrl m_url;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<InterviewRepository> m_repository;
};

} // namespace insighta
