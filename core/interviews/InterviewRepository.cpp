#include "core/interviews/InterviewRepository.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/Dialect.h"
#include "core/db/SqlError.h"
#include "core/interviews/AssessmentJson.h"
#include "core/interviews/TranscriptAssembly.h"
#include "core/profiles/Uuid.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace insighta {

namespace {

// Newest first. A ready row is never touched again, so when another row has the same
// updated_at (the same millisecond) that other row is the newer attempt.
#define INSIGHTA_ASSESSMENT_ORDER "updated_at DESC, CASE WHEN status = 'ready' THEN 1 ELSE 0 END, id DESC"

// The latest assessment's status for each interview, as a column.
const char *const kLatestStatus
    = "(SELECT a.status FROM assessments a WHERE a.interview_id = i.id ORDER BY a." INSIGHTA_ASSESSMENT_ORDER
      " LIMIT 1)";

const char *const kAssessmentColumns
    = "CAST(id AS TEXT), CAST(interview_id AS TEXT), status, summary, scorecard_json, strengths_json, "
      "concerns_json, recommendation, provider, model, job_id, generated_at, error, updated_at";

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QString likePattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

Assessment readAssessment(const QSqlQuery &q)
{
    Assessment a;
    a.id = q.value(0).toString();
    a.interviewId = q.value(1).toString();
    a.status = q.value(2).toString();
    a.provider = q.value(8).toString();
    a.model = q.value(9).toString();
    a.jobId = q.value(10).toLongLong();
    a.generatedAt = dialect::readTimestamp(q.value(11));
    a.error = q.value(12).toString();
    a.updatedAt = dialect::readTimestamp(q.value(13));
    if (a.status == QLatin1String("ready")) {
        const auto content
            = assessment::fromColumns(q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                                      q.value(6).toString(), q.value(7).toString());
        if (content.ok())
            a.content = content.value();
        else
            a.error = QCoreApplication::translate("Assessment", "The stored assessment is damaged: %1")
                          .arg(content.error());
    }
    return a;
}

QueuedEmail readEmail(const QSqlQuery &q)
{
    QueuedEmail e;
    e.id = q.value(0).toString();
    e.idempotencyKey = q.value(1).toString();
    e.kind = q.value(2).toString();
    e.interviewId = q.value(3).toString();
    const QJsonArray to = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array();
    for (const QJsonValue v : to)
        e.recipients.append(v.toString());
    e.subject = q.value(5).toString();
    e.payloadJson = q.value(6).toString();
    e.status = q.value(7).toString();
    e.providerId = q.value(8).toString();
    e.error = q.value(9).toString();
    e.createdAt = dialect::readTimestamp(q.value(10));
    e.sentAt = dialect::readTimestamp(q.value(11));
    return e;
}

const char *const kEmailColumns = "CAST(id AS TEXT), idempotency_key, kind, CAST(interview_id AS TEXT), recipients, "
                                  "subject, payload_json, status, provider_id, error, created_at, sent_at";

} // namespace

InterviewRepository::InterviewRepository(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

Result<QList<InterviewSummary>> InterviewRepository::list(const InterviewFilter &filter) const
{
    QString sql = QStringLiteral("SELECT * FROM (SELECT CAST(i.id AS TEXT) AS id, i.candidate_name, i.candidate_email, "
                                 "i.role, i.status, i.scheduled_at, i.started_at, i.ended_at, ")
        + QLatin1String(kLatestStatus)
        + QStringLiteral(" AS assessment_status, COALESCE(i.started_at, i.scheduled_at) AS sort_at "
                         "FROM interviews i) x WHERE 1 = 1");
    QVariantList binds;
    if (!filter.text.trimmed().isEmpty()) {
        sql += QStringLiteral(" AND (lower(x.candidate_name) LIKE ? ESCAPE '\\' OR lower(COALESCE(x.candidate_email, "
                              "'')) LIKE ? ESCAPE '\\' OR lower(x.role) LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(filter.text.trimmed());
        binds << pattern << pattern << pattern;
    }
    if (!filter.role.isEmpty()) {
        sql += QStringLiteral(" AND x.role = ?");
        binds << filter.role;
    }
    if (filter.from.isValid()) {
        sql += QStringLiteral(" AND x.sort_at >= ?");
        binds << dialect::bindTimestamp(m_kind, QDateTime(filter.from, QTime(0, 0), QTimeZone::utc()));
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral(" AND x.sort_at < ?");
        binds << dialect::bindTimestamp(m_kind, QDateTime(filter.to.addDays(1), QTime(0, 0), QTimeZone::utc()));
    }
    if (filter.assessmentStatus == QLatin1String("none")) {
        sql += QStringLiteral(" AND x.assessment_status IS NULL");
    } else if (!filter.assessmentStatus.isEmpty()) {
        sql += QStringLiteral(" AND x.assessment_status = ?");
        binds << filter.assessmentStatus;
    }
    sql += QStringLiteral(" ORDER BY x.sort_at DESC, x.id LIMIT ") + QString::number(qMax(1, filter.limit));

    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(lcInterviews(), QStringLiteral("Cannot list interviews"), q);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot list interviews"), q);
    QList<InterviewSummary> out;
    while (q.next()) {
        InterviewSummary s;
        s.id = q.value(0).toString();
        s.candidateName = q.value(1).toString();
        s.candidateEmail = q.value(2).toString();
        s.role = q.value(3).toString();
        s.status = q.value(4).toString();
        s.scheduledAt = dialect::readTimestamp(q.value(5));
        s.startedAt = dialect::readTimestamp(q.value(6));
        s.endedAt = dialect::readTimestamp(q.value(7));
        s.assessmentStatus = q.value(8).toString();
        out.append(s);
    }
    return out;
}

Result<QStringList> InterviewRepository::roles() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT role FROM interviews ORDER BY role")))
        return sqlError(lcInterviews(), QStringLiteral("Cannot list roles"), q);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<int> InterviewRepository::reconcileAssessments(const QString &interviewId)
{
    QString sql = QStringLiteral(
        "UPDATE assessments SET status = 'failed', error = ?, updated_at = ? WHERE status = 'generating' "
        "AND (job_id IS NULL OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = assessments.job_id "
        "AND j.state IN ('available', 'running', 'retryable', 'blocked')))");
    if (!interviewId.isEmpty())
        sql += QStringLiteral(" AND interview_id = ?");
    QSqlQuery q(m_db);
    q.prepare(sql);
    q.addBindValue(QCoreApplication::translate("Assessment",
                                               "The generation stopped before it finished (its background job is "
                                               "gone). Retry to generate it again."));
    q.addBindValue(dialect::bindTimestamp(m_kind, QDateTime::currentDateTimeUtc()));
    if (!interviewId.isEmpty())
        q.addBindValue(interviewId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot reconcile assessments"), q);
    const int n = q.numRowsAffected();
    if (n > 0)
        qCInfo(lcInterviews) << "Marked" << n << "stranded assessment(s) as failed";
    return n;
}

Result<QList<Assessment>> InterviewRepository::assessments(const QString &interviewId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kAssessmentColumns)
              + QStringLiteral(" FROM assessments WHERE interview_id = ? ORDER BY " INSIGHTA_ASSESSMENT_ORDER));
    q.addBindValue(interviewId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read assessments"), q);
    QList<Assessment> out;
    while (q.next())
        out.append(readAssessment(q));
    return out;
}

Result<Assessment> InterviewRepository::assessment(const QString &assessmentId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kAssessmentColumns)
              + QStringLiteral(" FROM assessments WHERE id = ?"));
    q.addBindValue(assessmentId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read the assessment"), q);
    if (!q.next())
        return Error{QCoreApplication::translate("Assessment", "The assessment no longer exists.")};
    return readAssessment(q);
}

Result<InterviewDetail> InterviewRepository::load(const QString &interviewId)
{
    if (const auto reconciled = reconcileAssessments(interviewId); !reconciled.ok())
        return Error{reconciled.error()};
    InterviewDetail detail;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT CAST(i.id AS TEXT), i.candidate_name, i.candidate_email, i.role, i.status, "
                             "i.scheduled_at, i.started_at, i.ended_at, i.transcript_json, ")
              + QLatin1String(kLatestStatus) + QStringLiteral(" FROM interviews i WHERE i.id = ?"));
    q.addBindValue(interviewId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read the interview"), q);
    if (!q.next())
        return Error{QCoreApplication::translate("Interviews", "The interview no longer exists.")};
    InterviewSummary &s = detail.summary;
    s.id = q.value(0).toString();
    s.candidateName = q.value(1).toString();
    s.candidateEmail = q.value(2).toString();
    s.role = q.value(3).toString();
    s.status = q.value(4).toString();
    s.scheduledAt = dialect::readTimestamp(q.value(5));
    s.startedAt = dialect::readTimestamp(q.value(6));
    s.endedAt = dialect::readTimestamp(q.value(7));
    const QByteArray transcriptJson = q.value(8).toString().toUtf8();
    s.assessmentStatus = q.value(9).toString();

    QSqlQuery turns(m_db);
    turns.setForwardOnly(true);
    turns.prepare(QStringLiteral("SELECT CAST(id AS TEXT), sequence, speaker, text, started_at FROM transcript_turns "
                                 "WHERE interview_id = ? ORDER BY sequence"));
    turns.addBindValue(interviewId);
    if (!turns.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read the transcript"), turns);
    QList<StoredTurn> stored;
    while (turns.next())
        stored.append({turns.value(0).toString(), turns.value(1).toInt(), turns.value(2).toString(),
                       turns.value(3).toString(), dialect::readTimestamp(turns.value(4))});
    detail.transcript = transcript::assemble(s.id, s.startedAt, stored, transcriptJson);

    auto list = assessments(interviewId);
    if (!list.ok())
        return Error{list.error()};
    detail.assessments = list.value();
    return detail;
}

Result<Assessment> InterviewRepository::prepareAssessment(const QString &interviewId)
{
    const auto existing = assessments(interviewId);
    if (!existing.ok())
        return Error{existing.error()};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!existing.value().isEmpty()) {
        const Assessment &latest = existing.value().first();
        if (latest.status == QLatin1String("generating"))
            return Error{QCoreApplication::translate("Assessment",
                                                     "An assessment is already being generated for this interview.")};
        if (latest.status == QLatin1String("pending") || latest.status == QLatin1String("failed")) {
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("UPDATE assessments SET status = 'pending', error = NULL, job_id = NULL, "
                                     "updated_at = ? WHERE id = ?"));
            q.addBindValue(dialect::bindTimestamp(m_kind, now));
            q.addBindValue(latest.id);
            if (!q.exec())
                return sqlError(lcInterviews(), QStringLiteral("Cannot reset the assessment"), q);
            return assessment(latest.id);
        }
    }
    const QString id = uuidV7String(now.toMSecsSinceEpoch());
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO assessments (id, interview_id, status, updated_at) VALUES (?, ?, 'pending', ?)"));
    q.addBindValue(id);
    q.addBindValue(interviewId);
    q.addBindValue(dialect::bindTimestamp(m_kind, now));
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot create the assessment"), q);
    return assessment(id);
}

Status InterviewRepository::markGenerating(const QString &assessmentId, qint64 jobId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE assessments SET status = 'generating', job_id = ?, error = NULL, updated_at = ? "
                             "WHERE id = ?"));
    q.addBindValue(jobId > 0 ? QVariant(jobId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(dialect::bindTimestamp(m_kind, QDateTime::currentDateTimeUtc()));
    q.addBindValue(assessmentId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot mark the assessment as generating"), q);
    return success();
}

Status InterviewRepository::storeReady(const QString &assessmentId, const AssessmentContent &content,
                                       const QString &provider, const QString &model)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE assessments SET status = 'ready', summary = ?, scorecard_json = ?, "
                             "strengths_json = ?, concerns_json = ?, recommendation = ?, provider = ?, model = ?, "
                             "generated_at = ?, error = NULL, updated_at = ? WHERE id = ?"));
    q.addBindValue(content.summary);
    q.addBindValue(assessment::scorecardToJson(content.scorecard));
    q.addBindValue(assessment::stringListToJson(content.strengths));
    q.addBindValue(assessment::stringListToJson(content.concerns));
    q.addBindValue(content.recommendation);
    q.addBindValue(provider.isEmpty() ? nullText() : QVariant(provider));
    q.addBindValue(model.isEmpty() ? nullText() : QVariant(model));
    q.addBindValue(dialect::bindTimestamp(m_kind, now));
    q.addBindValue(dialect::bindTimestamp(m_kind, now));
    q.addBindValue(assessmentId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot store the assessment"), q);
    return success();
}

Status InterviewRepository::storeFailed(const QString &assessmentId, const QString &error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE assessments SET status = 'failed', error = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(error);
    q.addBindValue(dialect::bindTimestamp(m_kind, QDateTime::currentDateTimeUtc()));
    q.addBindValue(assessmentId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot mark the assessment as failed"), q);
    return success();
}

Result<QueuedEmail> InterviewRepository::queueEmail(const QString &kind, const QString &interviewId,
                                                    const QStringList &recipients, const QString &subject,
                                                    const QString &payloadJson)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QueuedEmail e;
    e.id = uuidV7String(now.toMSecsSinceEpoch());
    // Created once, here; every send attempt reuses it (Resend keeps it for 24 h).
    e.idempotencyKey = QStringLiteral("insighta-%1-%2").arg(kind, e.id);
    e.kind = kind;
    e.interviewId = interviewId;
    e.recipients = recipients;
    e.subject = subject;
    e.payloadJson = payloadJson;
    e.status = QStringLiteral("queued");
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO emails (id, idempotency_key, kind, interview_id, recipients, subject, "
                             "payload_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)"));
    q.addBindValue(e.id);
    q.addBindValue(e.idempotencyKey);
    q.addBindValue(kind);
    q.addBindValue(interviewId.isEmpty() ? nullText() : QVariant(interviewId));
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(recipients)).toJson(QJsonDocument::Compact)));
    q.addBindValue(subject);
    q.addBindValue(payloadJson);
    q.addBindValue(dialect::bindTimestamp(m_kind, now));
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot queue the email"), q);
    return e;
}

Result<QueuedEmail> InterviewRepository::email(const QString &emailId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kEmailColumns) + QStringLiteral(" FROM emails WHERE id = ?"));
    q.addBindValue(emailId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read the email"), q);
    if (!q.next())
        return Error{QCoreApplication::translate("Interviews", "The email no longer exists.")};
    return readEmail(q);
}

Result<QList<QueuedEmail>> InterviewRepository::emails(const QString &interviewId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kEmailColumns)
              + QStringLiteral(" FROM emails WHERE interview_id = ? ORDER BY created_at DESC, id DESC"));
    q.addBindValue(interviewId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot read emails"), q);
    QList<QueuedEmail> out;
    while (q.next())
        out.append(readEmail(q));
    return out;
}

Status InterviewRepository::updateEmail(const QString &emailId, const QString &status, const QString &providerId,
                                        const QString &error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE emails SET status = ?, provider_id = COALESCE(?, provider_id), error = ?, "
                             "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?"));
    q.addBindValue(status);
    q.addBindValue(providerId.isEmpty() ? nullText() : QVariant(providerId));
    q.addBindValue(error.isEmpty() ? nullText() : QVariant(error));
    q.addBindValue(status);
    q.addBindValue(dialect::bindTimestamp(m_kind, QDateTime::currentDateTimeUtc()));
    q.addBindValue(emailId);
    if (!q.exec())
        return sqlError(lcInterviews(), QStringLiteral("Cannot update the email"), q);
    return success();
}

} // namespace insighta
