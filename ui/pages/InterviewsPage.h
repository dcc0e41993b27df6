#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/interviews/InterviewTypes.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTabWidget;
class QThread;

namespace insighta {

class AiBackend;
class AskPanel;
class AssessmentView;
class InterviewListPanel;
class InterviewWorker;
class TranscriptView;
class Workspace;

// Recruiters review interviews here: the list with search and filters, the transcript, the
// assessment, ask-the-interview, email and PDF export. Every database request goes to an
// InterviewWorker on its own thread; replies carry tokens so stale ones are dropped.
class InterviewsPage : public QWidget
{
    Q_OBJECT
public:
    explicit InterviewsPage(Workspace *workspace, QWidget *parent = nullptr);
    ~InterviewsPage() override;

    // Who answers AI requests (the provider chain). Without one, Ask answers offline and
    // Generate fails with a message saying a provider is needed.
    void setAiBackend(std::shared_ptr<AiBackend> backend);

    void refreshList();
    void openInterview(const QString &id);
    const InterviewDetail &currentInterview() const { return m_detail; }
    // Writes the current ready assessment as PDF (in the background); emits pdfExported.
    void exportPdf(const QString &path);

    InterviewListPanel *listPanel() const { return m_list; }
    TranscriptView *transcriptView() const { return m_transcript; }
    AssessmentView *assessmentView() const { return m_assessment; }
    AskPanel *askPanel() const { return m_ask; }

signals:
    void interviewLoaded(const QString &id);
    void listRefreshed();
    void pdfExported(const QString &path, const QString &error);
    void notice(const QString &text);

private:
    void startWorker(const DatabaseUrl &url);
    void stopWorker();
    void showInterview(const InterviewDetail &detail);
    void generate();
    void ask(const QString &question);
    void inviteCandidate();
    void shareReport();
    void showTurn(const QString &turnId);
    void setNotice(const QString &text);
    const Assessment *readyAssessment() const;

    Workspace *m_workspace;
    std::shared_ptr<AiBackend> m_ai;
    QThread *m_thread = nullptr;
    InterviewWorker *m_worker = nullptr;
    quint64 m_listToken = 0;
    quint64 m_loadToken = 0;
    InterviewDetail m_detail;

    InterviewListPanel *m_list;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_notice;
    QPushButton *m_invite;
    TranscriptView *m_transcript;
    QTabWidget *m_tabs;
    AssessmentView *m_assessment;
    AskPanel *m_ask;
};

} // namespace insighta
