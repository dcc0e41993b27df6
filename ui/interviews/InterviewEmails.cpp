#include "ui/interviews/InterviewEmails.h"

#include "core/interviews/InterviewReports.h"
#include "core/interviews/InterviewWorker.h"
#include "ui/TextColors.h"
#include "ui/interviews/EmailDialog.h"
#include "ui/interviews/InterviewWorkerThread.h"
#include "ui/services/BackgroundServices.h"

#include <QJsonDocument>
#include <QLabel>
#include <QLocale>

namespace insighta {

namespace {

bool ended(const QueuedEmail &email)
{
    return email.status == QLatin1String("sent") || email.status == QLatin1String("held")
        || email.status == QLatin1String("failed");
}

} // namespace

InterviewEmails::InterviewEmails(InterviewWorkerThread *worker, BackgroundServices *services, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_worker(worker)
    , m_services(services)
    , m_dialogParent(dialogParent)
    , m_status(new QLabel(dialogParent))
{
    m_status->setObjectName(QStringLiteral("interviewEmails"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText); // every database value in it is escaped
    m_status->hide();
}

bool InterviewEmails::canSend() const
{
    return m_services && m_services->config().emailConfigured();
}

QString InterviewEmails::sender() const
{
    return m_services ? m_services->config().sender() : reports::defaultSender();
}

void InterviewEmails::invite(const InterviewSummary &interview)
{
    if (!m_worker->isRunning() || interview.candidateEmail.isEmpty())
        return;
    EmailDialog dialog(tr("Invite %1").arg(interview.candidateName), interview.candidateEmail,
                       tr("Interview invitation: %1").arg(interview.role),
                       tr("We would like to invite you to an interview for the %1 role.").arg(interview.role),
                       m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    InterviewSummary target = interview;
    target.candidateEmail = dialog.to();
    reports::EmailDraft draft = reports::invitation(target, dialog.message(), sender());
    draft.subject = dialog.subject();
    queue(draft.kind, interview.id, draft.to, draft.subject, draft.payload);
}

void InterviewEmails::shareReport(const InterviewDetail &detail, const Assessment &assessment)
{
    if (!m_worker->isRunning())
        return;
    const InterviewSummary &s = detail.summary;
    EmailDialog dialog(tr("Share the report on %1").arg(s.candidateName), QString(),
                       tr("Interview report: %1, %2").arg(s.candidateName, s.role), QString(), m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reports::EmailDraft draft = reports::reportShare(detail, assessment, dialog.to(), dialog.message(), sender());
    draft.subject = dialog.subject();
    queue(draft.kind, s.id, draft.to, draft.subject, draft.payload);
}

void InterviewEmails::queue(const QString &kind, const QString &interviewId, const QStringList &to,
                            const QString &subject, const QJsonObject &payload)
{
    QJsonObject body = payload;
    body.insert(QStringLiteral("subject"), subject);
    const QString json = QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_worker->post([kind, interviewId, to, subject, json](InterviewWorker &worker) {
        worker.queueEmail(kind, interviewId, to, subject, json);
    });
}

void InterviewEmails::queued(const QString &emailId, qint64 jobId, const QString &error)
{
    if (!error.isEmpty()) {
        emit notice(tr("Cannot queue the email: %1").arg(error));
        return;
    }
    m_jobs.insert(jobId, emailId);
    if (canSend()) {
        m_services->wake();
        emit notice(tr("Email queued. It is sent in the background, exactly once."));
    } else {
        emit notice(tr("Email queued. It is sent once a Resend API key is set in Settings → Email."));
    }
}

bool InterviewEmails::jobFinished(qint64 jobId)
{
    if (!m_jobs.contains(jobId))
        return false;
    m_toAnnounce.insert(m_jobs.take(jobId));
    return true;
}

QString InterviewEmails::stateText(const QueuedEmail &e) const
{
    if (e.status == QLatin1String("sent"))
        return tr("sent %1").arg(QLocale().toString(e.sentAt.toLocalTime(), QLocale::ShortFormat));
    if (e.status == QLatin1String("held"))
        return tr("held: %1").arg(e.error);
    if (e.status == QLatin1String("failed"))
        return tr("not sent: %1").arg(e.error);
    if (!canSend())
        return tr("queued, waiting for a Resend API key (Settings → Email)");
    return e.error.isEmpty() ? tr("queued") : tr("queued, retrying: %1").arg(e.error);
}

void InterviewEmails::show(const InterviewDetail &detail)
{
    constexpr int shown = 3; // the newest; the line says how many more there are
    QStringList lines;
    for (const QueuedEmail &e : detail.emails) {
        const QString what = e.kind == QLatin1String("report") ? tr("Report") : tr("Invitation");
        const QString line = tr("%1 to %2: %3").arg(what, e.recipients.join(QStringLiteral(", ")), stateText(e));
        if (lines.size() < shown)
            lines << line.toHtmlEscaped();
        if (ended(e) && m_toAnnounce.remove(e.id))
            emit notice(line);
    }
    if (detail.emails.size() > shown)
        lines << tr("and %n earlier email(s)", nullptr, int(detail.emails.size() - shown));
    m_status->setText(QStringLiteral("<span style='color:%3'>%1</span> %2")
                          .arg(tr("Emails:").toHtmlEscaped(), lines.join(QStringLiteral(" · ")),
                               css(TextColors::from(m_status->palette()).muted)));
    m_status->setVisible(!lines.isEmpty());
}

void InterviewEmails::hide()
{
    m_status->hide();
}

} // namespace insighta
