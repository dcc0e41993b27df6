#include "core/jobs/JobQueue.h"

#include "core/common/Logging.h"
#include "core/db/Dialect.h"
#include "core/db/SqlError.h"
#include "core/jobs/JobTrust.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace insighta::jobs {

namespace {

const QString kColumns = QStringLiteral(
    "id, kind, payload, priority, state, run_at, attempt, max_attempts, errors, lease_owner, lease_expires_at, "
    "unique_key, progress, progress_text, result, checkpoint, blocked_reason, cancel_requested, attempted_by, "
    "attempted_at, created_at, updated_at, finished_at, host");

// Waiting states (a person may cancel them), the runnable ones among them (a claim takes them, a
// dependency failure blocks them), and the final states.
const QString kWaitingStates = QStringLiteral("('available', 'retryable', 'blocked')");
const QString kRunnableStates = QStringLiteral("('available', 'retryable')");
const QString kFinalStates = QStringLiteral("('completed', 'dead', 'cancelled')");
constexpr int kMinPriority = 0;
constexpr int kMaxPriority = 9;
constexpr int kPerLevel = 8; // claim candidates per priority level

QJsonObject parseObject(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// What a claim writes, whoever claims: claim() and enqueueHeld() both start with it and bind
// owner, lease end, owner, now, now in that order (bindClaim).
const QString kClaimUpdate
    = QStringLiteral("UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_owner = ?, lease_expires_at = ?, "
                     "attempted_by = ?, attempted_at = ?, updated_at = ?, cancel_requested = 0");

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

JobRecord readJob(const QSqlQuery &q)
{
    JobRecord job;
    job.id = q.value(0).toLongLong();
    job.kind = q.value(1).toString();
    job.payload = parseObject(q.value(2));
    job.priority = q.value(3).toInt();
    job.state = jobStateFromString(q.value(4).toString()).value_or(JobState::Available);
    job.runAt = dialect::readTimestamp(q.value(5));
    job.attempt = q.value(6).toInt();
    job.maxAttempts = q.value(7).toInt();
    job.errors = errorsFromJson(q.value(8).toString());
    job.leaseOwner = q.value(9).toString();
    job.leaseExpiresAt = dialect::readTimestamp(q.value(10));
    job.uniqueKey = q.value(11).toString();
    if (!q.value(12).isNull())
        job.progress = q.value(12).toDouble();
    job.progressText = q.value(13).toString();
    job.result = parseObject(q.value(14));
    job.checkpoint = parseObject(q.value(15));
    job.blockedReason = q.value(16).toString();
    job.cancelRequested = q.value(17).toInt() != 0;
    job.attemptedBy = q.value(18).toString();
    job.attemptedAt = dialect::readTimestamp(q.value(19));
    job.createdAt = dialect::readTimestamp(q.value(20));
    job.updatedAt = dialect::readTimestamp(q.value(21));
    job.finishedAt = dialect::readTimestamp(q.value(22));
    job.host = q.value(23).toString();
    return job;
}

QVariant nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

// A write transaction. On SQLite it starts with BEGIN IMMEDIATE: Qt's transaction() issues a
// deferred BEGIN, which reads first and may then fail to upgrade to a write lock (SQLITE_BUSY
// that the busy timeout cannot wait out). Taking the write lock up front makes writers queue.
class WriteTransaction
{
public:
    WriteTransaction(const QSqlDatabase &db, DatabaseKind kind)
        : m_db(db)
    {
        QSqlQuery q(m_db);
        if (!q.exec(kind == DatabaseKind::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
            m_error = sqlError(lcJobs(), QStringLiteral("Starting a transaction failed"), q).message;
    }
    ~WriteTransaction()
    {
        if (m_open && m_error.isEmpty()) {
            QSqlQuery q(m_db);
            if (!q.exec(QStringLiteral("ROLLBACK")))
                qCWarning(lcJobs) << "Rollback failed:" << q.lastError().text();
        }
    }
    Status status() const { return m_error.isEmpty() ? success() : Status(Error{m_error}); }
    Status commit()
    {
        QSqlQuery q(m_db);
        m_open = false;
        if (!q.exec(QStringLiteral("COMMIT")))
            return sqlError(lcJobs(), QStringLiteral("Committing failed"), q);
        return success();
    }

private:
    QSqlDatabase m_db;
    QString m_error;
    bool m_open = true;
};

// The last step of every write that returns a value: commit, then hand back the value, or the
// commit's error (which the destructor has nothing left to roll back for).
template<typename T> Result<T> commitAndReturn(WriteTransaction &tx, T value)
{
    const Status committed = tx.commit();
    if (!committed.ok())
        return Error{committed.error()};
    return value;
}

} // namespace

QString errorsToJson(const QList<AttemptError> &errors)
{
    QJsonArray array;
    for (const AttemptError &e : errors) {
        QJsonObject entry{{QStringLiteral("attempt"), e.attempt},
                          {QStringLiteral("at"), e.at.toUTC().toString(Qt::ISODateWithMs)},
                          {QStringLiteral("error"), e.message},
                          {QStringLiteral("worker"), e.worker}};
        if (e.final)
            entry.insert(QStringLiteral("final"), true);
        array.append(entry);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<AttemptError> errorsFromJson(const QString &json)
{
    QList<AttemptError> errors;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue value : array) {
        const QJsonObject o = value.toObject();
        AttemptError e;
        e.attempt = o.value(QStringLiteral("attempt")).toInt();
        e.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).toUTC();
        e.message = o.value(QStringLiteral("error")).toString();
        e.worker = o.value(QStringLiteral("worker")).toString();
        e.final = o.value(QStringLiteral("final")).toBool();
        errors << e;
    }
    return errors;
}

JobQueue::JobQueue(const QSqlDatabase &db, DatabaseKind kind, const Clock &clock)
    : m_db(db)
    , m_kind(kind)
    , m_clock(clock)
    , m_host(localHostName())
{
}

void JobQueue::bindClaim(QSqlQuery &query, const QString &owner, const QDateTime &now,
                         std::chrono::milliseconds lease) const
{
    query.addBindValue(owner);
    query.addBindValue(ts(now.addMSecs(lease.count())));
    query.addBindValue(owner);
    query.addBindValue(ts(now));
    query.addBindValue(ts(now));
}

QVariant JobQueue::ts(const QDateTime &value) const
{
    return dialect::bindTimestamp(m_kind, value);
}

Result<EnqueueResult> JobQueue::enqueue(const JobSpec &spec)
{
    if (spec.kind.trimmed().isEmpty())
        return Error{QStringLiteral("A job needs a kind.")};
    if (spec.priority < kMinPriority || spec.priority > kMaxPriority)
        return Error{QStringLiteral("Priority must be between 0 (most urgent) and 9; got %1.").arg(spec.priority)};
    if (spec.maxAttempts < 1)
        return Error{QStringLiteral("A job needs at least one attempt; got %1.").arg(spec.maxAttempts)};

    const QDateTime now = m_clock.now();
    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return Error{tx.status().error()};

    // Dependencies must exist; one that already failed for good blocks the new job from the start.
    QString blockedReason;
    for (const qint64 dependency : spec.dependsOn) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT state, kind FROM jobs WHERE id = ?"));
        q.addBindValue(dependency);
        if (!q.exec())
            return sqlError(lcJobs(), QStringLiteral("Reading a dependency failed"), q);
        if (!q.next())
            return Error{QStringLiteral("Job #%1, which the new job depends on, does not exist.").arg(dependency)};
        const QString state = q.value(0).toString();
        if (blockedReason.isEmpty()
            && (state == QLatin1String("dead") || state == QLatin1String("cancelled")
                || state == QLatin1String("blocked")))
            blockedReason = QStringLiteral("waits for job #%1 (%2), which is %3")
                                .arg(QString::number(dependency), q.value(1).toString(), state);
    }

    EnqueueResult outcome;
    // A concurrent job with the same key may finish between our insert and our look-up; try again.
    for (int round = 0; round < 5 && outcome.id == 0; ++round) {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, priority, state, run_at, max_attempts, "
                                      "unique_key, blocked_reason, created_at, updated_at, host) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                       + dialect::insertIgnoreSuffix() + QStringLiteral(" RETURNING id"));
        insert.addBindValue(spec.kind);
        insert.addBindValue(toJson(spec.payload));
        insert.addBindValue(spec.priority);
        insert.addBindValue(blockedReason.isEmpty() ? QStringLiteral("available") : QStringLiteral("blocked"));
        insert.addBindValue(ts(spec.runAt.isValid() ? spec.runAt : now));
        insert.addBindValue(spec.maxAttempts);
        insert.addBindValue(spec.uniqueKey.isEmpty() ? nullString() : QVariant(spec.uniqueKey));
        insert.addBindValue(blockedReason.isEmpty() ? nullString() : QVariant(blockedReason));
        insert.addBindValue(ts(now));
        insert.addBindValue(ts(now));
        insert.addBindValue(spec.host.isEmpty() ? nullString() : QVariant(spec.host));
        if (!insert.exec())
            return sqlError(lcJobs(), QStringLiteral("Enqueueing a %1 job failed").arg(spec.kind), insert);
        if (insert.next()) {
            outcome.id = insert.value(0).toLongLong();
            break;
        }
        insert.finish();
        if (spec.uniqueKey.isEmpty())
            return Error{QStringLiteral("Enqueueing a %1 job inserted nothing.").arg(spec.kind)};
        QSqlQuery existing(m_db);
        existing.prepare(QStringLiteral("SELECT id FROM jobs WHERE unique_key = ? AND state NOT IN ") + kFinalStates);
        existing.addBindValue(spec.uniqueKey);
        if (!existing.exec())
            return sqlError(lcJobs(), QStringLiteral("Looking up the job with key %1 failed").arg(spec.uniqueKey),
                            existing);
        if (existing.next()) {
            outcome.id = existing.value(0).toLongLong();
            outcome.existing = true;
        }
    }
    if (outcome.id == 0)
        return Error{QStringLiteral("Could not enqueue the %1 job with key %2.").arg(spec.kind, spec.uniqueKey)};

    if (!outcome.existing) {
        for (const qint64 dependency : spec.dependsOn) {
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("INSERT INTO job_dependencies (job_id, depends_on) VALUES (?, ?)")
                      + dialect::insertIgnoreSuffix());
            q.addBindValue(outcome.id);
            q.addBindValue(dependency);
            if (!q.exec())
                return sqlError(lcJobs(), QStringLiteral("Recording a dependency failed"), q);
        }
    }
    return commitAndReturn(tx, outcome);
}

Status JobQueue::addDependency(qint64 jobId, qint64 dependsOn)
{
    if (jobId == dependsOn)
        return Error{QStringLiteral("Job #%1 cannot depend on itself.").arg(jobId)};
    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return tx.status();
    if (m_kind == DatabaseKind::Postgres) {
        // Two edges added at once could close a cycle that neither check sees; serialise them.
        QSqlQuery lock(m_db);
        if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7400004)")))
            return sqlError(lcJobs(), QStringLiteral("Locking the dependency graph failed"), lock);
    }
    QSqlQuery exists(m_db);
    exists.prepare(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE id IN (?, ?)"));
    exists.addBindValue(jobId);
    exists.addBindValue(dependsOn);
    if (!exists.exec() || !exists.next())
        return sqlError(lcJobs(), QStringLiteral("Reading jobs failed"), exists);
    if (exists.value(0).toInt() != 2)
        return Error{QStringLiteral("Job #%1 or job #%2 does not exist.").arg(jobId).arg(dependsOn)};

    // A cycle appears when jobId is already among the things dependsOn (transitively) waits for.
    QSqlQuery cycle(m_db);
    cycle.prepare(
        QStringLiteral("WITH RECURSIVE upstream(id) AS ("
                       " SELECT depends_on FROM job_dependencies WHERE job_id = ?"
                       " UNION SELECT d.depends_on FROM job_dependencies d JOIN upstream u ON d.job_id = u.id)"
                       " SELECT 1 FROM upstream WHERE id = ?"));
    cycle.addBindValue(dependsOn);
    cycle.addBindValue(jobId);
    if (!cycle.exec())
        return sqlError(lcJobs(), QStringLiteral("Checking for a dependency cycle failed"), cycle);
    if (cycle.next())
        return Error{QStringLiteral("Job #%1 cannot depend on job #%2: job #%2 already waits for job #%1, "
                                    "so neither could ever run.")
                         .arg(jobId)
                         .arg(dependsOn)};
    cycle.finish();

    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO job_dependencies (job_id, depends_on) VALUES (?, ?)")
                   + dialect::insertIgnoreSuffix());
    insert.addBindValue(jobId);
    insert.addBindValue(dependsOn);
    if (!insert.exec())
        return sqlError(lcJobs(), QStringLiteral("Recording a dependency failed"), insert);
    return tx.commit();
}

Result<std::optional<ClaimedJob>> JobQueue::claim(const QString &owner, const QStringList &kinds,
                                                  std::chrono::milliseconds lease)
{
    const QDateTime now = m_clock.now();
    // Candidates: within each priority level the job waiting longest is also the most aged, so
    // the overall winner is among the oldest runnable jobs of each level. Picking a few per level
    // through the jobs_ready index keeps a claim cheap however long the queue is; the final
    // choice (and, on PostgreSQL, the row lock) is made among those. Several per level so that
    // concurrent claimers skipping each other's locked rows still find one.
    QString runnable = QStringLiteral("c.state IN ") + kRunnableStates
        + QStringLiteral(" AND c.run_at <= ?"
                         " AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.depends_on"
                         " WHERE d.job_id = c.id AND p.state <> 'completed')"
                         " AND (c.host IS NULL OR c.host = ?)"); // host affinity
    if (!kinds.isEmpty())
        runnable += QStringLiteral(" AND c.kind IN (") + placeholders(kinds.size()) + QStringLiteral(")");
    QStringList perLevel;
    QVariantList binds;
    for (int level = kMinPriority; level <= kMaxPriority; ++level) {
        perLevel << QStringLiteral("SELECT id FROM (SELECT c.id FROM jobs c WHERE c.priority = %1 AND ").arg(level)
                + runnable + QStringLiteral(" ORDER BY c.run_at, c.id LIMIT %1) AS level%2").arg(kPerLevel).arg(level);
        binds << ts(now) << m_host;
        for (const QString &kind : kinds)
            binds << kind;
    }
    // Effective priority: the stored one minus one level per ageing interval waited.
    QString urgency = QStringLiteral("j.priority");
    if (m_aging.count() > 0) {
        urgency = m_kind == DatabaseKind::Postgres
            ? QStringLiteral("j.priority - floor(extract(epoch from (CAST(? AS timestamptz) - j.run_at)) * 1000 / ?)")
            : QStringLiteral("j.priority - CAST((julianday(?) - julianday(j.run_at)) * 86400000.0 / ? AS INTEGER)");
        binds << ts(now) << qlonglong(m_aging.count());
    }
    const QString pick = QStringLiteral("SELECT j.id FROM jobs j WHERE j.id IN (")
        + perLevel.join(QStringLiteral(" UNION ALL ")) + QStringLiteral(") AND j.state IN ") + kRunnableStates
        + QStringLiteral(" ORDER BY ") + urgency + QStringLiteral(", j.run_at, j.id LIMIT 1")
        + (m_kind == DatabaseKind::Postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString());
    const QString sql
        = kClaimUpdate + QStringLiteral(" WHERE id IN (") + pick + QStringLiteral(") RETURNING ") + kColumns;

    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return Error{tx.status().error()};
    QSqlQuery q(m_db);
    q.prepare(sql);
    bindClaim(q, owner, now, lease);
    for (const QVariant &value : std::as_const(binds))
        q.addBindValue(value);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Claiming a job failed"), q);
    std::optional<ClaimedJob> claimed;
    if (q.next())
        claimed = ClaimedJob{readJob(q), owner};
    q.finish();
    if (claimed) {
        // Dependencies are part of the record the handler may want to see. Read inside the
        // transaction, so that a failed read rolls the claim back instead of handing out a job
        // whose record is incomplete.
        const auto dependencies = readDependencies(claimed->job.id);
        if (!dependencies.ok())
            return Error{dependencies.error()};
        claimed->job.dependsOn = dependencies.value();
    }
    return commitAndReturn(tx, std::move(claimed));
}

Result<ClaimedJob> JobQueue::enqueueHeld(const JobSpec &spec, const QString &owner, std::chrono::milliseconds lease)
{
    if (!spec.uniqueKey.isEmpty() || !spec.dependsOn.isEmpty())
        return Error{QStringLiteral("A held job cannot have a unique key or dependencies.")};
    // Filed not yet due, so no pool claims it between the insert and the claim below.
    JobSpec notYet = spec;
    notYet.runAt = m_clock.now().addDays(1);
    const auto enqueued = enqueue(notYet);
    if (!enqueued.ok())
        return Error{enqueued.error()};
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db);
    q.prepare(kClaimUpdate + QStringLiteral(", run_at = ? WHERE id = ? AND state = 'available' RETURNING ") + kColumns);
    bindClaim(q, owner, now, lease);
    q.addBindValue(ts(now));
    q.addBindValue(enqueued->id);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Holding job #%1 failed").arg(enqueued->id), q);
    if (!q.next())
        return Error{QStringLiteral("Job #%1 was taken before it could be held.").arg(enqueued->id)};
    return ClaimedJob{readJob(q), owner};
}

Status JobQueue::heartbeat(qint64 id, const QString &owner, std::chrono::milliseconds lease, bool *cancelRequested)
{
    // updated_at stays as it is: a heartbeat is not a change anyone watching needs to see.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? "
                             "AND state = 'running' RETURNING cancel_requested"));
    q.addBindValue(ts(m_clock.now().addMSecs(lease.count())));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Renewing the lease of job #%1 failed").arg(id), q);
    if (!q.next())
        return Error{QStringLiteral("Job #%1 is no longer held by %2.").arg(QString::number(id), owner)};
    if (cancelRequested)
        *cancelRequested = q.value(0).toInt() != 0;
    return success();
}

Result<QMap<qint64, bool>> JobQueue::renewLeases(const QStringList &owners, std::chrono::milliseconds lease)
{
    QMap<qint64, bool> held;
    if (owners.isEmpty())
        return held;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET lease_expires_at = ? WHERE state = 'running' AND lease_owner IN (")
              + placeholders(owners.size()) + QStringLiteral(") RETURNING id, cancel_requested"));
    q.addBindValue(ts(m_clock.now().addMSecs(lease.count())));
    for (const QString &owner : owners)
        q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Renewing leases failed"), q);
    while (q.next())
        held.insert(q.value(0).toLongLong(), q.value(1).toInt() != 0);
    return held;
}

Status JobQueue::reportProgress(qint64 id, const QString &owner, double fraction, const QString &text,
                                std::chrono::milliseconds lease)
{
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET progress = ?, progress_text = ?, lease_expires_at = ?, updated_at = ? "
                             "WHERE id = ? AND lease_owner = ? AND state = 'running'"));
    q.addBindValue(std::clamp(fraction, 0.0, 1.0));
    q.addBindValue(text.isEmpty() ? nullString() : QVariant(text));
    q.addBindValue(ts(now.addMSecs(lease.count())));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Reporting progress of job #%1 failed").arg(id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("Job #%1 is no longer held by %2.").arg(QString::number(id), owner)};
    return success();
}

Status JobQueue::saveCheckpoint(qint64 id, const QString &owner, const QJsonObject &checkpoint,
                                std::chrono::milliseconds lease)
{
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET checkpoint = ?, lease_expires_at = ?, updated_at = ? "
                             "WHERE id = ? AND lease_owner = ? AND state = 'running'"));
    q.addBindValue(toJson(checkpoint));
    q.addBindValue(ts(now.addMSecs(lease.count())));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Saving the checkpoint of job #%1 failed").arg(id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("Job #%1 is no longer held by %2.").arg(QString::number(id), owner)};
    return success();
}

Status JobQueue::complete(qint64 id, const QString &owner, const QJsonObject &result)
{
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'completed', result = ?, progress = 1, lease_owner = NULL, "
                             "lease_expires_at = NULL, finished_at = ?, updated_at = ?, cancel_requested = 0 "
                             "WHERE id = ? AND lease_owner = ? AND state = 'running'"));
    q.addBindValue(result.isEmpty() ? nullString() : QVariant(toJson(result)));
    q.addBindValue(ts(now));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Completing job #%1 failed").arg(id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("Job #%1 finished, but %2 no longer held it; its outcome was not recorded.")
                         .arg(QString::number(id), owner)};
    return success();
}

Result<JobState> JobQueue::fail(const ClaimedJob &claimed, const QString &message, bool final,
                                std::chrono::milliseconds retryDelay)
{
    const QDateTime now = m_clock.now();
    const JobRecord &job = claimed.job;
    const bool dead = final || job.attempt >= job.maxAttempts;
    QList<AttemptError> errors = job.errors;
    errors << AttemptError{job.attempt, now, message, claimed.owner, final};

    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return Error{tx.status().error()};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = ?, errors = ?, run_at = ?, lease_owner = NULL, "
                             "lease_expires_at = NULL, finished_at = ?, updated_at = ?, cancel_requested = 0 "
                             "WHERE id = ? AND lease_owner = ? AND state = 'running'"));
    q.addBindValue(dead ? QStringLiteral("dead") : QStringLiteral("retryable"));
    q.addBindValue(errorsToJson(errors));
    q.addBindValue(ts(dead ? job.runAt : now.addMSecs(retryDelay.count())));
    q.addBindValue(dead ? ts(now) : ts(QDateTime()));
    q.addBindValue(ts(now));
    q.addBindValue(job.id);
    q.addBindValue(claimed.owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Recording the failure of job #%1 failed").arg(job.id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("Job #%1 failed, but %2 no longer held it; the failure was not recorded.")
                         .arg(QString::number(job.id), claimed.owner)};
    if (dead) {
        const Status blocked = blockDependants(
            job.id, QStringLiteral("waits for job #%1 (%2), which is dead").arg(QString::number(job.id), job.kind),
            now);
        if (!blocked.ok())
            return Error{blocked.error()};
    }
    return commitAndReturn(tx, dead ? JobState::Dead : JobState::Retryable);
}

Status JobQueue::markCancelled(qint64 id, const QString &owner)
{
    const QDateTime now = m_clock.now();
    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return tx.status();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, "
                             "finished_at = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'running' "
                             "RETURNING kind"));
    q.addBindValue(ts(now));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Cancelling job #%1 failed").arg(id), q);
    if (!q.next())
        return Error{QStringLiteral("Job #%1 is no longer held by %2.").arg(QString::number(id), owner)};
    const QString kind = q.value(0).toString();
    q.finish();
    const Status blocked = blockDependants(
        id, QStringLiteral("waits for job #%1 (%2), which was cancelled").arg(QString::number(id), kind), now);
    if (!blocked.ok())
        return blocked;
    return tx.commit();
}

Status JobQueue::release(qint64 id, const QString &owner)
{
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'available', attempt = attempt - 1, run_at = ?, "
                             "lease_owner = NULL, lease_expires_at = NULL, updated_at = ? "
                             "WHERE id = ? AND lease_owner = ? AND state = 'running'"));
    q.addBindValue(ts(now));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Releasing job #%1 failed").arg(id), q);
    return success();
}

Result<int> JobQueue::rescueExpired()
{
    const QDateTime now = m_clock.now();
    struct Stranded
    {
        qint64 id;
        QString kind;
        int attempt;
        int maxAttempts;
        QString errors;
        QString owner;
    };
    QList<Stranded> stranded;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id, kind, attempt, max_attempts, errors, lease_owner FROM jobs "
                                 "WHERE state = 'running' AND lease_expires_at < ? ORDER BY id LIMIT 100"));
        q.addBindValue(ts(now));
        if (!q.exec())
            return sqlError(lcJobs(), QStringLiteral("Looking for stranded jobs failed"), q);
        while (q.next())
            stranded << Stranded{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                                 q.value(3).toInt(),      q.value(4).toString(), q.value(5).toString()};
    }
    int rescued = 0;
    for (const Stranded &job : stranded) {
        const bool dead = job.attempt >= job.maxAttempts;
        QList<AttemptError> errors = errorsFromJson(job.errors);
        errors << AttemptError{
            job.attempt, now,
            QStringLiteral("lease expired: worker %1 stopped renewing it (crashed or stalled)").arg(job.owner),
            job.owner, false};
        WriteTransaction tx(m_db, m_kind);
        if (!tx.status().ok())
            return Error{tx.status().error()};
        QSqlQuery q(m_db);
        // Guarded by owner and expiry: a worker that renewed its lease just now keeps its job.
        q.prepare(QStringLiteral("UPDATE jobs SET state = ?, errors = ?, run_at = ?, lease_owner = NULL, "
                                 "lease_expires_at = NULL, finished_at = ?, updated_at = ? "
                                 "WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_expires_at < ?"));
        q.addBindValue(dead ? QStringLiteral("dead") : QStringLiteral("retryable"));
        q.addBindValue(errorsToJson(errors));
        q.addBindValue(ts(now));
        q.addBindValue(dead ? ts(now) : ts(QDateTime()));
        q.addBindValue(ts(now));
        q.addBindValue(job.id);
        q.addBindValue(job.owner);
        q.addBindValue(ts(now));
        if (!q.exec())
            return sqlError(lcJobs(), QStringLiteral("Rescuing job #%1 failed").arg(job.id), q);
        if (q.numRowsAffected() == 0)
            continue;
        if (dead) {
            const Status blocked = blockDependants(
                job.id, QStringLiteral("waits for job #%1 (%2), which is dead").arg(QString::number(job.id), job.kind),
                now);
            if (!blocked.ok())
                return Error{blocked.error()};
        }
        const Status committed = tx.commit();
        if (!committed.ok())
            return Error{committed.error()};
        qCInfo(lcJobs).noquote() << QStringLiteral("Job #%1 (%2): lease of %3 expired; %4.")
                                        .arg(QString::number(job.id), job.kind, job.owner,
                                             dead ? QStringLiteral("out of attempts, now dead")
                                                  : QStringLiteral("will run again"));
        ++rescued;
    }
    return rescued;
}

Result<std::optional<QDateTime>> JobQueue::nextRunAt(const QStringList &kinds)
{
    QString sql = QStringLiteral("SELECT MIN(run_at) FROM jobs WHERE state IN ") + kRunnableStates
        + QStringLiteral(" AND (host IS NULL OR host = ?)");
    if (!kinds.isEmpty())
        sql += QStringLiteral(" AND kind IN (") + placeholders(kinds.size()) + QStringLiteral(")");
    QSqlQuery q(m_db);
    q.prepare(sql);
    q.addBindValue(m_host);
    for (const QString &kind : kinds)
        q.addBindValue(kind);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Reading the next run time failed"), q);
    std::optional<QDateTime> next;
    if (q.next() && !q.value(0).isNull())
        next = dialect::readTimestamp(q.value(0));
    return next;
}

Status JobQueue::blockDependants(qint64 rootId, const QString &reason, const QDateTime &now)
{
    // Everything downstream waits forever now; say so rather than leave it looking queued.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("WITH RECURSIVE downstream(id) AS ("
                             " SELECT job_id FROM job_dependencies WHERE depends_on = ?"
                             " UNION SELECT d.job_id FROM job_dependencies d JOIN downstream s ON d.depends_on = s.id)"
                             " UPDATE jobs SET state = 'blocked', blocked_reason = ?, updated_at = ?"
                             " WHERE id IN (SELECT id FROM downstream) AND state IN ")
              + kRunnableStates);
    q.addBindValue(rootId);
    q.addBindValue(reason);
    q.addBindValue(ts(now));
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Blocking the dependants of job #%1 failed").arg(rootId), q);
    return success();
}

Status JobQueue::unblockDependants(qint64 rootId, const QDateTime &now)
{
    // Repeat until nothing changes: a job downstream is freed once none of its own
    // dependencies is dead, cancelled or still blocked.
    for (int round = 0; round < 1000; ++round) {
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("WITH RECURSIVE downstream(id) AS ("
                           " SELECT job_id FROM job_dependencies WHERE depends_on = ?"
                           " UNION SELECT d.job_id FROM job_dependencies d JOIN downstream s ON d.depends_on = s.id)"
                           " UPDATE jobs SET state = 'available', blocked_reason = NULL, updated_at = ?"
                           " WHERE id IN (SELECT id FROM downstream) AND state = 'blocked'"
                           " AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.depends_on"
                           " WHERE d.job_id = jobs.id AND p.state IN ('dead', 'cancelled', 'blocked'))"));
        q.addBindValue(rootId);
        q.addBindValue(ts(now));
        if (!q.exec())
            return sqlError(lcJobs(), QStringLiteral("Unblocking the dependants of job #%1 failed").arg(rootId), q);
        if (q.numRowsAffected() <= 0)
            break;
    }
    return success();
}

Result<JobState> JobQueue::cancel(qint64 id)
{
    const QDateTime now = m_clock.now();
    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return Error{tx.status().error()};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'cancelled', finished_at = ?, updated_at = ? "
                             "WHERE id = ? AND state IN ")
              + kWaitingStates + QStringLiteral(" RETURNING kind"));
    q.addBindValue(ts(now));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Cancelling job #%1 failed").arg(id), q);
    if (q.next()) {
        const QString kind = q.value(0).toString();
        q.finish();
        const Status blocked = blockDependants(
            id, QStringLiteral("waits for job #%1 (%2), which was cancelled").arg(QString::number(id), kind), now);
        if (!blocked.ok())
            return Error{blocked.error()};
        return commitAndReturn(tx, JobState::Cancelled);
    }
    q.finish();
    QSqlQuery running(m_db);
    running.prepare(QStringLiteral("UPDATE jobs SET cancel_requested = 1, updated_at = ? "
                                   "WHERE id = ? AND state = 'running'"));
    running.addBindValue(ts(now));
    running.addBindValue(id);
    if (!running.exec())
        return sqlError(lcJobs(), QStringLiteral("Cancelling job #%1 failed").arg(id), running);
    if (running.numRowsAffected() > 0) {
        return commitAndReturn(tx, JobState::Running);
    }
    const auto job = get(id);
    if (!job.ok())
        return Error{job.error()};
    if (!job.value())
        return Error{QStringLiteral("There is no job #%1.").arg(id)};
    return Error{QStringLiteral("Job #%1 is %2; there is nothing to cancel.")
                     .arg(QString::number(id), stateName(job.value()->state))};
}

Status JobQueue::requeue(qint64 id)
{
    const QDateTime now = m_clock.now();
    WriteTransaction tx(m_db, m_kind);
    if (!tx.status().ok())
        return tx.status();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'available', attempt = 0, run_at = ?, finished_at = NULL, "
                             "lease_owner = NULL, lease_expires_at = NULL, blocked_reason = NULL, "
                             "cancel_requested = 0, updated_at = ? WHERE id = ? AND state IN ('dead', 'cancelled')"));
    q.addBindValue(ts(now));
    q.addBindValue(ts(now));
    q.addBindValue(id);
    if (!q.exec()) {
        if (q.lastError().databaseText().contains(QLatin1String("unique"), Qt::CaseInsensitive)
            || q.lastError().nativeErrorCode() == QLatin1String("23505"))
            return Error{
                QStringLiteral("Job #%1 cannot be requeued: another live job has the same unique key.").arg(id)};
        return sqlError(lcJobs(), QStringLiteral("Requeueing job #%1 failed").arg(id), q);
    }
    if (q.numRowsAffected() == 0) {
        const auto job = get(id);
        if (job.ok() && !job.value())
            return Error{QStringLiteral("There is no job #%1.").arg(id)};
        if (job.ok() && job.value()->state == JobState::Blocked)
            return Error{QStringLiteral("Job #%1 is blocked: it %2. Requeue that job instead.")
                             .arg(QString::number(id), job.value()->blockedReason)};
        return Error{QStringLiteral("Only dead or cancelled jobs can be requeued; job #%1 is %2.")
                         .arg(QString::number(id), job.ok() ? stateName(job.value()->state) : QStringLiteral("?"))};
    }
    const Status unblocked = unblockDependants(id, now);
    if (!unblocked.ok())
        return unblocked;
    return tx.commit();
}

Status JobQueue::discard(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM jobs WHERE id = ? AND state IN ") + kFinalStates);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Discarding job #%1 failed").arg(id), q);
    if (q.numRowsAffected() == 0) {
        const auto job = get(id);
        if (job.ok() && !job.value())
            return Error{QStringLiteral("There is no job #%1.").arg(id)};
        return Error{QStringLiteral("Only finished jobs (dead, cancelled, completed) can be discarded; job #%1 is %2.")
                         .arg(QString::number(id), job.ok() ? stateName(job.value()->state) : QStringLiteral("?"))};
    }
    return success();
}

Result<std::optional<JobRecord>> JobQueue::get(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM jobs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Reading job #%1 failed").arg(id), q);
    std::optional<JobRecord> job;
    if (!q.next())
        return job;
    job = readJob(q);
    q.finish();
    const auto dependencies = readDependencies(id);
    if (!dependencies.ok())
        return Error{dependencies.error()};
    job->dependsOn = dependencies.value();
    return job;
}

Result<QList<qint64>> JobQueue::readDependencies(qint64 id) const
{
    QSqlQuery deps(m_db);
    deps.prepare(QStringLiteral("SELECT depends_on FROM job_dependencies WHERE job_id = ? ORDER BY depends_on"));
    deps.addBindValue(id);
    if (!deps.exec())
        return sqlError(lcJobs(), QStringLiteral("Reading the dependencies of job #%1 failed").arg(id), deps);
    QList<qint64> dependsOn;
    while (deps.next())
        dependsOn << deps.value(0).toLongLong();
    return dependsOn;
}

Result<QList<JobRecord>> JobQueue::list(const JobFilter &filter)
{
    return list(filter, std::nullopt);
}

Result<QList<JobRecord>> JobQueue::list(const JobFilter &filter, std::optional<qint64> beforeId)
{
    QStringList conditions;
    if (!filter.states.isEmpty())
        conditions << QStringLiteral("state IN (") + placeholders(filter.states.size()) + QStringLiteral(")");
    if (!filter.kind.isEmpty())
        conditions << QStringLiteral("kind = ?");
    if (beforeId)
        conditions << QStringLiteral("id < ?");
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM jobs");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const JobState state : filter.states)
        q.addBindValue(stateName(state));
    if (!filter.kind.isEmpty())
        q.addBindValue(filter.kind);
    if (beforeId)
        q.addBindValue(*beforeId);
    q.addBindValue(std::max(1, filter.limit));
    if (!q.exec())
        return sqlError(lcJobs(), QStringLiteral("Listing jobs failed"), q);
    QList<JobRecord> jobs;
    QHash<qint64, qsizetype> index;
    while (q.next()) {
        index.insert(q.value(0).toLongLong(), jobs.size());
        jobs << readJob(q);
    }
    if (jobs.isEmpty())
        return jobs;
    QSqlQuery deps(m_db);
    deps.setForwardOnly(true);
    deps.prepare(QStringLiteral("SELECT job_id, depends_on FROM job_dependencies WHERE job_id BETWEEN ? AND ? "
                                "ORDER BY job_id, depends_on"));
    deps.addBindValue(jobs.constLast().id);
    deps.addBindValue(jobs.constFirst().id);
    if (!deps.exec())
        return sqlError(lcJobs(), QStringLiteral("Listing job dependencies failed"), deps);
    while (deps.next()) {
        const auto at = index.constFind(deps.value(0).toLongLong());
        if (at != index.constEnd())
            jobs[*at].dependsOn << deps.value(1).toLongLong();
    }
    return jobs;
}

Result<QStringList> JobQueue::kinds()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT kind FROM jobs ORDER BY kind")))
        return sqlError(lcJobs(), QStringLiteral("Listing job kinds failed"), q);
    QStringList kinds;
    while (q.next())
        kinds << q.value(0).toString();
    return kinds;
}

Result<QMap<JobState, int>> JobQueue::countByState()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT state, COUNT(*) FROM jobs GROUP BY state")))
        return sqlError(lcJobs(), QStringLiteral("Counting jobs failed"), q);
    QMap<JobState, int> counts;
    while (q.next()) {
        if (const auto state = jobStateFromString(q.value(0).toString()))
            counts.insert(*state, q.value(1).toInt());
    }
    return counts;
}

} // namespace insighta::jobs
