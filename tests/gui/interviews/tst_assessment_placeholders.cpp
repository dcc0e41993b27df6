// An assessment is written by an AI provider and stored in a shared database: a "%3" in a
// competency or a quote is text, not a placeholder for the values that follow it (the report
// and the view fill their templates in one arg() call).
#include "core/interviews/InterviewReports.h"
#include "ui/interviews/AssessmentView.h"

#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

using namespace insighta;

class TestAssessmentPlaceholders : public QObject
{
    Q_OBJECT
private slots:
    void placeholdersStayAsWritten_data();
    void placeholdersStayAsWritten();

private:
    static InterviewDetail detailWith(const QString &competency);
};

InterviewDetail TestAssessmentPlaceholders::detailWith(const QString &competency)
{
    InterviewDetail detail;
    detail.summary.id = QStringLiteral("i-1");
    detail.summary.candidateName = QStringLiteral("Ada Obi");
    detail.summary.role = QStringLiteral("Engineer");
    Assessment assessment;
    assessment.id = QStringLiteral("a-1");
    assessment.interviewId = detail.summary.id;
    assessment.status = QStringLiteral("ready");
    assessment.generatedAt = QDateTime::currentDateTimeUtc();
    assessment.content.summary = QStringLiteral("Solid.");
    assessment.content.recommendation = QStringLiteral("hire");
    assessment.content.scorecard = {ScorecardEntry{competency, 4, {}}};
    detail.assessments = {assessment};
    return detail;
}

void TestAssessmentPlaceholders::placeholdersStayAsWritten_data()
{
    QTest::addColumn<QString>("competency");
    QTest::newRow("%3 and %4") << QStringLiteral("Ownership %3 %4");
    QTest::newRow("%1") << QStringLiteral("Design %1");
    QTest::newRow("%2%3") << QStringLiteral("x%2%3y");
}

void TestAssessmentPlaceholders::placeholdersStayAsWritten()
{
    QFETCH(QString, competency);
    const InterviewDetail detail = detailWith(competency);

    QTextDocument report;
    report.setHtml(reports::assessmentHtml(detail, detail.assessments.first()));
    const QString reportText = report.toPlainText();
    QVERIFY2(reportText.contains(competency), qPrintable(reportText));
    QVERIFY2(reportText.contains(QStringLiteral("4/5")), qPrintable(reportText));

    AssessmentView view;
    view.setInterview(detail);
    const QString shown = view.browser()->toPlainText();
    QVERIFY2(shown.contains(competency), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("4/5")), qPrintable(shown));
}

QTEST_MAIN(TestAssessmentPlaceholders)
#include "tst_assessment_placeholders.moc"
