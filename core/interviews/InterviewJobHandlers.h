#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/interviews/AiBackend.h"
#include "core/jobs/JobHandler.h"
#include "core/jobs/JobRegistry.h"

#include <QPointer>

#include <memory>

namespace insighta::net {
class ResendClient;
}

namespace insighta {

// Assessment generation and email sending as durable jobs. Both handlers run on a worker
// thread, open their own database connection there, and wait for the network (whose objects
// live in their own thread) without blocking it: the AI reply arrives through a local event
// loop, the email result through a semaphore; both waits look at the job's cancel flag.

// kind "generate-assessment", payload {"assessment_id": "..."}.
// Marks the assessment generating with the job's id, sends assessment::generationRequest through
// the backend, then validates and stores the reply (assessment::storeReply). A reply the provider
// chain calls final (no provider, unauthorised, quota, invalid JSON) or one that fails
// validation is a final job error — the job goes dead and the assessment is failed with a
// readable message. A failure that may pass (providers down or rate limited, a cancelled call)
// is retried with the queue's backoff; if every provider is still down at the last attempt, the
// assessment is stored as the offline extractive summary (provider "offline", unscored,
// recommendation "not_assessed"; assessment::offlineAssessment). A ready assessment is not
// generated again.
class GenerateAssessmentHandler final : public jobs::JobHandler
{
public:
    GenerateAssessmentHandler(DatabaseUrl database, std::shared_ptr<AiBackend> backend);
    jobs::JobOutcome run(jobs::JobContext &context) override;

    static QString kind() { return QStringLiteral("generate-assessment"); }
    // unique per assessment, so a double click does not queue two generations
    static jobs::JobSpec spec(const QString &assessmentId);

private:
    DatabaseUrl m_database;
    std::shared_ptr<AiBackend> m_backend;
};

// kind "send-email", payload {"email_id": "..."}.
// Reads the emails row and sends its stored Resend body with the STORED idempotency key, so a
// retry — or a run after a crash — never sends twice. An email already sent is not sent again.
// Sent → status sent with Resend's id; quota held → status held with the message, job completed
// (not retried: a person retries after the reset); transient → retried; rejected → final.
class SendEmailHandler final : public jobs::JobHandler
{
public:
    // `client` lives in its own thread (with an event loop) and outlives the worker pool.
    SendEmailHandler(DatabaseUrl database, net::ResendClient *client);
    jobs::JobOutcome run(jobs::JobContext &context) override;

    static QString kind() { return QStringLiteral("send-email"); }
    static jobs::JobSpec spec(const QString &emailId);

private:
    DatabaseUrl m_database;
    QPointer<net::ResendClient> m_client;
};

// Registers both kinds. Emails go one at a time (Resend paces them anyway).
void registerInterviewJobHandlers(jobs::JobRegistry &registry, const DatabaseUrl &database,
                                  std::shared_ptr<AiBackend> backend, net::ResendClient *resend);

} // namespace insighta
