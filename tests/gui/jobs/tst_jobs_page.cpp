// The Jobs page offscreen, on both databases: a job appears, a dead one is requeued from the
// page, filters change what the table shows, and the model keeps rows (and selection) stable.
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "models/JobsModel.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/pages/JobsPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

class TestJobsPage : public QObject
{
    Q_OBJECT
private slots:
    void showsJobsAndRequeuesADeadOne_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void showsJobsAndRequeuesADeadOne();
    void snapshotMergeKeepsRows();
};

void TestJobsPage::showsJobsAndRequeuesADeadOne()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind());

    // One job that failed for good, with its history, and one waiting.
    JobSpec spec;
    spec.kind = QStringLiteral("send-email");
    spec.maxAttempts = 2;
    const qint64 deadId = queue.enqueue(spec)->id;
    for (int attempt = 1; attempt <= 2; ++attempt) {
        auto claimed = queue.claim(QStringLiteral("test-worker"), {}, 30s);
        QVERIFY(claimed.ok() && claimed.value());
        QVERIFY(queue.fail(*claimed.value(), QStringLiteral("HTTP 503 from the provider"), false, 0ms).ok());
    }
    QCOMPARE(queue.get(deadId).value()->state, JobState::Dead);
    spec.kind = QStringLiteral("export");
    spec.maxAttempts = 4;
    const qint64 waitingId = queue.enqueue(spec)->id;

    Workspace workspace;
    QSignalSpy ready(&workspace, &Workspace::ready);
    workspace.connectTo(db.url(), false);
    QVERIFY(ready.wait(20000));
    JobsPage page(&workspace);
    page.setPollInterval(100);
    page.resize(1100, 600);
    page.show();
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    auto *table = page.findChild<QTableView *>(QStringLiteral("jobsTable"));
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    const int deadRow = page.model()->rowOf(deadId);
    QVERIFY(deadRow >= 0);
    const QAbstractItemModel *model = table->model();
    QCOMPARE(model->index(deadRow, JobsModel::State).data().toString(), QStringLiteral("dead"));
    QCOMPARE(model->index(deadRow, JobsModel::Kind).data().toString(), QStringLiteral("send-email"));
    QCOMPARE(model->index(deadRow, JobsModel::Attempt).data().toString(), QStringLiteral("2 of 2"));
    QCOMPARE(model->index(deadRow, JobsModel::LastError).data().toString(),
             QStringLiteral("HTTP 503 from the provider"));

    // Select it: the detail pane shows its two failed attempts; only Requeue and Discard apply.
    table->selectRow(deadRow);
    auto *history = page.findChild<QTreeWidget *>(QStringLiteral("jobAttemptHistory"));
    QTRY_COMPARE(history->topLevelItemCount(), 2);
    QCOMPARE(history->topLevelItem(1)->text(3), QStringLiteral("HTTP 503 from the provider"));
    auto *requeue = page.findChild<QPushButton *>(QStringLiteral("jobsRequeueButton"));
    auto *cancel = page.findChild<QPushButton *>(QStringLiteral("jobsCancelButton"));
    auto *discard = page.findChild<QPushButton *>(QStringLiteral("jobsDiscardButton"));
    QVERIFY(requeue->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(discard->isEnabled());

    // Facts in words; the raw JSON only behind Details.
    auto *facts = page.findChild<QLabel *>(QStringLiteral("jobDetailFacts"));
    QVERIFY(facts->text().contains(QStringLiteral("2 of 2")));
    QVERIFY(!facts->text().contains(QLatin1Char('{')));
    auto *detailsToggle = page.findChild<QToolButton *>(QStringLiteral("jobDetailsToggle"));
    auto *details = page.findChild<QPlainTextEdit *>(QStringLiteral("jobDetailsJson"));
    QVERIFY(detailsToggle && details);
    QVERIFY(!details->isVisible());
    QTest::mouseClick(detailsToggle, Qt::LeftButton);
    QVERIFY(details->isVisible());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("jobDetailsCopy"))->isVisible());
    const QJsonObject raw = QJsonDocument::fromJson(details->toPlainText().toUtf8()).object();
    QVERIFY(raw.contains(QStringLiteral("payload")));
    QCOMPARE(raw.value(QStringLiteral("payload")).toObject(), queue.get(deadId).value()->payload);

    QTest::mouseClick(requeue, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(queue.get(deadId).value()->state, JobState::Available, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(page.model()->rowOf(deadId), JobsModel::State).data().toString(),
                              QStringLiteral("available"), 10000);
    QCOMPARE(model->index(page.model()->rowOf(deadId), JobsModel::Attempt).data().toString(), QStringLiteral("0 of 2"));
    // The selection stayed on the same job while the row changed underneath it.
    QCOMPARE(table->selectionModel()->currentIndex().row(), page.model()->rowOf(deadId));
    QTRY_VERIFY(!requeue->isEnabled());
    QVERIFY(cancel->isEnabled());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("jobsStatus"))->text().contains(QStringLiteral("requeued")));

    // Filters: by kind, then by state.
    auto *kindFilter = page.findChild<QComboBox *>(QStringLiteral("jobsKindFilter"));
    QTRY_VERIFY(kindFilter->findData(QStringLiteral("export")) >= 0);
    kindFilter->setCurrentIndex(kindFilter->findData(QStringLiteral("export")));
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, JobsModel::Id).data().toLongLong(), waitingId);
    kindFilter->setCurrentIndex(0);
    auto *stateFilter = page.findChild<QComboBox *>(QStringLiteral("jobsStateFilter"));
    stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("dead")));
    QTRY_COMPARE(model->rowCount(), 0);
    stateFilter->setCurrentIndex(0);
    QTRY_COMPARE(model->rowCount(), 2);

    // A job enqueued elsewhere shows up by itself (NOTIFY on PostgreSQL, polling on SQLite).
    spec.kind = QStringLiteral("import");
    const qint64 newId = queue.enqueue(spec)->id;
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(newId) == 0, 10000);
    if (backend == QLatin1String("postgres"))
        QVERIFY(page.model()->isLive());
}

void TestJobsPage::snapshotMergeKeepsRows()
{
    JobsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto make = [](qint64 id, JobState state) {
        JobRecord job;
        job.id = id;
        job.kind = QStringLiteral("k");
        job.state = state;
        return job;
    };
    model.applySnapshot({make(5, JobState::Available), make(3, JobState::Running), make(1, JobState::Dead)});
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // 6 arrives, 3 finishes, 1 is discarded, 5 is unchanged.
    model.applySnapshot({make(6, JobState::Available), make(5, JobState::Available), make(3, JobState::Completed)});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowOf(6), 0);
    QCOMPARE(model.rowOf(3), 2);
    QCOMPARE(model.rowOf(1), -1);
    QCOMPARE(model.index(2, JobsModel::State).data().toString(), QStringLiteral("completed"));
    model.applySnapshot({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestJobsPage)
#include "tst_jobs_page.moc"
