#include "core/db/Connection.h"
#include "core/demo/DemoSeeder.h"
#include "core/interviews/TranscriptAssembly.h"
#include "core/profiles/Uuid.h"
#include "models/InterviewListModel.h"
#include "tests/testkit/InterviewFixtures.h"
#include "tests/testkit/ScriptedHttpServer.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Workspace.h"
#include "ui/interviews/AskPanel.h"
#include "ui/interviews/AssessmentPdfExport.h"
#include "ui/interviews/AssessmentView.h"
#include "ui/interviews/InterviewListPanel.h"
#include "ui/interviews/TranscriptView.h"
#include "ui/pages/InterviewsPage.h"
#include "ui/services/BackgroundServices.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QTreeView>

using namespace insighta;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

QString demoId(int n)
{
    return testkit::demoInterviewId(n);
}

// Where a link with this href is drawn in a text browser's viewport (after scrolling to it).
QPoint linkPosition(QTextBrowser *browser, const QString &href)
{
    for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().anchorHref() != href)
                continue;
            QTextCursor cursor(browser->document());
            cursor.setPosition(fragment.position() + 1);
            browser->setTextCursor(cursor);
            browser->ensureCursorVisible();
            return browser->cursorRect(cursor).center();
        }
    }
    return {-1, -1};
}

// The turn's paragraph lies within the visible part of the transcript.
bool blockVisible(QTextBrowser *browser, int blockNumber)
{
    const QTextBlock block = browser->document()->findBlockByNumber(blockNumber);
    const QRectF rect = browser->document()->documentLayout()->blockBoundingRect(block);
    const int top = browser->verticalScrollBar()->value();
    const int bottom = top + browser->viewport()->height();
    return rect.top() >= top - 1 && rect.top() < bottom;
}

} // namespace

class TestInterviewsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        INSIGHTA_REQUIRE_DB(m_db);
        const auto seeded = DemoSeeder(m_db.url()).run(0);
        QVERIFY2(seeded.ok(), qPrintable(seeded.error()));
        QSignalSpy ready(&m_workspace, &Workspace::ready);
        m_workspace.connectTo(m_db.url(), false);
        QVERIFY(ready.wait(10000));
    }

    // The suggested PDF name is built from a candidate name out of the database.
    void pdfFileNameNeverLeavesTheFolder_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("plain") << "Ada Obi"
                               << "Assessment - Ada Obi.pdf";
        QTest::newRow("accents kept") << "Zoë Ngũgĩ"
                                      << "Assessment - Zoë Ngũgĩ.pdf";
        QTest::newRow("slash") << "../../etc/passwd"
                               << "Assessment - .._.._etc_passwd.pdf";
        QTest::newRow("backslash") << "..\\Windows\\x"
                                   << "Assessment - .._Windows_x.pdf";
        QTest::newRow("reserved") << "a:b*c?\"d<e>f|g"
                                  << "Assessment - a_b_c__d_e_f_g.pdf";
        QTest::newRow("control characters") << "Ada\nObi\t"
                                            << "Assessment - Ada_Obi_.pdf";
        QTest::newRow("empty") << ""
                               << "Assessment - candidate.pdf";
        QTest::newRow("blank") << "   "
                               << "Assessment - candidate.pdf";
        QTest::newRow("very long") << QString(300, QLatin1Char('x'))
                                   << QStringLiteral("Assessment - %1.pdf").arg(QString(120, QLatin1Char('x')));
    }

    void pdfFileNameNeverLeavesTheFolder()
    {
        QFETCH(QString, candidate);
        QFETCH(QString, fileName);
        QCOMPARE(assessmentPdfFileName(candidate), fileName);
    }

    void opensSearchesAndFollowsEvidence()
    {
        InterviewsPage page(&m_workspace);
        page.resize(1200, 640);
        page.show();
        InterviewListPanel *list = page.listPanel();
        QTRY_COMPARE(list->model()->rowCount(), 5);

        // Search the list, then open the only match by clicking it.
        QTest::keyClicks(list->findChild<QLineEdit *>(QStringLiteral("interviewSearch")), QStringLiteral("adaeze"));
        QTRY_COMPARE(list->model()->rowCount(), 1);
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTreeView *view = list->view();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(list->model()->index(0, 0)).center());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toString(), demoId(1));
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("interviewTitle"))->text(), QStringLiteral("Adaeze Okafor"));

        TranscriptView *transcript = page.transcriptView();
        QCOMPARE(transcript->turns().size(), 10);
        QVERIFY(!transcript->findChild<QLabel *>(QStringLiteral("transcriptBanner"))->isVisible());
        QVERIFY(transcript->browser()->toPlainText().contains(QStringLiteral("00:00:18")));

        // Find in transcript: "batch" is in turn 2 once ("batches") and in turn 6 three times.
        QLineEdit *find = transcript->findChild<QLineEdit *>(QStringLiteral("transcriptFind"));
        QTest::keyClicks(find, QStringLiteral("batch"));
        QCOMPARE(transcript->matchCount(), 4);
        QCOMPARE(transcript->currentMatch(), 0);
        QCOMPARE(transcript->browser()->extraSelections().size(), 4);
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(transcript->currentMatch(), 1);
        QCOMPARE(transcript->findChild<QLabel *>(QStringLiteral("transcriptFindStatus"))->text(),
                 QStringLiteral("2 of 4"));
        find->clear();
        QCOMPARE(transcript->matchCount(), 0);

        // Scroll the transcript to the top, then click the Reliability evidence: it comes from
        // the sixth turn ("We retried a failed batch ..."), which the transcript selects and shows.
        transcript->browser()->verticalScrollBar()->setValue(0);
        const QString target = transcript::turnId(demoId(1), 5);
        QTextBrowser *assessment = page.assessmentView()->browser();
        const QPoint at = linkPosition(assessment, AssessmentView::turnLink(target));
        QVERIFY2(at.x() >= 0, "the evidence link is not in the assessment view");
        QTest::mouseClick(assessment->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(transcript->selectedTurnId(), target);
        QVERIFY(transcript->browser()->verticalScrollBar()->value() > 0);
        QVERIFY(blockVisible(transcript->browser(), 5));
        bool highlighted = false;
        for (const QTextEdit::ExtraSelection &s : transcript->browser()->extraSelections())
            highlighted |= s.cursor.blockNumber() == 5 && s.format.property(QTextFormat::FullWidthSelection).toBool();
        QVERIFY(highlighted);

        // Ask the interview with no provider: the offline answer quotes turns with clickable times.
        AskPanel *askPanel = page.askPanel();
        page.findChild<QTabWidget *>(QStringLiteral("interviewTabs"))->setCurrentWidget(askPanel);
        QTest::keyClicks(askPanel->input(), QStringLiteral("How were failed batches retried?"));
        QTest::keyClick(askPanel->input(), Qt::Key_Return);
        QVERIFY(askPanel->history()->toPlainText().contains(QStringLiteral("Offline answer")));
        QVERIFY(askPanel->history()->toHtml().contains(AssessmentView::turnLink(target)));
        transcript->browser()->verticalScrollBar()->setValue(0);
        const QString firstTurn = transcript::turnId(demoId(1), 0);
        QVERIFY(transcript->selectTurn(firstTurn));
        const QPoint cite = linkPosition(askPanel->history(), AssessmentView::turnLink(target));
        QVERIFY(cite.x() >= 0);
        QTest::mouseClick(askPanel->history()->viewport(), Qt::LeftButton, {}, cite);
        QTRY_COMPARE(transcript->selectedTurnId(), target);

        // For looking at the page by eye: a window-sized grab when asked.
        if (const QString shot = qEnvironmentVariable("INSIGHTA_SCREENSHOT"); !shot.isEmpty()) {
            page.resize(1400, 860);
            page.findChild<QTabWidget *>(QStringLiteral("interviewTabs"))->setCurrentIndex(0);
            QVERIFY(transcript->selectTurn(target));
            QVERIFY(page.grab().save(shot));
            page.findChild<QTabWidget *>(QStringLiteral("interviewTabs"))->setCurrentIndex(1);
            QVERIFY(page.grab().save(shot + QStringLiteral(".ask.png")));
        }

        // Export the report.
        QTemporaryDir dir;
        QSignalSpy exported(&page, &InterviewsPage::pdfExported);
        page.exportPdf(dir.filePath(QStringLiteral("report.pdf")));
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.at(0).at(1).toString(), QString());
        QFile pdf(dir.filePath(QStringLiteral("report.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 5000);
        // For looking at the rendered report by eye (pdftoppm): keep a copy when asked.
        if (const QString keep = qEnvironmentVariable("INSIGHTA_KEEP_REPORT_PDF"); !keep.isEmpty()) {
            QFile::remove(keep);
            QVERIFY(QFile::copy(pdf.fileName(), keep));
        }
    }

    void rebuiltTranscriptShowsABanner()
    {
        InterviewsPage page(&m_workspace);
        page.resize(1200, 640);
        page.show();
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTRY_COMPARE(page.listPanel()->model()->rowCount(), 5);
        page.openInterview(demoId(3));
        QVERIFY(loaded.wait(10000));
        auto *banner = page.transcriptView()->findChild<QLabel *>(QStringLiteral("transcriptBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("6 turns were rebuilt")));
        QCOMPARE(page.transcriptView()->turns().at(0).elapsed, QStringLiteral("00:00:04"));
        // The failed assessment offers Retry and says why it failed.
        QCOMPARE(page.assessmentView()->generateButton()->text(), QStringLiteral("Retry"));
        QVERIFY(page.assessmentView()
                    ->findChild<QLabel *>(QStringLiteral("assessmentStatus"))
                    ->text()
                    .contains(QStringLiteral("no scorecard")));

        page.openInterview(demoId(2));
        QTRY_COMPARE(loaded.count(), 2);
        QVERIFY(banner->text().contains(QStringLiteral("3 turns were missing")));
    }

    // With no provider configured the queued job fails at once: status failed, Retry offered.
    void generateWithoutAProviderFailsWithRetry()
    {
        BackgroundServices services;
        services.configure(ServiceConfig{}); // no providers, no email
        services.start(m_db.url());
        InterviewsPage page(&m_workspace, &services);
        page.show();
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTRY_COMPARE(page.listPanel()->model()->rowCount(), 5);
        page.openInterview(demoId(2));
        QVERIFY(loaded.wait(10000));
        QPushButton *generate = page.assessmentView()->generateButton();
        QCOMPARE(generate->text(), QStringLiteral("Generate"));
        QTest::mouseClick(generate, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(generate->text(), QStringLiteral("Retry"), 15000);
        QVERIFY2(page.currentInterview().assessments.at(0).error.contains(QStringLiteral("No AI provider")),
                 qPrintable(page.currentInterview().assessments.at(0).error));
        QCOMPARE(page.currentInterview().assessments.at(0).status, QStringLiteral("failed"));
    }

    // The issue's end-to-end case: Generate queues a job; the provider answers 429 with a retry
    // hint, then a valid assessment; the job validates and stores it and the view shows it.
    void generateThroughTheQueueAfterA429()
    {
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.enqueue(Response::json(429, R"({"error":{"message":"Rate limit reached","type":"requests"}})",
                                    {{"retry-after", "1"}}));
        groq.enqueue(Response::json(200, testkit::chatCompletion(testkit::validAssessmentJson())));

        ServiceConfig config;
        config.ai = testkit::scriptedGroq(groq);
        BackgroundServices services;
        services.configure(config);
        services.start(m_db.url());
        QSignalSpy finished(&services, &BackgroundServices::jobFinished);

        InterviewsPage page(&m_workspace, &services);
        page.show();
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTRY_COMPARE(page.listPanel()->model()->rowCount(), 5);
        page.openInterview(demoId(4)); // its "generating" row lost its job: reconciled to failed
        QVERIFY(loaded.wait(10000));
        QPushButton *generate = page.assessmentView()->generateButton();
        QCOMPARE(generate->text(), QStringLiteral("Retry"));
        QTest::mouseClick(generate, Qt::LeftButton);
        // Queued and shown as generating while the job waits out the 429.
        QTRY_COMPARE_WITH_TIMEOUT(generate->text(), QStringLiteral("Generating…"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(services.runningJobs(), 1, 10000); // the status bar's count
        QTRY_COMPARE_WITH_TIMEOUT(generate->text(), QStringLiteral("Regenerate"), 20000);
        QTRY_COMPARE(services.runningJobs(), 0);

        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("generate-assessment"));
        QCOMPARE(finished.first().at(2).value<jobs::JobState>(), jobs::JobState::Completed);
        QCOMPARE(groq.requestCount(), 2); // the 429, then the answer
        QCOMPARE(groq.requests().at(1).header("Authorization"), QByteArray("Bearer gsk_testKey123"));
        const Assessment &shown = page.currentInterview().assessments.at(0);
        QCOMPARE(shown.status, QStringLiteral("ready"));
        QCOMPARE(shown.provider, QStringLiteral("groq"));
        QCOMPARE(shown.content.recommendation, QStringLiteral("hire"));
        const QString html = page.assessmentView()->browser()->toPlainText();
        QVERIFY2(html.contains(QStringLiteral("Calm, structured answers.")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("Communication")));
    }

    // Invite → a send-email job → Resend gets one request with the stored idempotency key,
    // even though its first answer is a 503; the page then says the email was sent.
    void invitationIsSentOnceThroughTheQueue()
    {
        ScriptedHttpServer resend;
        QVERIFY(resend.listen());
        resend.enqueue(Response::json(503, R"({"statusCode":503,"name":"service_unavailable","message":"busy"})",
                                      {{"retry-after", "0"}}));
        resend.enqueue(Response::json(200, R"({"id":"re-email-1"})"));

        ServiceConfig config;
        config.resendApiKey = QStringLiteral("re_testKey123");
        config.resendBaseUrl = resend.url();
        config.resendSpacingMs = 0;
        config.emailFrom = QStringLiteral("Hiring <hiring@example.org>");
        BackgroundServices services;
        services.configure(config);
        services.start(m_db.url());

        InterviewsPage page(&m_workspace, &services);
        page.show();
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTRY_COMPARE(page.listPanel()->model()->rowCount(), 5);
        page.openInterview(demoId(1));
        QVERIFY(loaded.wait(10000));
        auto *invite = page.findChild<QPushButton *>(QStringLiteral("interviewInviteButton"));
        QVERIFY(invite->isEnabled());
        // The email dialog is modal: accept it as prefilled once it is up.
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->accept();
        });
        QTest::mouseClick(invite, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.emailStatus()->text().contains(QStringLiteral("sent")), 20000);

        QCOMPARE(resend.requestCount(), 2); // 503, then accepted
        const QByteArray key = resend.requests().at(0).header("Idempotency-Key");
        QVERIFY(!key.isEmpty());
        QCOMPARE(resend.requests().at(1).header("Idempotency-Key"), key);
        const QJsonObject body = QJsonDocument::fromJson(resend.requests().at(1).body).object();
        QCOMPARE(body.value(QStringLiteral("from")).toString(), QStringLiteral("Hiring <hiring@example.org>"));
        const QList<QueuedEmail> emails = page.currentInterview().emails;
        QCOMPARE(emails.size(), 1);
        QCOMPARE(emails.at(0).status, QStringLiteral("sent"));
        QCOMPARE(emails.at(0).providerId, QStringLiteral("re-email-1"));
        auto *notice = page.findChild<QLabel *>(QStringLiteral("interviewNotice"));
        QVERIFY2(notice->text().contains(QStringLiteral("sent")), qPrintable(notice->text()));
    }

    // Ask with a provider: the relevant turns are retrieved locally and sent with the question;
    // the answer's cited time becomes a link to its turn.
    void askSendsRetrievedTurnsAndLinksTheCitation()
    {
        ScriptedHttpServer groq;
        QVERIFY(groq.listen());
        groq.enqueue(Response::json(
            200,
            testkit::chatCompletion(QStringLiteral("Each batch was its own transaction; a failed one was retried "
                                                   "with exponential backoff [00:02:10]."))));
        ServiceConfig config;
        config.ai = testkit::scriptedGroq(groq);
        BackgroundServices services;
        services.configure(config);

        InterviewsPage page(&m_workspace, &services);
        page.show();
        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTRY_COMPARE(page.listPanel()->model()->rowCount(), 5);
        page.openInterview(demoId(1));
        QVERIFY(loaded.wait(10000));
        AskPanel *askPanel = page.askPanel();
        page.findChild<QTabWidget *>(QStringLiteral("interviewTabs"))->setCurrentWidget(askPanel);
        QTest::keyClicks(askPanel->input(), QStringLiteral("How were failed batches retried?"));
        QTest::keyClick(askPanel->input(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(askPanel->history()->toPlainText().contains(QStringLiteral("exponential backoff")),
                                 10000);

        QCOMPARE(groq.requestCount(), 1);
        const QByteArray sent = groq.lastRequest().body;
        QVERIFY2(sent.contains("How were failed batches retried?"), sent.constData());
        QVERIFY2(sent.contains("We retried a failed batch"), sent.constData()); // the retrieved turn
        const QString history = askPanel->history()->toPlainText();
        QVERIFY2(!history.contains(QStringLiteral("Offline answer")), qPrintable(history));
        QVERIFY2(history.contains(QStringLiteral("groq")), qPrintable(history));
        const QString target = transcript::turnId(demoId(1), 5);
        QVERIFY(askPanel->history()->toHtml().contains(AssessmentView::turnLink(target)));
    }

    // Last: it renames a candidate. Text from the database is shown as written, never as HTML
    // (a shared database is written by colleagues), and a %1 in it is not filled by tr().arg().
    void databaseTextIsShownAsWritten()
    {
        const QString hostile = QStringLiteral("<img src=\"file:///etc/passwd\"><b>Ada %1</b>");
        {
            Connection connection(m_db.url(), QStringLiteral("rename-candidate"));
            QVERIFY2(connection.ok(), qPrintable(connection.error()));
            QSqlQuery q(connection.database());
            q.prepare(QStringLiteral("UPDATE interviews SET candidate_name = ?, role = ? WHERE id = ?"));
            q.addBindValue(hostile);
            q.addBindValue(QStringLiteral("<i>Lead</i>"));
            q.addBindValue(demoId(5));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        InterviewsPage page(&m_workspace);
        page.show();
        InterviewListPanel *list = page.listPanel();
        QTRY_COMPARE(list->model()->rowCount(), 5);
        QModelIndex row;
        for (int i = 0; i < list->model()->rowCount(); ++i)
            if (list->model()->index(i, 0).data().toString() == hostile)
                row = list->model()->index(i, 0);
        QVERIFY(row.isValid());
        QTextDocument tip;
        tip.setHtml(row.data(Qt::ToolTipRole).toString());
        QVERIFY2(tip.toPlainText().startsWith(hostile), qPrintable(tip.toPlainText()));

        QSignalSpy loaded(&page, &InterviewsPage::interviewLoaded);
        QTreeView *view = list->view();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
        QVERIFY(loaded.wait(10000));
        auto *title = page.findChild<QLabel *>(QStringLiteral("interviewTitle"));
        QCOMPARE(title->text(), hostile);
        QCOMPARE(title->textFormat(), Qt::PlainText);
        auto *subtitle = page.findChild<QLabel *>(QStringLiteral("interviewSubtitle"));
        QVERIFY2(subtitle->text().startsWith(QStringLiteral("<i>Lead</i>")), qPrintable(subtitle->text()));
        QCOMPARE(subtitle->textFormat(), Qt::PlainText);
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("interviewNotice"))->textFormat(), Qt::PlainText);
    }

private:
    testkit::SqliteTestDatabase m_db;
    Workspace m_workspace;
};

QTEST_MAIN(TestInterviewsPage)
#include "tst_interviews_page.moc"
