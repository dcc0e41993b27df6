#include "app/cli/commands/InterviewsCommand.h"

#include "app/cli/commands/ServiceOptions.h"
#include "core/db/Connection.h"
#include "core/interviews/AskInterview.h"
#include "core/interviews/InterviewJobHandlers.h"
#include "core/interviews/InterviewReports.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "core/services/JobServices.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>

namespace insighta::cli::interviews {

namespace {

constexpr int kFollowPollMs = 200;
// A retry further away than this is a parked job (a daily quota): --wait reports it and ends.
constexpr qint64 kParkedAfterMs = 10 * 60 * 1000;

// The configuration with at least one usable AI provider; otherwise a clear error (exit 3).
std::optional<ServiceConfig> providerConfig(Context &c, int &exitCode)
{
    auto config = loadServiceConfig(c.parser, c.io, exitCode);
    if (config && usableProviders(*config).isEmpty()) {
        c.io.err << "insighta interviews: no AI provider is configured. Set a key (INSIGHTA_GEMINI_API_KEY, "
                    "INSIGHTA_GROQ_API_KEY, INSIGHTA_OPENROUTER_API_KEY, the credentials file or the keychain) "
                    "for a provider in the settings' provider order.\n";
        exitCode = BackendFailure;
        return std::nullopt;
    }
    return config;
}

bool finished(jobs::JobState state)
{
    return state == jobs::JobState::Completed || state == jobs::JobState::Dead || state == jobs::JobState::Cancelled;
}

// Prints each change of the job's state on stderr until it ends; returns the final record.
std::optional<jobs::JobRecord> follow(jobs::JobQueue &queue, qint64 jobId, Io &io)
{
    QString last;
    for (;;) {
        const auto job = queue.get(jobId);
        if (!job.ok() || !job.value())
            return std::nullopt;
        const jobs::JobRecord &record = *job.value();
        QString line = QStringLiteral("job #%1: %2, attempt %3/%4")
                           .arg(jobId)
                           .arg(jobs::stateName(record.state))
                           .arg(record.attempt)
                           .arg(record.maxAttempts);
        if (!record.lastError().isEmpty())
            line += QStringLiteral(" (") + record.lastError() + QLatin1Char(')');
        if (line != last) {
            io.err << line << "\n";
            io.err.flush();
            last = line;
        }
        const bool parked = record.state == jobs::JobState::Retryable
            && QDateTime::currentDateTimeUtc().msecsTo(record.runAt) > kParkedAfterMs;
        if (finished(record.state) || parked)
            return record;
        QThread::msleep(kFollowPollMs);
    }
}

int waitForAssessment(Context &c, const ServiceConfig &config, qint64 jobId)
{
    // Runs the job here, so --wait ends even when no worker is running; a worker elsewhere
    // that claims it first is followed the same way through the queue.
    const JobServices services(config);
    auto registry = std::make_shared<jobs::JobRegistry>();
    registry->add(GenerateAssessmentHandler::kind(),
                  std::make_shared<GenerateAssessmentHandler>(c.url, services.aiBackend()));
    jobs::WorkerPoolOptions options;
    options.workers = 1;
    jobs::WorkerPool pool(c.url, registry, options);
    pool.start();
    Connection connection(c.url, QStringLiteral("cli-follow"));
    jobs::JobQueue queue(connection.database(), connection.kind());
    const auto record = follow(queue, jobId, c.io);
    pool.stop();
    if (!record) {
        c.io.err << "insighta interviews assess: job #" << jobId << " is gone.\n";
        return BackendFailure;
    }
    if (record->state == jobs::JobState::Retryable) {
        c.io.err << "insighta interviews assess: job #" << jobId << " is parked until "
                 << record->runAt.toUTC().toString(Qt::ISODate) << ": " << record->lastError() << "\n";
        return BackendFailure;
    }
    if (record->state != jobs::JobState::Completed) {
        c.io.err << "insighta interviews assess: the assessment failed: " << record->lastError() << "\n";
        return BackendFailure;
    }
    const QJsonObject result = record->result;
    const bool offline = result.value(QStringLiteral("offline")).toBool();
    c.io.out << "Assessment ready "
             << (offline ? QStringLiteral("(offline extractive summary)")
                         : QStringLiteral("from ") + result.value(QStringLiteral("provider")).toString())
             << "\n";
    return Success;
}

bool plausibleAddress(const QString &address)
{
    static const QRegularExpression email(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
    return email.match(address).hasMatch();
}

} // namespace

int assess(Context &c, const InterviewDetail &detail)
{
    int refused = Success;
    const auto config = providerConfig(c, refused);
    if (!config)
        return refused;
    const auto prepared = c.repository.prepareAssessment(detail.summary.id);
    if (!prepared.ok()) {
        c.io.err << "insighta interviews assess: " << prepared.error() << "\n";
        return UnusableInput;
    }
    Connection connection(c.url, QStringLiteral("cli-assess"));
    jobs::JobQueue queue(connection.database(), connection.kind());
    const auto job = queue.enqueue(GenerateAssessmentHandler::spec(prepared->id));
    if (!job.ok()) {
        c.io.err << "insighta interviews assess: " << job.error() << "\n";
        return BackendFailure;
    }
    if (const Status marked = c.repository.markGenerating(prepared->id, job->id); !marked.ok()) {
        c.io.err << "insighta interviews assess: " << marked.error() << "\n";
        return BackendFailure;
    }
    c.io.out << "Queued assessment " << prepared->id << " as job #" << job->id << "\n";
    c.io.out.flush();
    return c.parser.isSet(QStringLiteral("wait")) ? waitForAssessment(c, *config, job->id) : int(Success);
}

namespace {

// The provider's answer with its citations, or the offline extractive answer when none answered.
ask::Answer answer(const ServiceConfig &config, const QString &question, const InterviewDetail &detail)
{
    const QList<TranscriptTurn> &turns = detail.transcript.turns;
    const QString candidate = detail.summary.candidateName;
    const QList<TranscriptTurn> context = ask::retrieve(question, turns);
    AiRequest request;
    request.purpose = QStringLiteral("ask-interview");
    request.systemPrompt = ask::systemPrompt();
    request.userPrompt = ask::userPrompt(question, candidate, context);
    const JobServices services(config);
    std::optional<AiReply> reply;
    QEventLoop loop;
    QObject receiver;
    services.aiBackend()->send(request, &receiver, [&](const AiReply &r) {
        reply = r;
        loop.quit();
    });
    if (!reply)
        loop.exec();
    if (!reply || !reply->ok)
        return ask::offlineAnswer(question, turns, candidate);
    ask::Answer result;
    result.text = reply->text;
    result.provider = reply->provider;
    result.model = reply->model;
    result.citations = ask::extractCitations(reply->text, context);
    return result;
}

void printAnswer(const ask::Answer &a, bool json, Io &io)
{
    if (json) {
        QJsonArray citations;
        for (const ask::Citation &citation : a.citations)
            citations.append(QJsonObject{{QStringLiteral("turn_id"), citation.turnId},
                                         {QStringLiteral("elapsed"), citation.elapsed}});
        const QJsonObject object{{QStringLiteral("answer"), a.text},
                                 {QStringLiteral("citations"), citations},
                                 {QStringLiteral("offline"), a.offline},
                                 {QStringLiteral("provider"), a.provider},
                                 {QStringLiteral("model"), a.model}};
        io.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
        return;
    }
    io.out << a.text << "\n\n"
           << (a.offline ? QStringLiteral("Offline summary (no provider answered)")
                         : QStringLiteral("Answered by %1 (%2)").arg(a.provider, a.model))
           << "\n";
    for (const ask::Citation &citation : a.citations)
        io.out << "  [" << citation.elapsed << "] turn " << citation.turnId << "\n";
}

} // namespace

int ask(Context &c, const InterviewDetail &detail)
{
    const QString question = c.positional.value(2).trimmed();
    if (question.isEmpty())
        return usageError(c.io, QStringLiteral("interviews"), QStringLiteral("the question is empty."));
    if (detail.transcript.turns.isEmpty()) {
        c.io.err << "insighta interviews ask: interview " << detail.summary.id << " has no transcript to ask about.\n";
        return UnusableInput;
    }
    int refused = Success;
    const auto config = providerConfig(c, refused);
    if (!config)
        return refused;
    printAnswer(answer(*config, question, detail), c.parser.isSet(QStringLiteral("json")), c.io);
    return Success;
}

int email(Context &c, const InterviewDetail &detail)
{
    const QString to = c.parser.value(QStringLiteral("to")).trimmed();
    const QString name = c.parser.value(QStringLiteral("template"));
    if (!plausibleAddress(to))
        return usageError(c.io, QStringLiteral("interviews"),
                          QStringLiteral("email needs --to with an email address."));
    if (name != QLatin1String("invite") && name != QLatin1String("report"))
        return usageError(c.io, QStringLiteral("interviews"), QStringLiteral("--template must be invite or report."));
    int refused = Success;
    const auto config = loadServiceConfig(c.parser, c.io, refused);
    if (!config)
        return refused;
    if (!config->emailConfigured()) {
        c.io.err << "insighta interviews email: no Resend key is configured (INSIGHTA_RESEND_API_KEY, the "
                    "credentials file or the keychain); the email would never be sent.\n";
        return BackendFailure;
    }
    reports::EmailDraft draft;
    if (name == QLatin1String("invite")) {
        draft = reports::invitation(detail.summary, QString(), config->sender());
        draft.to = {to};
        draft.payload.insert(QStringLiteral("to"), QJsonArray{to});
    } else {
        const auto ready = std::find_if(detail.assessments.cbegin(), detail.assessments.cend(),
                                        [](const Assessment &a) { return a.status == QLatin1String("ready"); });
        if (ready == detail.assessments.cend()) {
            c.io.err << "insighta interviews email: interview " << detail.summary.id
                     << " has no ready assessment to report.\n";
            return UnusableInput;
        }
        draft = reports::reportShare(detail, *ready, to, QString(), config->sender());
    }
    const QString body = QString::fromUtf8(QJsonDocument(draft.payload).toJson(QJsonDocument::Compact));
    const auto queued = c.repository.queueEmail(draft.kind, detail.summary.id, draft.to, draft.subject, body);
    if (!queued.ok()) {
        c.io.err << "insighta interviews email: " << queued.error() << "\n";
        return BackendFailure;
    }
    Connection connection(c.url, QStringLiteral("cli-email"));
    jobs::JobQueue queue(connection.database(), connection.kind());
    const auto job = queue.enqueue(SendEmailHandler::spec(queued->id));
    if (!job.ok()) {
        c.io.err << "insighta interviews email: " << job.error() << "\n";
        return BackendFailure;
    }
    c.io.out << "Queued email " << queued->id << " to " << to << " as job #" << job->id << "\n";
    return Success;
}

} // namespace insighta::cli::interviews
