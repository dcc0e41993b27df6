#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/interviews/InterviewTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace insighta {

class AiBackend;
class AskPanel;
class BackgroundServices;
class AssessmentView;
class InterviewListPanel;
class InterviewWorker;
class InterviewWorkerThread;
class TranscriptView;
class Workspace;

// Recruiters review interviews here: the list with search and filters, the transcript, the
// assessment, ask-the-interview, email and PDF export. Every database request goes to an
// InterviewWorker on its own thread; replies carry tokens so stale ones are dropped. Generating
// an assessment and sending an email are durable jobs run by the BackgroundServices' worker
// pool; the page queues them and reloads the interview when they finish.
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
    QLabel *emailStatus() const { return m_emails; }

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
    void showEmails(const InterviewDetail &detail);
    void queueEmail(const QString &kind, const QString &interviewId, const QStringList &to, const QString &subject,
                    const QJsonObject &payload);
    std::shared_ptr<AiBackend> aiBackend() const;
    // The From address of invitations and shared reports (not QObject::sender()).
    QString emailSender() const;
    void ask(const QString &question);
    void inviteCandidate();
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
    QHash<qint64, QString> m_emailJobs; // send-email job -> email id, for the emails we queued
    QSet<QString> m_emailsToAnnounce; // their job ended: say how, once the interview reloads

    InterviewListPanel *m_list;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_notice;
    QLabel *m_emails;
    QPushButton *m_invite;
    TranscriptView *m_transcript;
    QTabWidget *m_tabs;
    AssessmentView *m_assessment;
    AskPanel *m_ask;
};

} // namespace insighta
