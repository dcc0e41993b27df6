#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/interviews/InterviewTypes.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace insighta {

class AskPanel;
class BackgroundServices;
class AssessmentView;
class InterviewAsker;
class InterviewEmails;
class InterviewListPanel;
class InterviewWorker;
class InterviewWorkerThread;
class TranscriptView;
class Workspace;

// Recruiters review interviews here: the list with search and filters, the transcript, the
// assessment, ask-the-interview, email and PDF export. The page lays them out and routes between
// them; Ask is an InterviewAsker, email an InterviewEmails, the PDF AssessmentPdfExport. Every
// database request goes to an InterviewWorker on its own thread; replies carry tokens so stale
// ones are dropped. Generating an assessment and sending an email are durable jobs run by the
// BackgroundServices' worker pool; the page queues them and reloads the interview when they
// finish.
class InterviewsPage : public QWidget
{
    Q_OBJECT
public:
    // Without `services` (tests of the page alone) jobs are queued but not run, and Ask answers
    // offline.
    explicit InterviewsPage(Workspace *workspace, BackgroundServices *services = nullptr, QWidget *parent = nullptr);
    ~InterviewsPage() override;

    void refreshList();
    void openInterview(const QString &id);
    const InterviewDetail &currentInterview() const { return m_detail; }
    // Writes the current ready assessment as PDF (in the background); emits pdfExported.
    void exportPdf(const QString &path);

    InterviewListPanel *listPanel() const { return m_list; }
    TranscriptView *transcriptView() const { return m_transcript; }
    AssessmentView *assessmentView() const { return m_assessment; }
    AskPanel *askPanel() const { return m_ask; }
    QLabel *emailStatus() const;

signals:
    void interviewLoaded(const QString &id);
    void listRefreshed();
    void pdfExported(const QString &path, const QString &error);
    void notice(const QString &text);

private:
    QWidget *buildDetail(QSplitter *splitter);
    QHBoxLayout *buildHeaderRow(QWidget *detail);
    void buildNotices(QWidget *detail);
    QSplitter *buildTranscriptAndTabs(QWidget *detail);
    void connectActions();
    void connectServices(); // the background jobs and the workspace
    void startWorker(const DatabaseUrl &url);
    void showInterview(const InterviewDetail &detail);
    void generate();
    void jobFinished(qint64 jobId, const QString &kind);
    void connectWorker(InterviewWorker *worker);
    void askExportPath();
    void shareReport();
    void showTurn(const QString &turnId);
    void setNotice(const QString &text);
    const Assessment *readyAssessment() const;

    Workspace *m_workspace;
    BackgroundServices *m_services;
    InterviewWorkerThread *m_workerThread;
    quint64 m_listToken = 0;
    quint64 m_loadToken = 0;
    InterviewDetail m_detail;
    InterviewEmails *m_emails;

    InterviewListPanel *m_list;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_notice;
    QPushButton *m_invite;
    TranscriptView *m_transcript;
    QTabWidget *m_tabs;
    AssessmentView *m_assessment;
    AskPanel *m_ask;
    InterviewAsker *m_asker = nullptr;
};

} // namespace insighta
