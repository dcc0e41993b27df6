#include "core/demo/DemoSeeder.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/Dialect.h"
#include "core/db/ProfileWriter.h"
#include "core/interviews/DemoInterviews.h"
#include "core/profiles/DemoGenerator.h"
#include "core/profiles/Uuid.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace insighta {

namespace {

Status seedInterviews(QSqlDatabase db, DatabaseKind kind, int *count)
{
    const QList<DemoInterview> interviews = demoInterviews();
    if (!db.transaction())
        return Error{describeSqlError(db)};
    QSqlQuery query(db);
    auto fail = [&](const QString &what) {
        const QString message = what + QStringLiteral(": ") + query.lastError().text();
        db.rollback();
        return Status(Error{message});
    };
    const QVariant now = dialect::bindTimestamp(kind, QDateTime::currentDateTimeUtc());
    for (const DemoInterview &interview : interviews) {
        // Refresh: replace the demo interview and everything hanging off it.
        query.prepare(QStringLiteral("DELETE FROM interviews WHERE id = ?"));
        query.addBindValue(interview.id);
        if (!query.exec())
            return fail(QStringLiteral("Cannot refresh demo interview"));
        query.prepare(QStringLiteral(
            "INSERT INTO interviews (id, candidate_name, candidate_email, role, scheduled_at, started_at, ended_at, "
            "status, transcript_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(interview.id);
        query.addBindValue(interview.candidateName);
        query.addBindValue(interview.candidateEmail);
        query.addBindValue(interview.role);
        query.addBindValue(dialect::bindTimestamp(kind, interview.scheduledAt));
        query.addBindValue(dialect::bindTimestamp(kind, interview.startedAt));
        query.addBindValue(dialect::bindTimestamp(kind, interview.endedAt));
        query.addBindValue(interview.status);
        query.addBindValue(interview.turns.isEmpty()
                               ? QVariant(QMetaType::fromType<QString>())
                               : QVariant(QString::fromUtf8(
                                   QJsonDocument(interview.transcriptJson()).toJson(QJsonDocument::Compact))));
        query.addBindValue(now);
        if (!query.exec())
            return fail(QStringLiteral("Cannot insert demo interview"));
        for (int i = 0; i < interview.turns.size(); ++i) {
            if (!interview.isTurnStored(i))
                continue;
            const DemoTurn &turn = interview.turns.at(i);
            query.prepare(
                QStringLiteral("INSERT INTO transcript_turns (id, interview_id, sequence, speaker, text, started_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)"));
            query.addBindValue(
                uuidV5(interview.id + QStringLiteral("/turn/") + QString::number(i)).toString(QUuid::WithoutBraces));
            query.addBindValue(interview.id);
            query.addBindValue(i + 1);
            query.addBindValue(turn.speaker);
            query.addBindValue(turn.text);
            query.addBindValue(dialect::bindTimestamp(kind, interview.startedAt.addSecs(turn.offsetSeconds)));
            if (!query.exec())
                return fail(QStringLiteral("Cannot insert demo transcript turn"));
        }
        int n = 0;
        for (const DemoAssessment &a : interview.assessments) {
            query.prepare(QStringLiteral("INSERT INTO assessments (id, interview_id, status, summary, scorecard_json, "
                                         "strengths_json, concerns_json, "
                                         "recommendation, provider, model, generated_at, error, updated_at) VALUES (?, "
                                         "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            query.addBindValue(uuidV5(interview.id + QStringLiteral("/assessment/") + QString::number(n++))
                                   .toString(QUuid::WithoutBraces));
            query.addBindValue(interview.id);
            query.addBindValue(a.status);
            auto textOrNull
                = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s); };
            query.addBindValue(textOrNull(a.summary));
            query.addBindValue(textOrNull(a.scorecardJson));
            query.addBindValue(textOrNull(a.strengthsJson));
            query.addBindValue(textOrNull(a.concernsJson));
            query.addBindValue(textOrNull(a.recommendation));
            const bool ready = a.status == QLatin1String("ready");
            query.addBindValue(ready ? QVariant(QStringLiteral("demo")) : QVariant(QMetaType::fromType<QString>()));
            query.addBindValue(ready ? QVariant(QStringLiteral("sample data"))
                                     : QVariant(QMetaType::fromType<QString>()));
            query.addBindValue(ready ? dialect::bindTimestamp(kind, interview.endedAt.addSecs(600))
                                     : dialect::bindTimestamp(kind, {}));
            query.addBindValue(textOrNull(a.error));
            query.addBindValue(now);
            if (!query.exec())
                return fail(QStringLiteral("Cannot insert demo assessment"));
        }
    }
    if (!db.commit())
        return Error{describeSqlError(db)};
    *count = int(interviews.size());
    return success();
}

} // namespace

DemoSeeder::DemoSeeder(DatabaseUrl url)
    : m_url(std::move(url))
{
}

Result<DemoSummary> DemoSeeder::run(qint64 profiles, const Progress &progress, const std::atomic_bool *cancel)
{
    Connection connection(m_url, QStringLiteral("demo"));
    if (!connection.ok())
        return Error{connection.error()};
    DemoSummary summary;
    summary.profilesRequested = profiles;

    if (const Status s = seedInterviews(connection.database(), m_url.kind, &summary.interviews); !s.ok())
        return Error{QStringLiteral("Cannot write the demo interviews: %1").arg(s.error())};

    DemoGenerator generator;
    ProfileWriter writer(connection.database(), m_url.kind);
    constexpr qint64 kBatch = 5000;
    QList<Profile> batch;
    batch.reserve(kBatch);
    for (qint64 done = 0; done < profiles;) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        batch.clear();
        const qint64 count = qMin(kBatch, profiles - done);
        for (qint64 i = 0; i < count; ++i)
            batch.append(generator.next());
        const auto inserted = writer.insert(batch);
        if (!inserted.ok())
            return Error{QStringLiteral("Cannot write demo profiles: %1").arg(inserted.error())};
        summary.profilesInserted += inserted.value();
        done += count;
        if (progress)
            progress(done, profiles);
    }
    if (m_url.kind == DatabaseKind::Sqlite) {
        QSqlQuery analyze(connection.database());
        analyze.exec(QStringLiteral("ANALYZE"));
    } else {
        QSqlQuery analyze(connection.database());
        analyze.exec(QStringLiteral("ANALYZE profiles"));
    }
    qCInfo(lcDb) << "Demo workspace ready:" << summary.profilesInserted << "new profiles," << summary.interviews
                 << "interviews";
    return summary;
}

Result<bool> workspaceIsEmpty(const DatabaseUrl &url)
{
    Connection connection(url, QStringLiteral("probe"));
    if (!connection.ok())
        return Error{connection.error()};
    QSqlQuery query(connection.database());
    if (!query.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM profiles)")) || !query.next())
        return Error{query.lastError().text()};
    return !query.value(0).toBool();
}

} // namespace insighta
