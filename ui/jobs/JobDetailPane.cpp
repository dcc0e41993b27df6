#include "ui/jobs/JobDetailPane.h"

#include "core/common/UntrustedText.h"
#include "core/importer/RejectsWriter.h"
#include "core/jobs/JobTrust.h"
#include "ui/jobs/JobFacts.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace insighta {

using jobs::JobState;

namespace {

QString when(const QDateTime &value)
{
    return value.isValid() ? QLocale().toString(value.toLocalTime(), QLocale::ShortFormat) : QString();
}

// One fact as a table row; a folder fact becomes a link whose target is that (checked) folder.
QString row(const JobFact &fact)
{
    const QString value = fact.folder.isEmpty()
        ? fact.text.toHtmlEscaped()
        : QStringLiteral("<a href=\"%1\">%2</a>")
              .arg(QUrl::fromLocalFile(fact.folder).toString(QUrl::FullyEncoded).toHtmlEscaped(),
                   fact.text.toHtmlEscaped());
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(fact.label.toHtmlEscaped(), value);
}

} // namespace

JobDetailPane::JobDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_showDetails(new QToolButton(this))
    , m_details(new QPlainTextEdit(this))
    , m_copyDetails(new QPushButton(tr("Cop&y details"), this))
    , m_history(new QTreeWidget(this))
    , m_requeue(new QPushButton(tr("&Requeue"), this))
    , m_cancel(new QPushButton(tr("&Cancel job"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("jobDetailPane"));
    buildSummary();
    buildDetails();
    buildHistory();
    buildButtons();
    layOut();
    showJob(std::nullopt);
}

void JobDetailPane::buildSummary()
{
    m_title->setObjectName(QStringLiteral("jobDetailTitle"));
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_title->setFont(font);
    m_title->setTextFormat(Qt::PlainText); // the kind comes from the database
    m_facts->setObjectName(QStringLiteral("jobDetailFacts"));
    m_facts->setTextFormat(Qt::RichText); // built from escaped facts (see row())
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse
                                     | Qt::LinksAccessibleByKeyboard);
    m_facts->setOpenExternalLinks(false);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_facts, &QLabel::linkActivated, this, [this](const QString &link) {
        const QUrl url(link);
        // Only the folder link the facts made; a label never opens anything else.
        if (url.isLocalFile()) {
            emit folderOpenRequested(url.toLocalFile());
            QDesktopServices::openUrl(url);
        }
    });
}

// The raw payload and result stay one click away, selectable and copyable, for a bug report.
void JobDetailPane::buildDetails()
{
    m_showDetails->setObjectName(QStringLiteral("jobDetailsToggle"));
    m_showDetails->setText(tr("Details"));
    m_showDetails->setCheckable(true);
    m_showDetails->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_showDetails->setArrowType(Qt::RightArrow);
    m_showDetails->setAutoRaise(true);
    m_showDetails->setToolTip(tr("Show the job's raw payload, result and checkpoint"));
    m_details->setObjectName(QStringLiteral("jobDetailsJson"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setVisible(false);
    m_copyDetails->setObjectName(QStringLiteral("jobDetailsCopy"));
    m_copyDetails->setToolTip(tr("Copy the raw payload, result and checkpoint"));
    m_copyDetails->setVisible(false);
    connect(m_showDetails, &QToolButton::toggled, this, [this](bool open) {
        m_showDetails->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_details->setVisible(open);
        m_copyDetails->setVisible(open);
    });
    connect(m_copyDetails, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_details->toPlainText()); });
}

void JobDetailPane::buildHistory()
{
    m_history->setObjectName(QStringLiteral("jobAttemptHistory"));
    m_history->setHeaderLabels({tr("Attempt"), tr("When"), tr("Worker"), tr("Error")});
    m_history->setRootIsDecorated(false);
    m_history->setWordWrap(true);
    m_history->header()->setStretchLastSection(true);
    m_history->setColumnWidth(0, 60);
    m_history->setColumnWidth(1, 110);
    m_history->setColumnWidth(2, 110);
}

void JobDetailPane::buildButtons()
{
    m_requeue->setObjectName(QStringLiteral("jobsRequeueButton"));
    m_requeue->setToolTip(tr("Run a dead or cancelled job again from its first attempt"));
    m_cancel->setObjectName(QStringLiteral("jobsCancelButton"));
    m_cancel->setToolTip(tr("Cancel a waiting job, or ask a running one to stop"));
    m_discard->setObjectName(QStringLiteral("jobsDiscardButton"));
    m_discard->setToolTip(tr("Delete a finished job and its history"));
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
}

void JobDetailPane::layOut()
{
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_requeue);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_discard);
    buttons->addStretch();
    auto *details = new QHBoxLayout;
    details->addWidget(m_showDetails);
    details->addStretch();
    details->addWidget(m_copyDetails);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addLayout(details);
    layout->addWidget(m_details, 1);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Attempt history"), this));
    layout->addWidget(m_history, 1);
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
        m_details->clear();
        m_showDetails->setEnabled(false);
        m_requeue->setEnabled(false);
        m_cancel->setEnabled(false);
        m_discard->setEnabled(false);
        return;
    }
    m_title->setText(tr("Job #%1 — %2").arg(QString::number(job->id), printable(job->kind)));
    const JobFactsContext context{jobs::localHostName(), importRejectsFolder(), QLocale()};
    QString html = QStringLiteral("<table>");
    for (const JobFact &fact : jobFacts(*job, context))
        html += row(fact);
    html += QStringLiteral("</table>");
    m_facts->setText(html);
    // Replacing the text keeps the reader's place when the same job refreshes.
    const QString json = jobDetailsJson(*job);
    if (m_details->toPlainText() != json)
        m_details->setPlainText(json);
    m_showDetails->setEnabled(true);
    showHistory(*job);
    m_requeue->setEnabled(job->state == JobState::Dead || job->state == JobState::Cancelled);
    m_cancel->setEnabled((job->state == JobState::Available || job->state == JobState::Retryable
                          || job->state == JobState::Blocked || job->state == JobState::Running)
                         && !job->cancelRequested);
    m_discard->setEnabled(jobs::isFinal(job->state));
}

void JobDetailPane::showHistory(const jobs::JobRecord &job)
{
    for (const jobs::AttemptError &error : job.errors) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, error.final ? tr("%1 (final)").arg(error.attempt) : QString::number(error.attempt));
        item->setText(1, when(error.at));
        item->setText(2, error.worker);
        item->setText(3, error.message);
        item->setToolTip(3, plainTextToolTip(error.message));
    }
    if (job.errors.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, tr("No failed attempts."));
        item->setFirstColumnSpanned(true);
    }
}

} // namespace insighta
