#include "core/interviews/InterviewWorker.h"

#include "core/db/Connection.h"
#include "core/interviews/InterviewJobHandlers.h"
#include "core/jobs/JobQueue.h"

namespace insighta {

InterviewWorker::InterviewWorker(const DatabaseUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    qRegisterMetaType<insighta::InterviewFilter>();
    qRegisterMetaType<insighta::InterviewListReply>();
    qRegisterMetaType<insighta::InterviewDetail>();
}

// Destroyed in its own thread (deleteLater when the thread finishes), so the connection is
// removed by the thread that opened it.
InterviewWorker::~InterviewWorker() = default;

InterviewRepository *InterviewWorker::repository(QString *error)
{
    if (!m_connection || !m_connection->ok()) {
        m_repository.reset();
        m_connection = std::make_unique<Connection>(m_url, QStringLiteral("interviews"));
        if (!m_connection->ok()) {
            *error = m_connection->error();
            return nullptr;
        }
        m_repository = std::make_unique<InterviewRepository>(m_connection->database(), m_connection->kind());
    }
    return m_repository.get();
}

void InterviewWorker::list(quint64 token, const InterviewFilter &filter)
{
    InterviewListReply reply;
    InterviewRepository *repo = repository(&reply.error);
    if (repo) {
        // Stranded "generating" assessments would otherwise show in the list's status column.
        repo->reconcileAssessments();
        auto interviews = repo->list(filter);
        auto roles = repo->roles();
        if (!interviews.ok())
            reply.error = interviews.error();
        else if (!roles.ok())
            reply.error = roles.error();
        else {
            reply.interviews = interviews.value();
            reply.roles = roles.value();
        }
    }
    emit listed(token, reply);
}

void InterviewWorker::load(quint64 token, const QString &interviewId)
{
    InterviewDetail detail;
    InterviewRepository *repo = repository(&detail.error);
    if (repo) {
        auto loaded = repo->load(interviewId);
        auto emails = repo->emails(interviewId);
        if (!loaded.ok())
            detail.error = loaded.error();
        else if (!emails.ok())
            detail.error = emails.error();
        else {
            detail = loaded.value();
            detail.emails = emails.value();
        }
    }
    emit loaded(token, detail);
}

void InterviewWorker::queueAssessment(const QString &interviewId)
{
    QString error;
    InterviewRepository *repo = repository(&error);
    if (!repo) {
        emit assessmentQueued(interviewId, {}, 0, error);
        return;
    }
    const auto prepared = repo->prepareAssessment(interviewId);
    if (!prepared.ok()) {
        emit assessmentQueued(interviewId, {}, 0, prepared.error());
        return;
    }
    const QString assessmentId = prepared->id;
    jobs::JobQueue queue(m_connection->database(), m_connection->kind());
    const auto job = queue.enqueue(GenerateAssessmentHandler::spec(assessmentId));
    if (!job.ok()) {
        emit assessmentQueued(interviewId, assessmentId, 0, job.error());
        return;
    }
    const Status marked = repo->markGenerating(assessmentId, job->id);
    emit assessmentQueued(interviewId, assessmentId, job->id, marked.error());
}

void InterviewWorker::queueEmail(const QString &kind, const QString &interviewId, const QStringList &recipients,
                                 const QString &subject, const QString &payloadJson)
{
    QString error;
    InterviewRepository *repo = repository(&error);
    if (!repo) {
        emit emailQueued(interviewId, {}, 0, error);
        return;
    }
    const auto queued = repo->queueEmail(kind, interviewId, recipients, subject, payloadJson);
    if (!queued.ok()) {
        emit emailQueued(interviewId, {}, 0, queued.error());
        return;
    }
    jobs::JobQueue queue(m_connection->database(), m_connection->kind());
    const auto job = queue.enqueue(SendEmailHandler::spec(queued->id));
    emit emailQueued(interviewId, queued->id, job.ok() ? job->id : 0, job.error());
}

} // namespace insighta
