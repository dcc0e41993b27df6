#include "ui/jobs/JobDetailPane.h"

#include "core/common/UntrustedText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace insighta {

using jobs::JobState;

namespace {

QString when(const QDateTime &value)
{
    return value.isValid() ? QLocale().toString(value.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

JobDetailPane::JobDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_history(new QTreeWidget(this))
    , m_requeue(new QPushButton(tr("&Requeue"), this))
    , m_cancel(new QPushButton(tr("&Cancel job"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("jobDetailPane"));
    m_title->setObjectName(QStringLiteral("jobDetailTitle"));
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_title->setFont(font);
    m_title->setTextFormat(Qt::PlainText); // the kind comes from the database
    m_facts->setObjectName(QStringLiteral("jobDetailFacts"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_history->setObjectName(QStringLiteral("jobAttemptHistory"));
    m_history->setHeaderLabels({tr("Attempt"), tr("When"), tr("Worker"), tr("Error")});
    m_history->setRootIsDecorated(false);
    m_history->setWordWrap(true);
    m_history->header()->setStretchLastSection(true);
    m_history->setColumnWidth(0, 60);
    m_history->setColumnWidth(1, 110);
    m_history->setColumnWidth(2, 110);
    m_requeue->setObjectName(QStringLiteral("jobsRequeueButton"));
    m_requeue->setToolTip(tr("Run a dead or cancelled job again from its first attempt"));
    m_cancel->setObjectName(QStringLiteral("jobsCancelButton"));
    m_cancel->setToolTip(tr("Cancel a waiting job, or ask a running one to stop"));
    m_discard->setObjectName(QStringLiteral("jobsDiscardButton"));
    m_discard->setToolTip(tr("Delete a finished job and its history"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_requeue);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_discard);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Attempt history"), this));
    layout->addWidget(m_history, 1);

    connect(m_requeue, &QPushButton::clicked, this, [this] {
        if (m_job)
            emit requeueRequested(m_job->id);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            emit cancelRequested(m_job->id);
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (m_job)
            emit discardRequested(m_job->id);
    });
    showJob(std::nullopt);
}

std::optional<qint64> JobDetailPane::jobId() const
{
    return m_job ? std::optional<qint64>(m_job->id) : std::nullopt;
}

void JobDetailPane::showJob(const std::optional<jobs::JobRecord> &job)
{
    m_job = job;
    m_history->clear();
    if (!job) {
        m_title->setText(tr("No job selected"));
        m_facts->setText(tr("Select a job to see its details and attempt history."));
        m_requeue->setEnabled(false);
        m_cancel->setEnabled(false);
        m_discard->setEnabled(false);
        return;
    }
    m_title->setText(tr("Job #%1 — %2").arg(QString::number(job->id), job->kind));
    QString html = QStringLiteral("<table>");
    html += row(tr("State"),
                jobs::stateName(job->state) + (job->cancelRequested ? tr(" (cancel requested)") : QString()));
    if (job->state == JobState::Blocked)
        html += row(tr("Blocked"), job->blockedReason);
    html += row(tr("Priority"), QString::number(job->priority));
    html += row(tr("Attempt"), tr("%1 of %2").arg(job->attempt).arg(job->maxAttempts));
    if (job->state == JobState::Available || job->state == JobState::Retryable)
        html += row(tr("Next run"), when(job->runAt));
    if (job->progress)
        html += row(tr("Progress"), QStringLiteral("%1% %2").arg(int(*job->progress * 100)).arg(job->progressText));
    if (!job->dependsOn.isEmpty()) {
        QStringList ids;
        for (const qint64 id : job->dependsOn)
            ids << QStringLiteral("#%1").arg(id);
        html += row(tr("Waits for"), ids.join(QStringLiteral(", ")));
    }
    if (!job->uniqueKey.isEmpty())
        html += row(tr("Unique key"), job->uniqueKey);
    if (!job->leaseOwner.isEmpty())
        html += row(tr("Worker"), job->leaseOwner);
    html += row(tr("Created"), when(job->createdAt));
    if (job->finishedAt.isValid())
        html += row(tr("Finished"), when(job->finishedAt));
    html += row(tr("Payload"), QString::fromUtf8(QJsonDocument(job->payload).toJson(QJsonDocument::Compact)));
    if (!job->result.isEmpty())
        html += row(tr("Result"), QString::fromUtf8(QJsonDocument(job->result).toJson(QJsonDocument::Compact)));
    html += QStringLiteral("</table>");
    m_facts->setText(html);

    for (const jobs::AttemptError &error : job->errors) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, error.final ? tr("%1 (final)").arg(error.attempt) : QString::number(error.attempt));
        item->setText(1, when(error.at));
        item->setText(2, error.worker);
        item->setText(3, error.message);
        item->setToolTip(3, plainTextToolTip(error.message));
    }
    if (job->errors.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, tr("No failed attempts."));
        item->setFirstColumnSpanned(true);
    }
    m_requeue->setEnabled(job->state == JobState::Dead || job->state == JobState::Cancelled);
    m_cancel->setEnabled((job->state == JobState::Available || job->state == JobState::Retryable
                          || job->state == JobState::Blocked || job->state == JobState::Running)
                         && !job->cancelRequested);
    m_discard->setEnabled(jobs::isFinal(job->state));
}

} // namespace insighta
