// Dropping a file whose earlier import did not finish offers Resume; either way on, the rows
// the earlier run committed are never reported as rejects.
#include "core/db/Connection.h"
#include "core/importer/ImportRunner.h"
#include "core/services/AppSettings.h"
#include "tests/testkit/ImportPageHarness.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Dialogs.h"

#include <QLabel>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;

namespace {

constexpr int kRows = 1000; // every fiftieth has no valid age: 20 real rejects
constexpr int kBatch = 100;

QByteArray peopleFile()
{
    QByteArray out = "name,gender,age,country_id\n";
    for (int i = 0; i < kRows; ++i)
        out += "Window Person " + QByteArray::number(i) + ",male,"
            + (i % 50 == 49 ? QByteArray("old") : QByteArray::number(20 + i % 40)) + ",KE\n";
    return out;
}

qint64 profileCount(const DatabaseUrl &url)
{
    Connection connection(url, QStringLiteral("resume-page-check"));
    QSqlQuery q(connection.database());
    if (!connection.ok() || !q.exec(QStringLiteral("SELECT count(*) FROM profiles")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestImportResumePage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void droppedInterruptedFileOffersResume_data();
    void droppedInterruptedFileOffersResume();
    void finishedFileOffersNoResume();

private:
    QTemporaryDir m_dir;
};

void TestImportResumePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("INSIGHTA_DATABASE_URL");
    qRegisterMetaType<insighta::ImportReport>();
    QVERIFY(m_dir.isValid());
    Dialogs::reset();
    AppSettings::instance().setValue(AppSettings::Key::ImportBatchSize, kBatch);
}

void TestImportResumePage::droppedInterruptedFileOffersResume_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("resumes");
    QTest::newRow("Resume") << QStringLiteral("importResumeButton") << true;
    QTest::newRow("Import from the start") << QStringLiteral("importStartButton") << false;
}

void TestImportResumePage::droppedInterruptedFileOffersResume()
{
    QFETCH(QString, button);
    QFETCH(bool, resumes);
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    const QString path = m_dir.filePath(QStringLiteral("people-%1.csv").arg(resumes));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(peopleFile());
    }
    // An earlier import that stopped after its second batch, as an interrupted one does.
    ImportRequest earlier;
    earlier.filePath = path;
    earlier.database = db.url();
    earlier.batchSize = kBatch;
    ImportRunner interrupted(earlier);
    int batches = 0;
    interrupted.setCommitCheckpointCallback([&](QSqlDatabase, DatabaseKind, const ImportCheckpoint &) -> Status {
        if (++batches > 2)
            return Error{QStringLiteral("the machine went down")};
        return success();
    });
    const ImportReport stopped = interrupted.run();
    QCOMPARE(stopped.status, ImportStatus::Cancelled);
    QVERIFY(stopped.stoppedAt);
    QCOMPARE(profileCount(db.url()), qint64(2 * kBatch));

    Workspace workspace;
    QVERIFY(testkit::connectWorkspace(workspace, db.url()));
    ImportPage page(&workspace);
    page.resize(1024, 768);
    page.show();
    QSignalSpy checked(&page, &ImportPage::unfinishedImportChecked);
    QVERIFY(testkit::dropAndWaitForPreview(page, path));
    QVERIFY(!checked.isEmpty() || checked.wait(20000));
    QCOMPARE(checked.first().at(1).toBool(), true);
    auto *resume = page.findChild<QPushButton *>(QStringLiteral("importResumeButton"));
    auto *start = page.findChild<QPushButton *>(QStringLiteral("importStartButton"));
    QVERIFY(resume && start);
    QVERIFY(resume->isVisible());
    QVERIFY(resume->isEnabled());
    QCOMPARE(start->text(), QStringLiteral("Import from the start"));
    const QString note = page.findChild<QLabel *>(QStringLiteral("importResumeNote"))->text();
    QVERIFY2(note.contains(QStringLiteral("stopped at line %1").arg(QLocale().toString(stopped.stoppedAt->line))),
             qPrintable(note));

    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(page.findChild<QPushButton *>(button), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const ImportReport report = finished.first().at(0).value<ImportReport>();
    QCOMPARE(report.status, ImportStatus::Completed);
    QCOMPARE(report.importId, stopped.importId);
    QCOMPARE(report.counts.rowsRead, qint64(kRows));
    QCOMPARE(report.counts.rowsLoaded, qint64(kRows - 20));
    QCOMPARE(report.counts.skippedByReason.keys(), QStringList{QStringLiteral("invalid_age")});
    QCOMPARE(report.resumedFromLine.has_value(), resumes);
    if (resumes)
        QCOMPARE(*report.resumedFromLine, stopped.stoppedAt->line);
    QCOMPARE(profileCount(db.url()), qint64(kRows - 20));
}

void TestImportResumePage::finishedFileOffersNoResume()
{
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    const QString path = m_dir.filePath(QStringLiteral("finished.csv"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(peopleFile());
    }
    ImportRequest done;
    done.filePath = path;
    done.database = db.url();
    QCOMPARE(ImportRunner(done).run().status, ImportStatus::Completed);

    Workspace workspace;
    QVERIFY(testkit::connectWorkspace(workspace, db.url()));
    ImportPage page(&workspace);
    page.show();
    QSignalSpy checked(&page, &ImportPage::unfinishedImportChecked);
    QVERIFY(testkit::dropAndWaitForPreview(page, path));
    QVERIFY(!checked.isEmpty() || checked.wait(20000));
    QCOMPARE(checked.first().at(1).toBool(), false);
    QVERIFY(!page.previewPanel()->resumeOffered());
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("importResumeButton"))->isVisible());
    QCOMPARE(page.findChild<QPushButton *>(QStringLiteral("importStartButton"))->text(), QStringLiteral("Import"));
}

QTEST_MAIN(TestImportResumePage)
#include "tst_import_resume_page.moc"
