#include "ui/jobs/JobFacts.h"

#include "core/common/UntrustedText.h"
#include "core/jobs/JobTrust.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "core/net/RetryPolicy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace insighta {

using jobs::JobRecord;
using jobs::JobState;

namespace {

// A string from the database shown in one line: controls made visible, and cut to a length
// that fits the pane, so a hostile payload cannot fill it.
constexpr qsizetype kMaxShownChars = 300;

QString tr(const char *text)
{
    return QCoreApplication::translate("JobFacts", text);
}

QString shown(const QString &text)
{
    const QString safe = printable(text);
    return safe.size() > kMaxShownChars ? safe.left(kMaxShownChars) + QChar(0x2026) : safe;
}

QString when(const QDateTime &value, const QLocale &locale)
{
    return value.isValid() ? locale.toString(value.toLocalTime(), QLocale::ShortFormat) : QString();
}

// ---- every kind --------------------------------------------------------------------------

void addStateFacts(const JobRecord &job, const QLocale &locale, QList<JobFact> &facts)
{
    facts.append(
        {tr("State"), jobs::stateName(job.state) + (job.cancelRequested ? tr(" (cancel requested)") : QString()), {}});
    if (job.state == JobState::Blocked)
        facts.append({tr("Blocked"), shown(job.blockedReason), {}});
    facts.append({tr("Attempt"), tr("%1 of %2").arg(job.attempt).arg(job.maxAttempts), {}});
    facts.append({tr("Priority"), QString::number(job.priority), {}});
    if (job.state == JobState::Available || job.state == JobState::Retryable)
        facts.append({tr("Next run"), when(job.runAt, locale), {}});
    if (job.progress && !jobs::isFinal(job.state)) // a finished job's report says more
        facts.append(
            {tr("Progress"), QStringLiteral("%1% %2").arg(int(*job.progress * 100)).arg(shown(job.progressText)), {}});
    if (!job.dependsOn.isEmpty()) {
        QStringList ids;
        for (const qint64 id : job.dependsOn)
            ids << QStringLiteral("#%1").arg(id);
        facts.append({tr("Waits for"), ids.join(QStringLiteral(", ")), {}});
    }
    if (!job.uniqueKey.isEmpty())
        facts.append({tr("Unique key"), shown(job.uniqueKey), {}});
    if (!job.leaseOwner.isEmpty())
        facts.append({tr("Worker"), shown(job.leaseOwner), {}});
}

void addTimingFacts(const JobRecord &job, const QLocale &locale, QList<JobFact> &facts)
{
    facts.append({tr("Created"), when(job.createdAt, locale), {}});
    if (!job.finishedAt.isValid())
        return;
    facts.append({tr("Finished"), when(job.finishedAt, locale), {}});
    // The last attempt is the run that finished; earlier attempts show in the history below.
    if (job.attemptedAt.isValid() && job.attemptedAt <= job.finishedAt)
        facts.append({tr("Duration"), net::formatDuration(job.attemptedAt.msecsTo(job.finishedAt)), {}});
}

// ---- imports -----------------------------------------------------------------------------

qint64 count(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toInteger(-1);
}

QString rowCounts(const QJsonObject &counts, const QLocale &locale)
{
    QStringList parts;
    if (const qint64 read = count(counts, "rows_read"); read >= 0)
        parts << tr("%1 read").arg(locale.toString(read));
    if (const qint64 loaded = count(counts, "rows_loaded"); loaded >= 0)
        parts << tr("%1 loaded").arg(locale.toString(loaded));
    if (const qint64 skipped = count(counts, "rows_skipped"); skipped >= 0)
        parts << tr("%1 skipped").arg(locale.toString(skipped));
    return parts.join(QStringLiteral(" · "));
}

// The reasons, most rows first, as the skip report names them.
QString skipReasons(const QJsonObject &byReason, const QLocale &locale)
{
    QList<QPair<QString, qint64>> reasons;
    for (auto it = byReason.begin(); it != byReason.end(); ++it) {
        if (it.value().toInteger() > 0)
            reasons.append({shown(it.key()), it.value().toInteger()});
    }
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList parts;
    for (const auto &[reason, rows] : std::as_const(reasons))
        parts << QStringLiteral("%1 %2").arg(reason, locale.toString(rows));
    return parts.join(QStringLiteral(" · "));
}

// Offered only when this machine wrote it, as a plain path straight inside the rejects folder.
std::optional<QString> trustedRejectsFile(const JobRecord &job, const JobFactsContext &context)
{
    const QString path = job.result.value(QStringLiteral("rejects_file")).toString();
    if (path.isEmpty() || context.rejectsFolder.isEmpty() || job.host != context.thisHost)
        return std::nullopt;
    if (!QDir::isAbsolutePath(path) || QDir::cleanPath(path) != path || path.contains(QChar(0)))
        return std::nullopt;
    if (QFileInfo(path).path() != QDir::cleanPath(context.rejectsFolder))
        return std::nullopt;
    return path;
}

void addImportFacts(const JobRecord &job, const JobFactsContext &context, QList<JobFact> &facts)
{
    const QString file = job.payload.value(QStringLiteral("file")).toString();
    if (!file.isEmpty())
        facts.append({tr("File"), shown(file), {}});
    // A finished import has its report; a running or interrupted one its last checkpoint.
    const bool finished = !job.result.isEmpty();
    const QJsonObject &counts = finished ? job.result : job.checkpoint;
    const QString rows = rowCounts(counts, context.locale);
    if (!rows.isEmpty())
        facts.append({finished ? tr("Rows") : tr("Rows so far"), rows, {}});
    const QString reasons = skipReasons(counts.value(QStringLiteral("skipped_by_reason")).toObject(), context.locale);
    if (!reasons.isEmpty())
        facts.append({tr("Skipped"), reasons, {}});
    if (const qint64 line = count(job.result, "resumed_from_line"); line > 0)
        facts.append({tr("Resumed"), tr("from line %1").arg(context.locale.toString(line)), {}});
    // The folder, not the file: the window renames its rejects file after the import it belongs to.
    if (const auto rejects = trustedRejectsFile(job, context)) {
        const QString folder = QFileInfo(*rejects).path();
        facts.append({tr("Rejected rows"), tr("saved in %1").arg(QDir::toNativeSeparators(folder)), folder});
    }
}

// ---- other kinds -------------------------------------------------------------------------

QString humanKey(QString key)
{
    key.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!key.isEmpty())
        key[0] = key[0].toUpper();
    return key;
}

// The payload's plain values (recipient, subject, interview id), one line each; nested objects
// and the signature stay in Details.
void addPayloadFacts(const JobRecord &job, QList<JobFact> &facts)
{
    for (auto it = job.payload.begin(); it != job.payload.end(); ++it) {
        if (it.key() == jobs::signatureKey())
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 15);
        else if (value.isBool())
            text = value.toBool() ? tr("yes") : tr("no");
        else
            continue;
        facts.append({shown(humanKey(it.key())), shown(text), {}});
    }
}

} // namespace

QList<JobFact> jobFacts(const JobRecord &job, const JobFactsContext &context)
{
    QList<JobFact> facts;
    if (job.kind == jobs::ImportJobHandler::kind())
        addImportFacts(job, context, facts);
    else
        addPayloadFacts(job, facts);
    addStateFacts(job, context.locale, facts);
    addTimingFacts(job, context.locale, facts);
    return facts;
}

QString jobDetailsJson(const JobRecord &job)
{
    QJsonObject details{{QStringLiteral("payload"), job.payload}};
    if (!job.result.isEmpty())
        details.insert(QStringLiteral("result"), job.result);
    if (!job.checkpoint.isEmpty())
        details.insert(QStringLiteral("checkpoint"), job.checkpoint);
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Indented));
}

} // namespace insighta
