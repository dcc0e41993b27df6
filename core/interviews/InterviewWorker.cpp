#include "core/interviews/InterviewWorker.h"

#include "core/db/Connection.h"
#include "core/interviews/AssessmentGeneration.h"

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
        if (loaded.ok())
            detail = loaded.value();
        else
            detail.error = loaded.error();
    }
    emit loaded(token, detail);
}

void InterviewWorker::prepareAssessment(const QString &interviewId)
{
    QString error;
    InterviewRepository *repo = repository(&error);
    if (!repo) {
        emit assessmentPrepared(interviewId, {}, error);
        return;
    }
    const auto prepared = repo->prepareAssessment(interviewId);
    emit assessmentPrepared(interviewId, prepared.ok() ? prepared->id : QString(), prepared.error());
}

void InterviewWorker::markGenerating(const QString &interviewId, const QString &assessmentId, qint64 jobId)
{
    QString error;
    if (InterviewRepository *repo = repository(&error)) {
        const Status s = repo->markGenerating(assessmentId, jobId);
        error = s.error();
    }
    emit assessmentChanged(interviewId, error);
}

void InterviewWorker::storeAssessmentReply(const QString &interviewId, const QString &assessmentId, bool ok,
                                           const QString &text, const QString &provider, const QString &model,
                                           const QString &error)
{
    QString failure;
    if (InterviewRepository *repo = repository(&failure)) {
        AiReply reply;
        reply.ok = ok;
        reply.text = text;
        reply.provider = provider;
        reply.model = model;
        reply.error = error;
        const auto stored = assessment::storeReply(*repo, assessmentId, reply);
        failure = stored.error();
    }
    emit assessmentChanged(interviewId, failure);
}

void InterviewWorker::queueEmail(const QString &kind, const QString &interviewId, const QStringList &recipients,
                                 const QString &subject, const QString &payloadJson)
{
    QString error;
    InterviewRepository *repo = repository(&error);
    if (!repo) {
        emit emailQueued(interviewId, {}, {}, error);
        return;
    }
    const auto queued = repo->queueEmail(kind, interviewId, recipients, subject, payloadJson);
    emit emailQueued(interviewId, queued.ok() ? queued->id : QString(),
                     queued.ok() ? queued->idempotencyKey : QString(), queued.error());
}

} // namespace insighta
