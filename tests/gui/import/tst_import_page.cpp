#include "core/db/Connection.h"
#include "core/services/AppSettings.h"
#include "models/ImportHistoryModel.h"
#include "models/ImportJob.h"
#include "models/ImportPreviewModel.h"
#include "models/ImportQueue.h"
#include "models/ImportRejectsModel.h"
#include "tests/testkit/ImportPageHarness.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/Workspace.h"
#include "ui/import/ImportDropZone.h"
#include "ui/import/ImportHistoryView.h"
#include "ui/import/ImportJobCard.h"
#include "ui/import/ImportPreviewPanel.h"
#include "ui/import/SkipReportView.h"
#include "ui/pages/ImportPage.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QWindow>
#include <QtConcurrent>

using namespace insighta;

namespace {

// The header and one clean row per index; names are unique per prefix.
QByteArray cleanCsv(int rows, const QByteArray &prefix)
{
    static const char *const countries[] = {"NG", "KE", "GH", "US", "FR", "BR", "IN", "JP"};
    QByteArray bytes = "name,gender,age,country_id\n";
    bytes.reserve(rows * 36 + 64);
    for (int i = 0; i < rows; ++i) {
        bytes += prefix + ' ' + QByteArray::number(i) + ',' + (i % 2 ? "female" : "male") + ','
            + QByteArray::number(18 + i % 60) + ',' + countries[i % 8] + '\n';
    }
    return bytes;
}

// 40 clean rows and five bad ones, one for each of five reasons.
QByteArray dirtyCsv()
{
    QByteArray bytes = cleanCsv(40, "Dirty Person");
    bytes += "Bad Age,female,abc,NG\n"; // invalid_age
    bytes += "Bad Gender,x,30,NG\n"; // invalid_gender
    bytes += "Bad Country,male,30,ZZ\n"; // unknown_country
    bytes += "Dirty Person 1,female,44,KE\n"; // duplicate_in_file
    bytes += "Short Row,female\n"; // wrong_column_count
    return bytes;
}

qint64 scalar(const DatabaseUrl &url, const QString &sql)
{
    Connection connection(url, QStringLiteral("test-check"));
    if (!connection.ok())
        return -1;
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next())
        return -2;
    return query.value(0).toLongLong();
}

template<typename T> T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

// A user's pick in a combo: select and say it was activated, as a click would.
void choose(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

} // namespace

class TestImportPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dropPreviewImportAndReadTheReport();
    void theWholeWindowTakesDropsAndFileImport();
    void mappingChangeDecidesWhatLoads();
    void wideFilesShowTheFirstColumns();
    void encodingOverrideChangesTheText();
    void delimiterOverrideChangesTheColumns();
    void validateOnlyLeavesTheDatabaseAlone();
    void cancelMidImportKeepsCommittedRows();
    void twoFilesImportConcurrently();
    void queueHonoursTheConcurrencyLimit();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    ImportReport importThroughPreview(ImportPage &page, const QString &path);

    QTemporaryDir m_dir;
    std::unique_ptr<testkit::SqliteTestDatabase> m_db;
};

void TestImportPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("INSIGHTA_DATABASE_URL");
    qputenv("INSIGHTA_WORKSPACE", m_dir.filePath(QStringLiteral("unused-workspace.db")).toUtf8());
    qRegisterMetaType<insighta::ImportReport>();
    QVERIFY(m_dir.isValid());
}

void TestImportPage::init()
{
    Dialogs::reset();
    AppSettings::instance().setValue(AppSettings::Key::ImportConcurrency, 2);
    AppSettings::instance().setValue(AppSettings::Key::ImportBatchSize, 10000);
    m_db = std::make_unique<testkit::SqliteTestDatabase>();
}

void TestImportPage::cleanup()
{
    Dialogs::reset();
    m_db.reset();
}

QString TestImportPage::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

ImportReport TestImportPage::importThroughPreview(ImportPage &page, const QString &path)
{
    QSignalSpy finished(&page, &ImportPage::importFinished);
    if (!testkit::dropAndWaitForPreview(page, path))
        return {};
    auto *start = child<QPushButton>(&page, "importStartButton");
    if (!start->isEnabled())
        return {};
    QTest::mouseClick(start, Qt::LeftButton);
    if (!finished.wait(60000))
        return {};
    return finished.first().at(0).value<ImportReport>();
}

void TestImportPage::dropPreviewImportAndReadTheReport()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();
    Workspace &workspace = shown.workspace;
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    const QString path = writeFile(QStringLiteral("dirty.csv"), dirtyCsv());
    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(child<QTabWidget>(&page, "importTabs")->currentIndex(), 0);

    // The preview: every record, problems tinted with the reason as tooltip.
    ImportPreviewModel *preview = page.previewPanel()->model();
    QCOMPARE(preview->rowCount(), 45);
    QCOMPARE(preview->columnCount(), 4);
    QCOMPARE(preview->headerData(0, Qt::Horizontal).toString(), QStringLiteral("name"));
    const QModelIndex badAge = preview->index(40, 2);
    QCOMPARE(badAge.data().toString(), QStringLiteral("abc"));
    QCOMPARE(badAge.data(ImportPreviewModel::ProblemRole).toString(), QStringLiteral("invalid_age"));
    QVERIFY2(badAge.data(Qt::ToolTipRole).toString().contains(QStringLiteral("invalid_age")),
             qPrintable(badAge.data(Qt::ToolTipRole).toString()));
    QVERIFY(badAge.data(Qt::BackgroundRole).isValid());
    QVERIFY(!preview->index(0, 2).data(Qt::BackgroundRole).isValid());
    QCOMPARE(preview->index(41, 1).data(ImportPreviewModel::ProblemRole).toString(), QStringLiteral("invalid_gender"));
    QVERIFY(child<QLabel>(&page, "importPreviewStatus")->text().contains(QStringLiteral("problems")));

    QSignalSpy finished(&page, &ImportPage::importFinished);
    QSignalSpy dataChanged(&workspace, &Workspace::dataChanged);
    auto *start = child<QPushButton>(&page, "importStartButton");
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(dataChanged.size(), 1);

    // The report, as the view shows it.
    QCOMPARE(child<QTabWidget>(&page, "importTabs")->currentIndex(), 1);
    SkipReportView *view = page.reportView();
    QVERIFY(view->hasReport());
    QCOMPARE(view->report().counts.rowsLoaded, qint64(40));
    QCOMPARE(view->report().counts.rowsSkipped, qint64(5));
    const QString title = child<QLabel>(view, "importReportTitle")->text();
    QVERIFY2(title.contains(QStringLiteral("dirty.csv")) && title.contains(QStringLiteral("completed")),
             qPrintable(title));
    const QString totals = child<QLabel>(view, "importReportTotals")->text();
    QVERIFY2(totals.contains(QStringLiteral("Loaded")) && totals.contains(QStringLiteral("<b>40</b>")),
             qPrintable(totals));
    QCOMPARE(view->rejectsModel()->rowCount(), 5);
    const auto charted = view->chartedReasons();
    QCOMPARE(charted.size(), 5);
    QVERIFY(charted.contains(qMakePair(QStringLiteral("invalid_age"), qint64(1))));
    QVERIFY(charted.contains(qMakePair(QStringLiteral("duplicate_in_file"), qint64(1))));

    // Filter by reason.
    auto *filter = child<QComboBox>(view, "importRejectsFilter");
    QCOMPARE(filter->count(), 6);
    filter->setCurrentIndex(filter->findData(QStringLiteral("invalid_age")));
    QCOMPARE(view->rejectsModel()->rowCount(), 1);
    const QModelIndex line = view->rejectsModel()->index(0, ImportRejectsModel::LineColumn);
    QCOMPARE(line.data().toLongLong(), qint64(42));
    QVERIFY(view->rejectsModel()
                ->index(0, ImportRejectsModel::RawColumn)
                .data()
                .toString()
                .contains(QStringLiteral("Bad Age")));
    filter->setCurrentIndex(0);
    QCOMPARE(view->rejectsModel()->rowCount(), 5);

    // Save both files through the pre-answered dialogs.
    QSignalSpy saved(view, &SkipReportView::saved);
    const QString rejectsOut = m_dir.filePath(QStringLiteral("dirty-rejected.csv"));
    Dialogs::preAnswerFile(rejectsOut);
    QTest::mouseClick(child<QPushButton>(view, "importSaveRejects"), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QFile rejects(rejectsOut);
    QVERIFY(rejects.open(QIODevice::ReadOnly));
    const QList<QByteArray> rejectLines = rejects.readAll().trimmed().split('\n');
    QCOMPARE(rejectLines.size(), 6);
    QVERIFY2(rejectLines.first().contains("_line") && rejectLines.first().contains("_reason"),
             rejectLines.first().constData());
    QVERIFY(rejectLines.first().startsWith("name,gender,age,country_id"));

    const QString jsonOut = m_dir.filePath(QStringLiteral("dirty-report.json"));
    Dialogs::preAnswerFile(jsonOut);
    QTest::mouseClick(child<QPushButton>(view, "importSaveJson"), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QFile json(jsonOut);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject object = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(object.value(QStringLiteral("rows_loaded")).toInteger(), qint64(40));
    QCOMPARE(object.value(QStringLiteral("rows_skipped")).toInteger(), qint64(5));
    QCOMPARE(
        object.value(QStringLiteral("skipped_by_reason")).toObject().value(QStringLiteral("invalid_age")).toInteger(),
        qint64(1));

    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(40));

    // History: the import is listed and its report opens again.
    ImportHistoryModel *history = page.historyView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 1, 10000);
    QCOMPARE(history->index(0, ImportHistoryModel::FileColumn).data().toString(), QStringLiteral("dirty.csv"));
    view->clear();
    QVERIFY(!view->hasReport());
    page.historyView()->openRow(0);
    QVERIFY(view->hasReport());
    QCOMPARE(view->report().counts.rowsLoaded, qint64(40));
    QCOMPARE(view->report().counts.rowsSkipped, qint64(5));
    QCOMPARE(view->rejectsModel()->rowCount(), 5);
    QCOMPARE(view->chartedReasons().size(), 5);
    // The reopened report still saves every rejected row with its original columns.
    const QString again = m_dir.filePath(QStringLiteral("again-rejected.csv"));
    Dialogs::preAnswerFile(again);
    QTest::mouseClick(child<QPushButton>(view, "importSaveRejects"), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QFile againFile(again);
    QVERIFY(againFile.open(QIODevice::ReadOnly));
    QCOMPARE(againFile.readAll().trimmed().split('\n').size(), 6);
}

void TestImportPage::theWholeWindowTakesDropsAndFileImport()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    Workspace workspace;
    QVERIFY(testkit::connectWorkspace(workspace, m_db->url()));
    MainWindow window(&workspace);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(MainWindow::Page::Search);
    auto *page = qobject_cast<ImportPage *>(window.page(MainWindow::Page::Import));
    QVERIFY(page);
    const QString screenshots = qEnvironmentVariable("INSIGHTA_SCREENSHOT_DIR");

    const QString first = writeFile(QStringLiteral("window-dirty.csv"), dirtyCsv());
    const QString second = writeFile(QStringLiteral("window-clean.csv"), cleanCsv(30000, "Window Clean"));
    const QString notCsv = writeFile(QStringLiteral("notes.pdf"), QByteArray("%PDF-1.4"));

    // A real drag over the Search page, delivered to the native window: the window finds the
    // widget under the cursor and hands the drop up to whoever accepts it.
    QSignalSpy loaded(page->previewPanel(), &ImportPreviewPanel::previewLoaded);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(notCsv)});
    QWindow *native = window.windowHandle();
    const QPoint pos = window.page(MainWindow::Page::Search)->mapTo(&window, QPoint(200, 200));
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(native, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(native, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(native, &drop);
    QCOMPARE(window.currentPage(), MainWindow::Page::Import);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page->previewPanel()->filePath(), QFileInfo(first).absoluteFilePath());
    QVERIFY(page->waitingForPreview().isEmpty()); // the PDF was left out

    // File → Import… asks for files through the dialog wrapper and queues them for preview.
    Dialogs::preAnswerFiles({second});
    auto *action = window.findChild<QAction *>(QStringLiteral("actionImport"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(page->waitingForPreview(), QStringList{second});
    auto *all = child<QPushButton>(page, "importAllButton");
    QVERIFY(all->isVisible());
    QCOMPARE(all->text(), QStringLiteral("Import all 2 files"));
    if (!screenshots.isEmpty()) {
        child<QTableView>(page, "importPreviewTable")->scrollToBottom(); // the tinted rows are last
        window.grab().save(screenshots + QStringLiteral("/import-preview.png"));
    }

    QSignalSpy finished(page, &ImportPage::importFinished);
    QTest::mouseClick(all, Qt::LeftButton);
    QCOMPARE(page->queue()->runningCount(), 2);
    if (!screenshots.isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(page->queue()->jobs().constLast()->progress().recordsRead > 0
                                     || page->queue()->jobs().constLast()->state() == ImportJob::State::Finished,
                                 20000);
        window.grab().save(screenshots + QStringLiteral("/import-progress.png"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(QStringLiteral("loaded")), qPrintable(status));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(30040));
    // Each card reopens its own report.
    for (ImportJobCard *card : page->findChildren<ImportJobCard *>())
        if (card->job()->fileName() == QLatin1String("window-dirty.csv"))
            QTest::mouseClick(child<QPushButton>(card, "importJobReport"), Qt::LeftButton);
    QCOMPARE(QFileInfo(page->reportView()->report().file).fileName(), QStringLiteral("window-dirty.csv"));
    QCOMPARE(page->reportView()->rejectsModel()->rowCount(), 5);
    if (!screenshots.isEmpty()) {
        QTest::qWait(200); // let the chart lay out before the picture
        window.grab().save(screenshots + QStringLiteral("/import-report.png"));
    }
}

void TestImportPage::mappingChangeDecidesWhatLoads()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();

    QByteArray csv = "name,nickname,gender,age,country_id\n";
    for (int i = 0; i < 20; ++i)
        csv += "Real Name " + QByteArray::number(i) + ",Nick " + QByteArray::number(i) + ",female,30,NG\n";
    const QString path = writeFile(QStringLiteral("mapping.csv"), csv);
    ImportPreviewPanel *panel = page.previewPanel();
    QSignalSpy loaded(panel, &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().mapping.columns.value(0), ProfileField::Name);
    QCOMPARE(panel->model()->preview().mapping.columns.value(1), ProfileField::Ignored);
    auto *nameCombo = child<QComboBox>(panel, "importMapping_0");
    QVERIFY(nameCombo);
    QCOMPARE(nameCombo->currentData().toInt(), int(ProfileField::Name));

    // Ignore the name column: the preview now says name is missing and import is refused.
    choose(nameCombo, int(ProfileField::Ignored));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().missingRequired, QStringList{QStringLiteral("name")});
    QVERIFY(!child<QPushButton>(panel, "importStartButton")->isEnabled());
    // Feed name from the nickname column instead.
    choose(child<QComboBox>(panel, "importMapping_1"), int(ProfileField::Name));
    QVERIFY(loaded.wait(10000));
    QVERIFY(panel->model()->preview().missingRequired.isEmpty());
    QCOMPARE(child<QComboBox>(panel, "importMapping_0")->currentData().toInt(), int(ProfileField::Ignored));
    QCOMPARE(child<QComboBox>(panel, "importMapping_1")->currentData().toInt(), int(ProfileField::Name));

    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(panel, "importStartButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).value<ImportReport>().counts.rowsLoaded, qint64(20));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles WHERE name LIKE 'Nick %'")), qint64(20));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles WHERE name LIKE 'Real%'")), qint64(0));
}

void TestImportPage::wideFilesShowTheFirstColumns()
{
    // 5000 columns: the mapping row has one combo box for each of the first 64 only, and a
    // mapping chosen there still applies (the hidden columns keep theirs).
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();
    QByteArray header = "name,gender,age,country_id";
    QByteArray row = "Wide Person,female,30,NG";
    for (int i = 0; i < 4996; ++i) {
        header += ",extra" + QByteArray::number(i);
        row += ',';
    }
    const QString path = writeFile(QStringLiteral("wide.csv"), header + '\n' + row + '\n');
    ImportPreviewPanel *panel = page.previewPanel();
    QSignalSpy loaded(panel, &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(child<QTableWidget>(panel, "importMappingTable")->columnCount(), 64);
    QCOMPARE(panel->findChildren<QComboBox *>(QRegularExpression(QStringLiteral("^importMapping_"))).size(), 64);
    const QString status = child<QLabel>(panel, "importPreviewStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("Only the first 64 columns")), qPrintable(status));

    choose(child<QComboBox>(panel, "importMapping_0"), int(ProfileField::Ignored));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().mapping.columns.size(), 5000);
    QCOMPARE(panel->model()->preview().missingRequired, QStringList{QStringLiteral("name")});
}

void TestImportPage::encodingOverrideChangesTheText()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();

    QByteArray csv = "name,gender,age,country_id\n";
    for (int i = 0; i < 5; ++i)
        csv += QStringLiteral("Zoë Test %1,female,30,FR\n").arg(i).toUtf8();
    const QString path = writeFile(QStringLiteral("utf8.csv"), csv);
    ImportPreviewPanel *panel = page.previewPanel();
    QSignalSpy loaded(panel, &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().encoding, csv::TextEncoding::Utf8);
    QCOMPARE(panel->model()->index(0, 0).data().toString(), QStringLiteral("Zoë Test 0"));

    choose(child<QComboBox>(panel, "importEncoding"), int(csv::TextEncoding::Latin1));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().encoding, csv::TextEncoding::Latin1);
    QCOMPARE(panel->model()->index(0, 0).data().toString(), QStringLiteral("ZoÃ« Test 0"));

    // The import reads the file the way the preview showed it.
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(panel, "importStartButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).value<ImportReport>().encoding, QStringLiteral("latin-1"));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles WHERE name = 'ZoÃ« Test 0'")),
             qint64(1));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles WHERE name = 'Zoë Test 0'")), qint64(0));
}

void TestImportPage::delimiterOverrideChangesTheColumns()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();

    QByteArray csv = "name;gender;age;country_id\n";
    for (int i = 0; i < 5; ++i)
        csv += "Semi Colon " + QByteArray::number(i) + ";male;41;KE\n";
    const QString path = writeFile(QStringLiteral("semicolon.csv"), csv);
    ImportPreviewPanel *panel = page.previewPanel();
    QSignalSpy loaded(panel, &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().delimiter, ';');
    QCOMPARE(panel->model()->columnCount(), 4);
    QVERIFY(child<QPushButton>(panel, "importStartButton")->isEnabled());

    auto *delimiter = child<QComboBox>(panel, "importDelimiter");
    choose(delimiter, int(','));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->preview().delimiter, ',');
    QCOMPARE(panel->model()->columnCount(), 1);
    QCOMPARE(panel->model()->index(0, 0).data().toString(), QStringLiteral("Semi Colon 0;male;41;KE"));
    QVERIFY(!panel->model()->preview().missingRequired.isEmpty());
    QVERIFY(!child<QPushButton>(panel, "importStartButton")->isEnabled());

    choose(delimiter, int(';'));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->model()->columnCount(), 4);
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(panel, "importStartButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).value<ImportReport>().delimiter, QStringLiteral(";"));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(5));
}

void TestImportPage::validateOnlyLeavesTheDatabaseAlone()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    Workspace workspace;
    QVERIFY(testkit::connectWorkspace(workspace, m_db->url()));
    ImportPage page(&workspace);
    page.show();
    const QString path = writeFile(QStringLiteral("validate.csv"), dirtyCsv());
    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QSignalSpy dataChanged(&workspace, &Workspace::dataChanged);
    QTest::mouseClick(child<QPushButton>(&page, "importValidateButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto report = finished.first().at(0).value<ImportReport>();
    QVERIFY(report.validateOnly);
    QCOMPARE(report.counts.rowsValid, qint64(40));
    QCOMPARE(report.counts.rowsSkipped, qint64(5));
    QVERIFY(page.reportView()->hasReport());
    QVERIFY(child<QLabel>(page.reportView(), "importReportTitle")->text().startsWith(QStringLiteral("Validation")));
    QCOMPARE(dataChanged.size(), 0);
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(0));
}

void TestImportPage::cancelMidImportKeepsCommittedRows()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    AppSettings::instance().setValue(AppSettings::Key::ImportBatchSize, 1000);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();
    const int total = 300000;
    const QString path = writeFile(QStringLiteral("cancel.csv"), cleanCsv(total, "Cancel Me"));
    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {path}));
    QVERIFY(loaded.wait(10000));
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(&page, "importStartButton"), Qt::LeftButton);
    QCOMPARE(page.queue()->jobs().size(), 1);
    ImportJob *job = page.queue()->jobs().first();
    auto *card = page.findChild<ImportJobCard *>();
    QVERIFY(card);
    // Cancel as soon as some batches are in.
    QTRY_VERIFY_WITH_TIMEOUT(job->progress().rowsLoaded >= 1000 || job->state() == ImportJob::State::Finished, 20000);
    QVERIFY2(job->state() == ImportJob::State::Running, "the import finished before it could be cancelled");
    QVERIFY(!child<QLabel>(card, "importJobStats")->text().isEmpty());
    QTest::mouseClick(child<QPushButton>(card, "importJobCancel"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));

    const ImportReport report = finished.first().at(0).value<ImportReport>();
    QCOMPARE(report.status, ImportStatus::Cancelled);
    QVERIFY(report.stoppedAt.has_value());
    QVERIFY(report.counts.rowsLoaded > 0);
    QVERIFY(report.counts.rowsLoaded < total);
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), report.counts.rowsLoaded);
    // The view says where it stopped.
    const QString totals = child<QLabel>(page.reportView(), "importReportTotals")->text();
    QVERIFY2(totals.contains(QStringLiteral("Stopped at line %1").arg(QLocale().toString(report.stoppedAt->line))),
             qPrintable(totals));
    QVERIFY(child<QLabel>(card, "importJobStats")->text().contains(QStringLiteral("stopped at line")));
}

void TestImportPage::twoFilesImportConcurrently()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    testkit::ShownImportPage shown;
    QVERIFY(shown.open(m_db->url()));
    ImportPage &page = shown.page();
    QByteArray first = cleanCsv(40000, "First File");
    first += "Broken Age,male,old,NG\nBroken Gender,?,20,NG\n";
    QByteArray second = cleanCsv(25000, "Second File");
    second += "Broken Country,male,20,XX\n";
    const QString a = writeFile(QStringLiteral("first.csv"), first);
    const QString b = writeFile(QStringLiteral("second.csv"), second);

    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {a, b}));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page.waitingForPreview().size(), 1);
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(&page, "importAllButton"), Qt::LeftButton);
    QCOMPARE(page.queue()->runningCount(), 2);
    QCOMPARE(page.queue()->queuedCount(), 0);
    QVERIFY(child<QLabel>(&page, "importQueueSummary")->text().contains(QStringLiteral("2 running")));
    QCOMPARE(page.findChildren<ImportJobCard *>().size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);

    QMap<QString, ImportReport> reports;
    for (const auto &arguments : std::as_const(finished)) {
        const auto report = arguments.at(0).value<ImportReport>();
        reports.insert(QFileInfo(report.file).fileName(), report);
    }
    QCOMPARE(reports.size(), 2);
    const ImportReport &r1 = *reports.cbegin();
    const ImportReport &r2 = *std::next(reports.cbegin());
    QCOMPARE(r1.counts.rowsLoaded, qint64(40000));
    QCOMPARE(r1.counts.rowsSkipped, qint64(2));
    QCOMPARE(r2.counts.rowsLoaded, qint64(25000));
    QCOMPARE(r2.counts.rowsSkipped, qint64(1));
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(65000));
    QTRY_COMPARE_WITH_TIMEOUT(page.historyView()->model()->rowCount(), 2, 10000);
}

void TestImportPage::queueHonoursTheConcurrencyLimit()
{
    INSIGHTA_REQUIRE_DB(*m_db);
    Workspace workspace;
    QVERIFY(testkit::connectWorkspace(workspace, m_db->url()));
    ImportPage page(&workspace);
    page.show();
    auto *limit = child<QSpinBox>(&page, "importConcurrency");
    QCOMPARE(limit->value(), 2);
    limit->setValue(1);
    QCOMPARE(page.queue()->concurrency(), 1);
    QCOMPARE(AppSettings::instance().value(AppSettings::Key::ImportConcurrency).toInt(), 1);

    const QString a = writeFile(QStringLiteral("q1.csv"), cleanCsv(20000, "Queue One"));
    const QString b = writeFile(QStringLiteral("q2.csv"), cleanCsv(20000, "Queue Two"));
    const QString c = writeFile(QStringLiteral("q3.csv"), cleanCsv(20000, "Queue Three"));
    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QVERIFY(testkit::dropFiles(child<ImportDropZone>(&page, "importDropZone"), {a, b, c}));
    QVERIFY(loaded.wait(10000));
    QSignalSpy finished(&page, &ImportPage::importFinished);
    QTest::mouseClick(child<QPushButton>(&page, "importAllButton"), Qt::LeftButton);
    QCOMPARE(page.queue()->runningCount(), 1);
    QCOMPARE(page.queue()->queuedCount(), 2);
    const QString summary = child<QLabel>(&page, "importQueueSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("2 waiting")) && summary.contains(QStringLiteral("limit 1")),
             qPrintable(summary));
    // The waiting ones show as waiting, and one can leave the queue before it starts.
    ImportJob *last = page.queue()->jobs().constLast();
    QCOMPARE(last->state(), ImportJob::State::Queued);
    ImportJobCard *lastCard = nullptr;
    for (ImportJobCard *card : page.findChildren<ImportJobCard *>())
        if (card->job() == last)
            lastCard = card;
    QVERIFY(lastCard);
    QVERIFY(child<QLabel>(lastCard, "importJobState")->text().contains(QStringLiteral("waiting")));
    QTest::mouseClick(child<QPushButton>(lastCard, "importJobCancel"), Qt::LeftButton);
    QCOMPARE(last->state(), ImportJob::State::Finished);
    QCOMPARE(page.queue()->queuedCount(), 1);

    // Never more than one at a time, until both ran.
    int most = 0;
    QTimer watch;
    connect(&watch, &QTimer::timeout, this, [&] { most = std::max(most, page.queue()->runningCount()); });
    watch.start(5);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60000);
    QCOMPARE(most, 1);
    QCOMPARE(scalar(m_db->url(), QStringLiteral("SELECT COUNT(*) FROM profiles")), qint64(40000));
}

QTEST_MAIN(TestImportPage)
#include "tst_import_page.moc"
