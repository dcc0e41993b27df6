#include "app/cli/commands/Commands.h"

#include "app/cli/commands/ServiceOptions.h"

#include "core/common/UntrustedText.h"
#include "core/db/Connection.h"
#include "core/jobs/ForegroundRunner.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "core/jobs/handlers/BuiltinHandlers.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "core/services/JobServices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>

#include <limits>

namespace insighta::cli {

namespace {

using jobs::JobQueue;
using jobs::JobRecord;
using jobs::JobState;

const QString kUsage = QStringLiteral(
    "Background jobs.\n\n"
    "  insighta jobs list [--state S[,S...]] [--kind K] [--limit N] [--before-id ID] [--json]\n"
    "                                 newest first; --before-id ID pages to older jobs\n"
    "  insighta jobs show ID [--json] everything about one job, with its attempt history\n"
    "  insighta jobs retry ID         requeue a dead or cancelled job (attempts start over)\n"
    "  insighta jobs cancel ID        cancel a waiting job, or ask a running one to stop\n"
    "  insighta jobs discard ID       delete a finished (dead, cancelled, completed) job\n"
    "  insighta jobs enqueue KIND [--payload JSON] [--priority P] [--max-attempts N] [--unique-key K]\n"
    "                                 [--depends-on ID[,ID...]]\n"
    "  insighta jobs work [--workers N] [--lease-ms MS] [--poll-ms MS] [--exit-when-idle]\n"
    "                     [--shared-folder DIR]... [--settings FILE] [--credentials FILE]\n"
    "                                 run a worker pool in the foreground until interrupted: imports\n"
    "                                 (only those filed by this user on this machine), assessments,\n"
    "                                 emails; keys from the keychain, INSIGHTA_<ID>_API_KEY or the\n"
    "                                 credentials file\n\n"
    "States: available, running, retryable, completed, dead, cancelled, blocked.");

QString timeText(const QDateTime &value)
{
    return value.isValid() ? value.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString progressText(const JobRecord &job)
{
    if (job.state != JobState::Running || !job.progress)
        return QStringLiteral("-");
    return QString::number(int(*job.progress * 100)) + QLatin1Char('%');
}

QString oneLine(QString text, int width)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.size() > width ? text.left(width - 1) + QChar(0x2026) : text;
}

std::optional<qint64> parseId(const QStringList &positional, Io &io, const QString &action)
{
    bool ok = false;
    const qint64 id = positional.value(1).toLongLong(&ok);
    if (positional.size() != 2 || !ok || id <= 0) {
        usageError(io, QStringLiteral("jobs"), QStringLiteral("expected 'insighta jobs %1 ID'.").arg(action));
        return std::nullopt;
    }
    return id;
}

// ISO 8601 in UTC with milliseconds ("2026-03-01T09:05:25.120Z"); null when unset.
QJsonValue isoTime(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The stable --json shape of a job in `list` (docs/cli.md): snake_case keys, always present,
// null when a value is unset.
QJsonObject jobSummaryJson(const JobRecord &job)
{
    QJsonArray dependsOn;
    for (const qint64 dependency : job.dependsOn)
        dependsOn.append(dependency);
    return QJsonObject{
        {QStringLiteral("id"), job.id},
        {QStringLiteral("kind"), job.kind},
        {QStringLiteral("state"), jobs::stateName(job.state)},
        {QStringLiteral("priority"), job.priority},
        {QStringLiteral("attempt"), job.attempt},
        {QStringLiteral("max_attempts"), job.maxAttempts},
        {QStringLiteral("run_at"), isoTime(job.runAt)},
        {QStringLiteral("created_at"), isoTime(job.createdAt)},
        {QStringLiteral("updated_at"), isoTime(job.updatedAt)},
        {QStringLiteral("finished_at"), isoTime(job.finishedAt)},
        {QStringLiteral("last_error"), textOrNull(job.lastError())},
        {QStringLiteral("unique_key"), textOrNull(job.uniqueKey)},
        {QStringLiteral("progress"), job.progress ? QJsonValue(*job.progress) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("progress_text"), textOrNull(job.progressText)},
        {QStringLiteral("blocked_reason"), textOrNull(job.blockedReason)},
        {QStringLiteral("cancel_requested"), job.cancelRequested},
        {QStringLiteral("depends_on"), dependsOn},
    };
}

// `show --json`: the summary plus the payload, checkpoint, result, lease and attempt history.
QJsonObject jobDetailJson(const JobRecord &job)
{
    QJsonObject object = jobSummaryJson(job);
    object.insert(QStringLiteral("payload"), job.payload);
    object.insert(QStringLiteral("checkpoint"),
                  job.checkpoint.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(job.checkpoint));
    object.insert(QStringLiteral("result"),
                  job.result.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(job.result));
    object.insert(QStringLiteral("lease_owner"), textOrNull(job.leaseOwner));
    object.insert(QStringLiteral("lease_expires_at"), isoTime(job.leaseExpiresAt));
    object.insert(QStringLiteral("attempted_by"), textOrNull(job.attemptedBy));
    object.insert(QStringLiteral("attempted_at"), isoTime(job.attemptedAt));
    QJsonArray errors;
    for (const jobs::AttemptError &error : job.errors)
        errors.append(QJsonObject{
            {QStringLiteral("attempt"), error.attempt},
            {QStringLiteral("at"), isoTime(error.at)},
            {QStringLiteral("message"), error.message},
            {QStringLiteral("worker"), textOrNull(error.worker)},
            {QStringLiteral("final"), error.final},
        });
    object.insert(QStringLiteral("errors"), errors);
    return object;
}

// Quotes an argument for a POSIX shell only when it needs it, so the printed next-page command
// can be pasted as is.
QString shellQuoted(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// A positive integer option; nullopt (and a usage error printed) when it is anything else.
std::optional<qint64> positiveOption(const QCommandLineParser &parser, const QString &name, qint64 max, Io &io)
{
    bool ok = false;
    const qint64 value = parser.value(name).trimmed().toLongLong(&ok);
    if (!ok || value <= 0) {
        usageError(io, QStringLiteral("jobs"),
                   QStringLiteral("--%1 expects a whole number above 0, not '%2'.").arg(name, parser.value(name)));
        return std::nullopt;
    }
    if (value > max) {
        usageError(io, QStringLiteral("jobs"), QStringLiteral("--%1 is at most %2.").arg(name).arg(max));
        return std::nullopt;
    }
    return value;
}

constexpr int kMaxListLimit = 100000;

int listJobs(JobQueue &queue, const QCommandLineParser &parser, Io &io)
{
    jobs::JobFilter filter;
    for (const QString &name : parser.value(QStringLiteral("state")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto state = jobs::jobStateFromString(name.trimmed());
        if (!state)
            return usageError(io, QStringLiteral("jobs"), QStringLiteral("unknown state '%1'.").arg(name));
        filter.states << *state;
    }
    filter.kind = parser.value(QStringLiteral("kind"));
    if (parser.isSet(QStringLiteral("limit"))) {
        const auto limit = positiveOption(parser, QStringLiteral("limit"), kMaxListLimit, io);
        if (!limit)
            return UnusableInput;
        filter.limit = int(*limit);
    }
    std::optional<qint64> beforeId;
    if (parser.isSet(QStringLiteral("before-id"))) {
        beforeId = positiveOption(parser, QStringLiteral("before-id"), std::numeric_limits<qint64>::max(), io);
        if (!beforeId)
            return UnusableInput;
    }
    const int pageSize = filter.limit;
    filter.limit = pageSize + 1; // one more than shown says whether an older page exists
    auto listed = queue.list(filter, beforeId);
    if (!listed.ok()) {
        io.err << "insighta jobs list: " << listed.error() << "\n";
        return BackendFailure;
    }
    QList<JobRecord> page = listed.value();
    const bool more = page.size() > pageSize;
    if (more)
        page.resize(pageSize);

    if (parser.isSet(QStringLiteral("json"))) {
        // A bare array; the next page is --before-id <last id> until the array comes back empty.
        QJsonArray array;
        for (const JobRecord &job : std::as_const(page))
            array.append(jobSummaryJson(job));
        io.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Success;
    }

    io.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                  .arg(QStringLiteral("ID"), 8)
                  .arg(QStringLiteral("STATE"), -9)
                  .arg(QStringLiteral("KIND"), -20)
                  .arg(QStringLiteral("PRI"), 3)
                  .arg(QStringLiteral("ATTEMPT"), -7)
                  .arg(QStringLiteral("NEXT RUN (UTC)"), -19)
                  .arg(QStringLiteral("PROG"), 4)
                  .arg(QStringLiteral("LAST ERROR"));
    for (const JobRecord &job : std::as_const(page)) {
        const bool waiting = job.state == JobState::Available || job.state == JobState::Retryable;
        io.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                      .arg(job.id, 8)
                      .arg(jobs::stateName(job.state), -9)
                      .arg(oneLine(job.kind, 20), -20)
                      .arg(job.priority, 3)
                      .arg(QStringLiteral("%1/%2").arg(job.attempt).arg(job.maxAttempts), -7)
                      .arg(waiting ? timeText(job.runAt) : QStringLiteral("-"), -19)
                      .arg(progressText(job), 4)
                      .arg(oneLine(job.state == JobState::Blocked ? job.blockedReason : job.lastError(), 60));
    }
    if (more) {
        // The same selection, one page older: paste it to continue.
        QStringList next{QStringLiteral("insighta"), QStringLiteral("jobs"), QStringLiteral("list")};
        for (const char *option : {"state", "kind", "limit", "database"}) {
            const QString name = QLatin1String(option);
            if (parser.isSet(name))
                next << QStringLiteral("--") + name << shellQuoted(parser.value(name));
        }
        next << QStringLiteral("--before-id") << QString::number(page.constLast().id);
        io.out << "More jobs: " << next.join(QLatin1Char(' ')) << "\n";
    }
    return Success;
}

int showJob(JobQueue &queue, qint64 id, bool json, Io &io)
{
    const auto found = queue.get(id);
    if (!found.ok()) {
        io.err << "insighta jobs show: " << found.error() << "\n";
        return BackendFailure;
    }
    if (!found.value()) {
        io.err << "insighta jobs show: there is no job #" << id << ".\n";
        return UnusableInput;
    }
    const JobRecord &job = *found.value();
    if (json) {
        io.out << QString::fromUtf8(QJsonDocument(jobDetailJson(job)).toJson(QJsonDocument::Indented));
        return Success;
    }
    auto line = [&io](const char *label, const QString &value) {
        io.out << QStringLiteral("%1 %2\n").arg(QLatin1String(label), -15).arg(value);
    };
    line("id:", QString::number(job.id));
    line("kind:", job.kind);
    line("state:",
         jobs::stateName(job.state) + (job.cancelRequested ? QStringLiteral(" (cancel requested)") : QString()));
    line("priority:", QString::number(job.priority));
    line("attempt:", QStringLiteral("%1 of %2").arg(job.attempt).arg(job.maxAttempts));
    line("run at:", timeText(job.runAt));
    if (!job.uniqueKey.isEmpty())
        line("unique key:", job.uniqueKey);
    if (!job.dependsOn.isEmpty()) {
        QStringList ids;
        for (const qint64 dependency : job.dependsOn)
            ids << QStringLiteral("#%1").arg(dependency);
        line("depends on:", ids.join(QStringLiteral(", ")));
    }
    if (!job.blockedReason.isEmpty())
        line("blocked:", job.blockedReason);
    if (job.progress)
        line("progress:",
             QStringLiteral("%1%%2")
                 .arg(int(*job.progress * 100))
                 .arg(job.progressText.isEmpty() ? QString() : QStringLiteral(" ") + job.progressText));
    if (!job.leaseOwner.isEmpty())
        line("lease:", QStringLiteral("%1 until %2").arg(job.leaseOwner, timeText(job.leaseExpiresAt)));
    if (!job.attemptedBy.isEmpty())
        line("last worker:", QStringLiteral("%1 at %2").arg(job.attemptedBy, timeText(job.attemptedAt)));
    line("created:", timeText(job.createdAt));
    line("updated:", timeText(job.updatedAt));
    if (job.finishedAt.isValid())
        line("finished:", timeText(job.finishedAt));
    line("payload:", QString::fromUtf8(QJsonDocument(job.payload).toJson(QJsonDocument::Compact)));
    if (!job.checkpoint.isEmpty())
        line("checkpoint:", QString::fromUtf8(QJsonDocument(job.checkpoint).toJson(QJsonDocument::Compact)));
    if (!job.result.isEmpty())
        line("result:", QString::fromUtf8(QJsonDocument(job.result).toJson(QJsonDocument::Compact)));
    if (job.errors.isEmpty()) {
        io.out << "attempt history: no failed attempts\n";
    } else {
        io.out << "attempt history:\n";
        for (const jobs::AttemptError &error : job.errors)
            // One arg() call: the worker name and the message come from the database, and a "%1"
            // inside them must not be filled by a later arg().
            io.out << QStringLiteral("  #%1  %2  %3%4: %5\n")
                          .arg(QString::number(error.attempt), timeText(error.at), error.worker,
                               error.final ? QStringLiteral(" (final)") : QString(), printable(error.message));
    }
    return Success;
}

int enqueueJob(JobQueue &queue, const QCommandLineParser &parser, const QStringList &positional, Io &io)
{
    if (positional.size() != 2)
        return usageError(io, QStringLiteral("jobs"), QStringLiteral("expected 'insighta jobs enqueue KIND'."));
    jobs::JobSpec spec;
    spec.kind = positional.at(1);
    if (parser.isSet(QStringLiteral("payload"))) {
        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(parser.value(QStringLiteral("payload")).toUtf8(), &error);
        if (!document.isObject())
            return usageError(io, QStringLiteral("jobs"), QStringLiteral("--payload must be a JSON object."));
        spec.payload = document.object();
    }
    if (parser.isSet(QStringLiteral("priority")))
        spec.priority = parser.value(QStringLiteral("priority")).toInt();
    if (parser.isSet(QStringLiteral("max-attempts")))
        spec.maxAttempts = parser.value(QStringLiteral("max-attempts")).toInt();
    spec.uniqueKey = parser.value(QStringLiteral("unique-key"));
    if (spec.kind == jobs::ImportJobHandler::kind()) {
        // An import reads a file of this machine: it is filed for this machine, and signed so
        // that its workers know this user filed it (docs/security.md).
        auto sealed = jobs::ImportJobHandler::sealed(spec);
        if (!sealed.ok())
            return usageError(io, QStringLiteral("jobs"), sealed.error() + QLatin1Char('.'));
        spec = std::move(sealed).value();
    }
    for (const QString &id : parser.value(QStringLiteral("depends-on")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        spec.dependsOn << id.trimmed().toLongLong();
    const auto enqueued = queue.enqueue(spec);
    if (!enqueued.ok()) {
        io.err << "insighta jobs enqueue: " << enqueued.error() << "\n";
        return enqueued.error().contains(QLatin1String("failed:")) ? BackendFailure : UnusableInput;
    }
    io.out << (enqueued->existing ? "Already queued: job #" : "Enqueued job #") << enqueued->id << "\n";
    return Success;
}

// What the worker can reach, by name only: keys never appear in its output.
void describeServices(const ServiceConfig &config, Io &io)
{
    const QStringList providers = usableProviders(config);
    io.out << "AI providers: "
           << (providers.isEmpty() ? QStringLiteral("none configured (assessments use the offline summary)")
                                   : providers.join(QStringLiteral(", ")))
           << "\nEmail: "
           << (config.emailConfigured() ? QStringLiteral("Resend") : QStringLiteral("no Resend key (emails wait)"))
           << "\n";
}

int work(const DatabaseUrl &url, const QCommandLineParser &parser, Io &io)
{
    int refused = Success;
    const auto config = loadServiceConfig(parser, io, refused);
    if (!config)
        return refused;
    // The same registration as the window's (JobServices), plus the built-in kinds.
    const JobServices services(*config);
    auto registry = std::make_shared<jobs::JobRegistry>();
    jobs::registerBuiltinHandlers(*registry);
    services.registerJobHandlers(*registry, url, parser.values(QStringLiteral("shared-folder")));

    jobs::WorkerPoolOptions options;
    if (parser.isSet(QStringLiteral("workers")))
        options.workers = std::max(1, parser.value(QStringLiteral("workers")).toInt());
    if (parser.isSet(QStringLiteral("lease-ms")))
        options.lease = std::chrono::milliseconds(std::max(100, parser.value(QStringLiteral("lease-ms")).toInt()));
    if (parser.isSet(QStringLiteral("poll-ms")))
        options.idlePoll = std::chrono::milliseconds(std::max(10, parser.value(QStringLiteral("poll-ms")).toInt()));
    const bool exitWhenIdle = parser.isSet(QStringLiteral("exit-when-idle"));

    jobs::blockStopSignals();
    QMutex outputMutex;
    {
        jobs::WorkerPool pool(url, registry, options);
        QObject::connect(
            &pool, &jobs::WorkerPool::jobFinished, &pool,
            [&](qint64 id, const QString &kind, JobState state) {
                QMutexLocker lock(&outputMutex);
                io.out << "job #" << id << " (" << kind << ") " << jobs::stateName(state) << "\n";
                io.out.flush();
            },
            Qt::DirectConnection);
        QObject::connect(
            &pool, &jobs::WorkerPool::failure, &pool,
            [&](const QString &message) {
                QMutexLocker lock(&outputMutex);
                io.err << "insighta jobs work: " << message << "\n";
                io.err.flush();
            },
            Qt::DirectConnection);
        {
            QMutexLocker lock(&outputMutex);
            io.out << "Worker pool " << pool.name() << ": " << options.workers << " worker(s) on " << url.displayName()
                   << " for " << registry->kinds().join(QStringLiteral(", ")) << "\n";
            describeServices(*config, io);
            io.out.flush();
        }
        pool.start();
        jobs::runUntilStopped(pool, exitWhenIdle);
        QMutexLocker lock(&outputMutex);
        io.out << "Worker pool stopped after " << pool.finishedJobs() << " job(s).\n";
    }
    return Success;
}

void addJobsOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(kUsage);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("list | show | retry | cancel | discard | "
                                                "enqueue | work"));
    addDatabaseOption(parser);
    addServiceOptions(parser);
    parser.addOptions({
        {QStringLiteral("state"), QStringLiteral("list: only these states (comma-separated)."),
         QStringLiteral("states")},
        {QStringLiteral("kind"), QStringLiteral("list: only this kind."), QStringLiteral("kind")},
        {QStringLiteral("limit"), QStringLiteral("list: at most N jobs per page, newest first (default 500)."),
         QStringLiteral("n")},
        {QStringLiteral("before-id"), QStringLiteral("list: only jobs older than job ID (the next page)."),
         QStringLiteral("id")},
        {QStringLiteral("json"), QStringLiteral("list, show: machine-readable JSON on stdout.")},
        {QStringLiteral("payload"), QStringLiteral("enqueue: the payload, a JSON object."), QStringLiteral("json")},
        {QStringLiteral("priority"), QStringLiteral("enqueue: 0 (most urgent) to 9; default 5."), QStringLiteral("p")},
        {QStringLiteral("max-attempts"), QStringLiteral("enqueue: attempts before the job is dead; default 4."),
         QStringLiteral("n")},
        {QStringLiteral("unique-key"), QStringLiteral("enqueue: at most one live job with this key."),
         QStringLiteral("key")},
        {QStringLiteral("depends-on"), QStringLiteral("enqueue: run only after these jobs completed."),
         QStringLiteral("ids")},
        {QStringLiteral("workers"), QStringLiteral("work: number of worker threads (default 2)."), QStringLiteral("n")},
        {QStringLiteral("lease-ms"), QStringLiteral("work: lease length in milliseconds (default 30000)."),
         QStringLiteral("ms")},
        {QStringLiteral("poll-ms"), QStringLiteral("work: how often idle workers look for jobs (default 500)."),
         QStringLiteral("ms")},
        {QStringLiteral("exit-when-idle"), QStringLiteral("work: stop once there is nothing to claim.")},
        {QStringLiteral("shared-folder"),
         QStringLiteral("work: read import files only inside this folder (repeat for several)."),
         QStringLiteral("dir")},
    });
}

// retry, cancel, discard: a refusal ("job #3 is running") is the user's input, not a backend failure.
int changeJob(JobQueue &queue, const QString &action, qint64 id, Io &io)
{
    auto report = [&](const QString &error, const QString &done) {
        if (!error.isEmpty()) {
            io.err << "insighta jobs " << action << ": " << error << "\n";
            return error.contains(QLatin1String(" failed: ")) ? int(BackendFailure) : int(UnusableInput);
        }
        io.out << done << "\n";
        return int(Success);
    };
    if (action == QLatin1String("retry")) {
        const Status requeued = queue.requeue(id);
        return report(requeued.error(), QStringLiteral("Requeued job #%1.").arg(id));
    }
    if (action == QLatin1String("discard")) {
        const Status discarded = queue.discard(id);
        return report(discarded.error(), QStringLiteral("Discarded job #%1.").arg(id));
    }
    const auto cancelled = queue.cancel(id);
    return report(cancelled.error(),
                  cancelled.ok() && cancelled.value() == JobState::Running
                      ? QStringLiteral("Asked running job #%1 to stop.").arg(id)
                      : QStringLiteral("Cancelled job #%1.").arg(id));
}

} // namespace

int runJobs(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    addJobsOptions(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("jobs"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    static const QStringList actions{QStringLiteral("list"),   QStringLiteral("show"),    QStringLiteral("retry"),
                                     QStringLiteral("cancel"), QStringLiteral("discard"), QStringLiteral("enqueue"),
                                     QStringLiteral("work")};
    if (!actions.contains(action))
        return usageError(io, QStringLiteral("jobs"),
                          action.isEmpty() ? QStringLiteral("expected an action: ") + actions.join(QStringLiteral(", "))
                                           : QStringLiteral("unknown action '%1'.").arg(action));
    std::optional<qint64> id;
    if (action == QLatin1String("show") || action == QLatin1String("retry") || action == QLatin1String("cancel")
        || action == QLatin1String("discard")) {
        id = parseId(positional, io, action);
        if (!id)
            return UnusableInput;
    }
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;
    if (action == QLatin1String("work"))
        return work(*url, parser, io);

    Connection connection(*url, QStringLiteral("cli-jobs"));
    if (!connection.ok()) {
        io.err << "insighta jobs: " << connection.error() << "\n";
        return BackendFailure;
    }
    JobQueue queue(connection.database(), connection.kind());
    if (action == QLatin1String("list"))
        return listJobs(queue, parser, io);
    if (action == QLatin1String("show"))
        return showJob(queue, *id, parser.isSet(QStringLiteral("json")), io);
    if (action == QLatin1String("enqueue"))
        return enqueueJob(queue, parser, positional, io);
    return changeJob(queue, action, *id, io);
}

} // namespace insighta::cli
