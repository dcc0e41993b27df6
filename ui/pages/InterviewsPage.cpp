#include "ui/pages/InterviewsPage.h"

#include "core/interviews/AiBackend.h"
#include "core/interviews/InterviewJobHandlers.h"
#include "core/interviews/InterviewWorker.h"
#include "ui/Workspace.h"
#include "ui/interviews/AskPanel.h"
#include "ui/interviews/AssessmentPdfExport.h"
#include "ui/interviews/AssessmentView.h"
#include "ui/interviews/InterviewAsker.h"
#include "ui/interviews/InterviewEmails.h"
#include "ui/interviews/InterviewListPanel.h"
#include "ui/interviews/InterviewWorkerThread.h"
#include "ui/interviews/TranscriptView.h"
#include "ui/pages/PageShell.h"
#include "ui/services/BackgroundServices.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace insighta {

InterviewsPage::InterviewsPage(Workspace *workspace, BackgroundServices *services, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_services(services)
    , m_workerThread(new InterviewWorkerThread(this))
    , m_emails(new InterviewEmails(m_workerThread, services, this))
{
    setObjectName(QStringLiteral("interviewsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Interviews"),
                                     tr("Review interview transcripts and AI assessments, ask "
                                        "questions about an interview, and email candidates."),
                                     this));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("interviewsSplitter"));
    splitter->setChildrenCollapsible(false);
    m_list = new InterviewListPanel(splitter);
    // At least what its filters need, so the splitter never cuts their text.
    m_list->setMinimumWidth(std::max(250, m_list->minimumSizeHint().width()));
    QWidget *detail = buildDetail(splitter);
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({430, 970});
    layout->addWidget(splitter, 1);

    m_transcript->showMessage(tr("Select an interview to read its transcript."));
    m_ask->setEnabledForInterview(false);
    connectActions();
    connectServices();
}

// The selected interview: its title and Invite, notices and emails, transcript beside the tabs.
QWidget *InterviewsPage::buildDetail(QSplitter *splitter)
{
    auto *detail = new QWidget(splitter);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(6, 0, 0, 0);
    detailLayout->addLayout(buildHeaderRow(detail));
    buildNotices(detail);
    detailLayout->addWidget(m_notice);
    detailLayout->addWidget(m_emails->statusLine());
    detailLayout->addWidget(buildTranscriptAndTabs(detail), 1);
    return detail;
}

QHBoxLayout *InterviewsPage::buildHeaderRow(QWidget *detail)
{
    auto *headerRow = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    m_title = new QLabel(tr("No interview selected"), detail);
    m_title->setObjectName(QStringLiteral("interviewTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // Names, roles, emails and errors come from the database: never read as HTML.
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle = new QLabel(detail);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setObjectName(QStringLiteral("interviewSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true); // role, time, length and email need more than half a small window
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    headerRow->addLayout(titles, 1);
    m_invite = new QPushButton(tr("Invite candidate…"), detail);
    m_invite->setObjectName(QStringLiteral("interviewInviteButton"));
    m_invite->setEnabled(false);
    headerRow->addWidget(m_invite, 0, Qt::AlignTop);
    return headerRow;
}

void InterviewsPage::buildNotices(QWidget *detail)
{
    m_notice = new QLabel(detail);
    m_notice->setObjectName(QStringLiteral("interviewNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();
}

QSplitter *InterviewsPage::buildTranscriptAndTabs(QWidget *detail)
{
    auto *inner = new QSplitter(Qt::Horizontal, detail);
    inner->setObjectName(QStringLiteral("interviewDetailSplitter"));
    inner->setChildrenCollapsible(false);
    m_transcript = new TranscriptView(inner);
    m_transcript->setMinimumWidth(240);
    m_tabs = new QTabWidget(inner);
    m_tabs->setObjectName(QStringLiteral("interviewTabs"));
    m_tabs->setMinimumWidth(260);
    m_assessment = new AssessmentView(m_tabs);
    m_ask = new AskPanel(m_tabs);
    m_asker = new InterviewAsker(
        m_ask,
        [services = m_services]() -> std::shared_ptr<AiBackend> {
            return services ? services->aiBackend() : std::make_shared<NoAiBackend>();
        },
        this);
    m_tabs->addTab(m_assessment, tr("Assessment"));
    m_tabs->addTab(m_ask, tr("Ask the interview"));
    inner->addWidget(m_transcript);
    inner->addWidget(m_tabs);
    inner->setStretchFactor(0, 1);
    inner->setStretchFactor(1, 1);
    return inner;
}

void InterviewsPage::connectActions()
{
    connect(m_list, &InterviewListPanel::filterChanged, this, &InterviewsPage::refreshList);
    connect(m_list, &InterviewListPanel::interviewActivated, this, &InterviewsPage::openInterview);
    connect(m_assessment, &AssessmentView::turnLinkActivated, this, &InterviewsPage::showTurn);
    connect(m_assessment, &AssessmentView::generateRequested, this, &InterviewsPage::generate);
    connect(m_assessment, &AssessmentView::shareRequested, this, &InterviewsPage::shareReport);
    connect(m_assessment, &AssessmentView::exportRequested, this, &InterviewsPage::askExportPath);
    connect(m_ask, &AskPanel::questionAsked, m_asker, &InterviewAsker::ask);
    connect(m_ask, &AskPanel::turnLinkActivated, this, &InterviewsPage::showTurn);
    connect(m_invite, &QPushButton::clicked, this, [this] { m_emails->invite(m_detail.summary); });
    connect(m_emails, &InterviewEmails::notice, this, &InterviewsPage::setNotice);
}

void InterviewsPage::connectServices()
{
    if (m_services)
        connect(m_services, &BackgroundServices::jobFinished, this,
                [this](qint64 id, const QString &kind, jobs::JobState) { jobFinished(id, kind); });
    if (m_workspace) {
        connect(m_workspace, &Workspace::ready, this, &InterviewsPage::startWorker);
        connect(m_workspace, &Workspace::dataChanged, this, &InterviewsPage::refreshList);
        connect(m_workspace, &Workspace::seedingFinished, this, &InterviewsPage::refreshList);
        if (m_workspace->state() == Workspace::State::Ready)
            startWorker(m_workspace->url());
    }
}

InterviewsPage::~InterviewsPage()
{
    m_workerThread->stop();
}

void InterviewsPage::startWorker(const DatabaseUrl &url)
{
    m_detail = {};
    m_workerThread->start(url);
    connectWorker(m_workerThread->worker());
    m_workerThread->run();
    refreshList();
}

void InterviewsPage::connectWorker(InterviewWorker *worker)
{
    connect(worker, &InterviewWorker::listed, this, [this](quint64 token, const InterviewListReply &reply) {
        if (token != m_listToken)
            return; // an older search
        if (!reply.error.isEmpty()) {
            m_list->showError(reply.error);
            return;
        }
        m_list->setInterviews(reply.interviews, reply.roles);
        emit listRefreshed();
    });
    connect(worker, &InterviewWorker::loaded, this, [this](quint64 token, const InterviewDetail &detail) {
        if (token != m_loadToken)
            return; // the user moved on to another interview
        showInterview(detail);
    });
    connect(worker, &InterviewWorker::assessmentQueued, this,
            [this](const QString &interviewId, const QString &, qint64 jobId, const QString &error) {
                if (!error.isEmpty())
                    setNotice(tr("Cannot generate the assessment: %1").arg(error));
                else if (m_services)
                    m_services->wake();
                else
                    setNotice(tr("Queued as job #%1; background jobs do not run in this window.").arg(jobId));
                m_assessment->setBusy(false);
                refreshList();
                if (interviewId == m_detail.summary.id)
                    openInterview(interviewId); // shows "Generating…" (or the state it is really in)
            });
    connect(worker, &InterviewWorker::emailQueued, this,
            [this](const QString &interviewId, const QString &emailId, qint64 jobId, const QString &error) {
                m_emails->queued(emailId, jobId, error);
                if (error.isEmpty() && interviewId == m_detail.summary.id)
                    openInterview(interviewId);
            });
}

void InterviewsPage::refreshList()
{
    if (!m_workerThread->isRunning())
        return;
    const quint64 token = ++m_listToken;
    const InterviewFilter filter = m_list->filter();
    m_workerThread->post([token, filter](InterviewWorker &worker) { worker.list(token, filter); });
}

void InterviewsPage::openInterview(const QString &id)
{
    if (!m_workerThread->isRunning() || id.isEmpty())
        return;
    const quint64 token = ++m_loadToken;
    m_workerThread->post([token, id](InterviewWorker &worker) { worker.load(token, id); });
}

void InterviewsPage::showInterview(const InterviewDetail &detail)
{
    if (!detail.error.isEmpty()) {
        m_title->setText(tr("Cannot open the interview"));
        m_subtitle->setText(detail.error);
        m_transcript->showMessage(detail.error);
        m_assessment->clear();
        m_emails->hide();
        m_detail = {};
        m_asker->setInterview(m_detail);
        return;
    }
    const bool sameInterview = detail.summary.id == m_detail.summary.id;
    const QString selectedTurn = sameInterview ? m_transcript->selectedTurnId() : QString();
    m_detail = detail;
    const InterviewSummary &s = detail.summary;
    m_title->setText(s.candidateName);
    QStringList parts{s.role};
    const QDateTime when = s.startedAt.isValid() ? s.startedAt : s.scheduledAt;
    if (when.isValid())
        parts << QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
    if (s.startedAt.isValid() && s.endedAt.isValid())
        parts << tr("%1 min").arg(s.startedAt.secsTo(s.endedAt) / 60);
    if (!s.candidateEmail.isEmpty())
        parts << s.candidateEmail;
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    m_invite->setEnabled(!s.candidateEmail.isEmpty());
    if (!sameInterview) {
        m_notice->hide();
        m_ask->clear();
    }
    m_transcript->setTranscript(detail.transcript, s.candidateName);
    if (!selectedTurn.isEmpty())
        m_transcript->selectTurn(selectedTurn);
    m_assessment->setInterview(detail);
    m_asker->setInterview(detail);
    m_emails->show(detail);
    m_ask->setEnabledForInterview(!detail.transcript.turns.isEmpty());
    m_list->selectInterview(s.id);
    emit interviewLoaded(s.id);
}

const Assessment *InterviewsPage::readyAssessment() const
{
    for (const Assessment &a : m_detail.assessments)
        if (a.status == QLatin1String("ready") && a.error.isEmpty())
            return &a;
    return nullptr;
}

void InterviewsPage::showTurn(const QString &turnId)
{
    if (!m_transcript->selectTurn(turnId))
        setNotice(tr("That turn is not in this transcript."));
}

void InterviewsPage::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    emit notice(text);
}

void InterviewsPage::generate()
{
    if (!m_workerThread->isRunning() || m_detail.summary.id.isEmpty())
        return;
    m_assessment->setBusy(true, tr("Queuing…"));
    const QString id = m_detail.summary.id;
    m_workerThread->post([id](InterviewWorker &worker) { worker.queueAssessment(id); });
}

void InterviewsPage::jobFinished(qint64 jobId, const QString &kind)
{
    if (kind == GenerateAssessmentHandler::kind()) {
        refreshList();
        if (!m_detail.summary.id.isEmpty())
            openInterview(m_detail.summary.id);
    } else if (kind == SendEmailHandler::kind() && m_emails->jobFinished(jobId)) {
        if (!m_detail.summary.id.isEmpty())
            openInterview(m_detail.summary.id);
    }
}

QLabel *InterviewsPage::emailStatus() const
{
    return m_emails->statusLine();
}

void InterviewsPage::askExportPath()
{
    if (!readyAssessment())
        return;
    const QString path = askAssessmentPdfPath(this, m_detail.summary.candidateName);
    if (!path.isEmpty())
        exportPdf(path);
}

void InterviewsPage::exportPdf(const QString &path)
{
    const Assessment *a = readyAssessment();
    if (!a) {
        emit pdfExported(path, tr("There is no ready assessment to export."));
        return;
    }
    exportAssessmentPdf(this, path, m_detail, *a, [this, path](const QString &error) {
        setNotice(error.isEmpty() ? tr("Report exported to %1.").arg(path) : error);
        emit pdfExported(path, error);
    });
}

void InterviewsPage::shareReport()
{
    if (const Assessment *a = readyAssessment())
        m_emails->shareReport(m_detail, *a);
}

} // namespace insighta
