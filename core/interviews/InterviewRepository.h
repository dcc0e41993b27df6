#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"
#include "core/interviews/InterviewTypes.h"

#include <QSqlDatabase>

namespace insighta {

// Interviews, transcript turns, assessments and their emails, on either database. Synchronous:
// call it on the thread that owns the connection (the interview worker, or a test).
class InterviewRepository
{
public:
    InterviewRepository(const QSqlDatabase &db, DatabaseKind kind);

    Result<QList<InterviewSummary>> list(const InterviewFilter &filter) const;
    Result<QStringList> roles() const;
    // The interview, its assembled transcript and its assessments (newest first). Reconciles
    // this interview's stranded assessments first, so none is shown as "generating" forever.
    Result<InterviewDetail> load(const QString &interviewId);

    // Marks as failed every assessment still "generating" whose job is gone: no job id, or a
    // job that is no longer available, running, retryable or blocked. Returns how many.
    Result<int> reconcileAssessments(const QString &interviewId = {});

    // The assessment row a (re)generation works on: the newest one when it is pending or
    // failed (a Retry), else a new pending row. Refused while one is generating.
    Result<Assessment> prepareAssessment(const QString &interviewId);
    Status markGenerating(const QString &assessmentId, qint64 jobId);
    Status storeReady(const QString &assessmentId, const AssessmentContent &content, const QString &provider,
                      const QString &model);
    Status storeFailed(const QString &assessmentId, const QString &error);
    Result<Assessment> assessment(const QString &assessmentId) const;

    Result<QueuedEmail> queueEmail(const QString &kind, const QString &interviewId, const QStringList &recipients,
                                   const QString &subject, const QString &payloadJson);
    Result<QueuedEmail> email(const QString &emailId) const;
    Result<QList<QueuedEmail>> emails(const QString &interviewId) const;
    Status updateEmail(const QString &emailId, const QString &status, const QString &providerId, const QString &error);

private:
    Result<QList<Assessment>> assessments(const QString &interviewId) const;

    QSqlDatabase m_db;
    DatabaseKind m_kind;
};

} // namespace insighta
