#include "core/interviews/InterviewJobHandlers.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/interviews/AssessmentGeneration.h"
#include "core/interviews/InterviewRepository.h"
#include "core/net/email/ResendClient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSemaphore>
#include <QTimer>

#include <optional>

namespace insighta {

using jobs::JobContext;
using jobs::JobOutcome;

namespace {

constexpr int kCancelPollMs = 100;

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out << value.toString();
    for (const QJsonValue v : value.toArray())
        out << v.toString();
    return out;
}

// The stored Resend request body back into the client's Email, with the stored key.
net::Email emailFromRow(const QueuedEmail &row)
{
    const QJsonObject body = QJsonDocument::fromJson(row.payloadJson.toUtf8()).object();
    net::Email email;
    email.from = body.value(QStringLiteral("from")).toString();
    email.to = stringList(body.value(QStringLiteral("to")));
    if (email.to.isEmpty())
        email.to = row.recipients;
    email.subject = body.value(QStringLiteral("subject")).toString(row.subject);
    email.html = body.value(QStringLiteral("html")).toString();
    email.text = body.value(QStringLiteral("text")).toString();
    email.replyTo = body.value(QStringLiteral("reply_to")).toString();
    email.cc = stringList(body.value(QStringLiteral("cc")));
    email.bcc = stringList(body.value(QStringLiteral("bcc")));
    for (const QJsonValue tag : body.value(QStringLiteral("tags")).toArray())
        email.tags.append({tag[QStringLiteral("name")].toString(), tag[QStringLiteral("value")].toString()});
    email.idempotencyKey = row.idempotencyKey;
    return email;
}

// Sends through the backend and waits in this (worker) thread with a local event loop, which
// also delivers the reply. nullopt = the job was cancelled or the pool is stopping.
std::optional<AiReply> askBackend(AiBackend &backend, const AiRequest &request, JobContext &context)
{
    std::optional<AiReply> reply;
    QEventLoop loop;
    QObject receiver; // dropping it drops a late reply
    backend.send(request, &receiver, [&reply, &loop](const AiReply &r) {
        reply = r;
        loop.quit();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&context, &loop] {
        if (context.isCancelled())
            loop.quit();
    });
    poll.start(kCancelPollMs);
    if (!reply)
        loop.exec();
    return reply;
}

struct EmailWait
{
    QSemaphore done;
    QMutex mutex;
    net::EmailResult result;
};

} // namespace

GenerateAssessmentHandler::GenerateAssessmentHandler(DatabaseUrl database, std::shared_ptr<AiBackend> backend)
    : m_database(std::move(database))
    , m_backend(backend ? std::move(backend) : std::make_shared<NoAiBackend>())
{
}

jobs::JobSpec GenerateAssessmentHandler::spec(const QString &assessmentId)
{
    jobs::JobSpec spec;
    spec.kind = kind();
    spec.payload = QJsonObject{{QStringLiteral("assessment_id"), assessmentId}};
    spec.uniqueKey = kind() + QLatin1Char(':') + assessmentId;
    spec.priority = 3; // a person is waiting for it
    return spec;
}

JobOutcome GenerateAssessmentHandler::run(JobContext &context)
{
    const QString assessmentId = context.payload().value(QStringLiteral("assessment_id")).toString();
    if (assessmentId.isEmpty())
        return JobOutcome::fail(QStringLiteral("The job names no assessment."));
    Connection connection(m_database, QStringLiteral("interview-jobs"));
    if (!connection.ok())
        return JobOutcome::retry(connection.error());
    InterviewRepository repository(connection.database(), connection.kind());

    const auto current = repository.assessment(assessmentId);
    if (!current.ok())
        return JobOutcome::fail(current.error());
    if (current.value().status == QLatin1String("ready"))
        return JobOutcome::success(
            QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}, {QStringLiteral("already"), true}});
    if (const Status marked = repository.markGenerating(assessmentId, context.id()); !marked.ok())
        return JobOutcome::retry(marked.error());
    const auto detail = repository.load(current.value().interviewId);
    if (!detail.ok()) {
        repository.storeFailed(assessmentId, detail.error());
        return JobOutcome::fail(detail.error());
    }

    const std::optional<AiReply> reply = askBackend(*m_backend, assessment::generationRequest(detail.value()), context);
    if (!reply)
        return JobOutcome::retry(QStringLiteral("Stopped before the provider answered."));
    // A failure that may pass (provider down, rate limited): the job tries again later with
    // backoff while the assessment stays "generating". On the last attempt it is stored as
    // failed now, so the person sees the real reason rather than reconciliation's.
    if (!reply->ok && reply->retryable && context.attempt() < context.maxAttempts()) {
        // A spent daily quota: the job is parked until the reset the provider named, not
        // retried on the queue's short backoff.
        if (reply->retryAfterMs)
            return JobOutcome::retry(reply->error, std::chrono::milliseconds(*reply->retryAfterMs));
        return JobOutcome::retry(reply->error);
    }

    if (!reply->ok && reply->retryable) {
        // Every provider stayed down to the last attempt: a labelled, unscored extractive summary
        // rather than an assessment that never leaves "generating" or only says "failed".
        const Status s
            = repository.storeReady(assessmentId, assessment::offlineAssessment(detail.value(), reply->error),
                                    assessment::offlineProvider(), QStringLiteral("extractive"));
        if (!s.ok())
            return JobOutcome::retry(s.error());
        return JobOutcome::success(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")},
                                               {QStringLiteral("offline"), true},
                                               {QStringLiteral("provider"), assessment::offlineProvider()},
                                               {QStringLiteral("error"), reply->error}});
    }
    const auto stored = assessment::storeReply(repository, assessmentId, *reply);
    if (!stored.ok())
        return JobOutcome::retry(stored.error()); // the database, not the reply: try again
    if (stored.value() != QLatin1String("ready")) {
        const auto failed = repository.assessment(assessmentId);
        const QString message = failed.ok() && !failed.value().error.isEmpty() ? failed.value().error : reply->error;
        qCWarning(lcInterviews).noquote() << "Assessment" << assessmentId << "failed:" << message;
        return JobOutcome::fail(message);
    }
    return JobOutcome::success(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")},
                                           {QStringLiteral("provider"), reply->provider},
                                           {QStringLiteral("model"), reply->model},
                                           {QStringLiteral("attempts"), reply->attempts}});
}

SendEmailHandler::SendEmailHandler(DatabaseUrl database, net::ResendClient *client)
    : m_database(std::move(database))
    , m_client(client)
{
}

jobs::JobSpec SendEmailHandler::spec(const QString &emailId)
{
    jobs::JobSpec spec;
    spec.kind = kind();
    spec.payload = QJsonObject{{QStringLiteral("email_id"), emailId}};
    spec.uniqueKey = kind() + QLatin1Char(':') + emailId;
    return spec;
}

JobOutcome SendEmailHandler::run(JobContext &context)
{
    const QString emailId = context.payload().value(QStringLiteral("email_id")).toString();
    if (emailId.isEmpty())
        return JobOutcome::fail(QStringLiteral("The job names no email."));
    Connection connection(m_database, QStringLiteral("interview-jobs"));
    if (!connection.ok())
        return JobOutcome::retry(connection.error());
    InterviewRepository repository(connection.database(), connection.kind());
    const auto row = repository.email(emailId);
    if (!row.ok())
        return JobOutcome::fail(row.error());
    if (row.value().status == QLatin1String("sent"))
        return JobOutcome::success(
            QJsonObject{{QStringLiteral("id"), row.value().providerId}, {QStringLiteral("already"), true}});
    if (row.value().idempotencyKey.isEmpty())
        return JobOutcome::fail(QStringLiteral("The email has no idempotency key; queue it again."));
    if (!m_client)
        return JobOutcome::retry(QStringLiteral("The email client is not running."));

    // "sending" until Resend answers: a crash here leaves the row to a later run, which sends
    // the same key again and so cannot send twice.
    if (const Status s = repository.updateEmail(emailId, QStringLiteral("sending"), {}, {}); !s.ok())
        return JobOutcome::retry(s.error());

    auto wait = std::make_shared<EmailWait>();
    const net::Email email = emailFromRow(row.value());
    QPointer<net::ResendClient> client = m_client;
    QMetaObject::invokeMethod(client, [client, email, wait] {
        client->send(email, client, [wait](const net::EmailResult &result) {
            {
                QMutexLocker lock(&wait->mutex);
                wait->result = result;
            }
            wait->done.release();
        });
    });
    while (!wait->done.tryAcquire(1, kCancelPollMs)) {
        if (context.isCancelled()) {
            repository.updateEmail(emailId, QStringLiteral("queued"), {}, {});
            return JobOutcome::retry(QStringLiteral("Stopped before Resend answered."));
        }
    }
    net::EmailResult result;
    {
        QMutexLocker lock(&wait->mutex);
        result = wait->result;
    }

    using S = net::EmailResult::Status;
    switch (result.status) {
    case S::Sent:
        if (const Status s = repository.updateEmail(emailId, QStringLiteral("sent"), result.id, {}); !s.ok())
            return JobOutcome::retry(s.error()); // the next run sends the same key: Resend answers with the same id
        return JobOutcome::success(
            QJsonObject{{QStringLiteral("id"), result.id}, {QStringLiteral("attempts"), result.attempts}});
    case S::Held:
        repository.updateEmail(emailId, QStringLiteral("held"), {}, result.message);
        return JobOutcome::success(
            QJsonObject{{QStringLiteral("held"), true}, {QStringLiteral("message"), result.message}});
    case S::Retry:
    case S::Cancelled:
        repository.updateEmail(emailId, QStringLiteral("queued"), {}, result.message);
        return JobOutcome::retry(result.message);
    case S::Failed:
        break;
    }
    repository.updateEmail(emailId, QStringLiteral("failed"), {}, result.message);
    return JobOutcome::fail(result.message);
}

void registerInterviewJobHandlers(jobs::JobRegistry &registry, const DatabaseUrl &database,
                                  std::shared_ptr<AiBackend> backend, net::ResendClient *resend)
{
    registry.add(GenerateAssessmentHandler::kind(),
                 std::make_shared<GenerateAssessmentHandler>(database, std::move(backend)));
    jobs::KindOptions emailOptions;
    emailOptions.maxConcurrency = 1;
    registry.add(SendEmailHandler::kind(), std::make_shared<SendEmailHandler>(database, resend), emailOptions);
}

} // namespace insighta
