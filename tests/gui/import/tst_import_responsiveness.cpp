#include "core/db/Connection.h"
#include "core/services/AppSettings.h"
#include "models/search/SearchService.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Workspace.h"
#include "ui/import/ImportDropZone.h"
#include "ui/import/ImportPreviewPanel.h"
#include "ui/pages/ImportPage.h"
#include "ui/pages/SearchPage.h"
#include "ui/search/QueryBox.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QtConcurrent>

using namespace insighta;

namespace {

// A user searching while the import runs: a search on a worker thread with its own connection
// every 100 ms until stopped (the semaphore both paces and stops it). Stops and waits when it
// goes out of scope, so an early test failure never leaves the thread running.
class BackgroundSearches
{
public:
    explicit BackgroundSearches(const DatabaseUrl &url)
    {
        m_future = QtConcurrent::run([url, stop = &m_stop, connected = &m_connected] {
            Connection connection(url, QStringLiteral("test-search"));
            connected->release();
            int runs = 0;
            while (connection.ok() && !stop->tryAcquire(1, 100)) {
                QSqlQuery page(connection.database());
                page.exec(
                    QStringLiteral("SELECT id, name, age FROM profiles WHERE gender = 'female' AND age BETWEEN 20 "
                                   "AND 45 AND country_id = 'NG' ORDER BY created_at DESC, id DESC LIMIT 50"));
                while (page.next()) { }
                QSqlQuery count(connection.database());
                count.exec(QStringLiteral("SELECT COUNT(*) FROM profiles WHERE gender = 'female' AND age BETWEEN 20 "
                                          "AND 45"));
                ++runs;
            }
            return runs;
        });
    }
    ~BackgroundSearches() { stop(); }
    // Blocks until the thread has its connection (or gave up on it).
    void waitUntilConnected() { m_connected.acquire(); }
    int stop()
    {
        if (!m_stopped) {
            m_stopped = true;
            m_stop.release();
        }
        return m_future.result();
    }

private:
    QSemaphore m_stop;
    QSemaphore m_connected;
    bool m_stopped = false;
    QFuture<int> m_future;
};

} // namespace

class TestImportResponsiveness : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void staysResponsiveDuringALargeImportAndSearches();

private:
    QTemporaryDir m_dir;
};

void TestImportResponsiveness::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("INSIGHTA_DATABASE_URL");
    qRegisterMetaType<insighta::ImportReport>();
    QVERIFY(m_dir.isValid());
    AppSettings::instance().setValue(AppSettings::Key::ImportBatchSize, 10000);
}

void TestImportResponsiveness::staysResponsiveDuringALargeImportAndSearches()
{
    testkit::PostgresTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    Workspace workspace;
    QSignalSpy ready(&workspace, &Workspace::ready);
    workspace.connectTo(db.url(), false);
    QVERIFY(ready.wait(20000));
    ImportPage page(&workspace);
    page.resize(1300, 850);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    // The Search page on the same workspace, in the same UI thread: its three searches, counts
    // and charts during the import are the UI-thread work an analyst adds.
    SearchPage search(&workspace);
    search.resize(1300, 850);
    search.show();
    auto *service = search.findChild<SearchService *>();
    QVERIFY(service);
    QSignalSpy charted(service, &SearchService::aggregatesReady);

    const int rows = 500000;
    qint64 malesFromNigeria = 0;
    const QString path = m_dir.filePath(QStringLiteral("large.csv"));
    {
        static const char *const countries[] = {"NG", "KE", "GH", "US", "FR", "BR", "IN", "JP"};
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes = "name,gender,age,country_id\n";
        for (int i = 0; i < rows; ++i) {
            bytes += "Large Import " + QByteArray::number(i) + ',' + (i % 2 ? "female" : "male") + ','
                + QByteArray::number(18 + i % 60) + ',' + countries[i % 8] + '\n';
            malesFromNigeria += i % 8 == 0;
            if (bytes.size() > (1 << 20)) {
                file.write(bytes);
                bytes.clear();
            }
        }
        file.write(bytes);
    }

    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    auto *zone = page.findChild<ImportDropZone *>(QStringLiteral("importDropZone"));
    QDragEnterEvent enter(zone->rect().center(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(zone, &enter);
    QDropEvent drop(QPointF(zone->rect().center()), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(zone, &drop);
    QVERIFY(loaded.wait(10000));

    // The UI thread's heartbeat: the largest gap between ticks of a 10 ms timer.
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 largestGap = 0;
    // Every run has its largest gap in the first 100 ms, and only with the search thread beside
    // the test (see docs/benchmarks.md), so the gaps after that are reported on their own too.
    constexpr qint64 kSettleMs = 250;
    qint64 largestSettledGap = 0;
    qint64 ticks = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        largestGap = std::max(largestGap, now - last);
        if (last >= kSettleMs)
            largestSettledGap = std::max(largestSettledGap, now - last);
        last = now;
        ++ticks;
    });

    // Connected before the heartbeat starts, so the probe does not time the thread's set-up.
    BackgroundSearches searches(db.url());
    searches.waitUntilConnected();
    QSignalSpy finished(&page, &ImportPage::importFinished);
    clock.start();
    heartbeat.start(10);
    // click() rather than QTest::mouseClick, whose synthesized press waits inside QTest on the
    // UI thread and would be counted as a gap.
    page.findChild<QPushButton *>(QStringLiteral("importStartButton"))->click();
    // Three searches with their counts and charts on the Search page while the rows arrive.
    const QStringList queries{QStringLiteral("young women from nigeria"),
                              QStringLiteral("adult males from kenya or ghana"), QStringLiteral("females above 30")};
    int searchedDuringImport = 0;
    for (const QString &query : queries) {
        // Signal waits, not QTRY: QTRY's polling sleeps on the UI thread, which the heartbeat
        // would count as the program's own gaps.
        search.findChild<QueryBox *>()->setText(query);
        QVERIFY(charted.wait(60000));
        searchedDuringImport += finished.isEmpty();
    }
    if (finished.isEmpty())
        QVERIFY(finished.wait(120000));
    const qint64 importMs = clock.elapsed();
    heartbeat.stop();
    const int searchRuns = searches.stop();

    const ImportReport report = finished.first().at(0).value<ImportReport>();
    QCOMPARE(report.counts.rowsLoaded, qint64(rows));
    qInfo("Import page responsiveness: %d rows in %lld ms with %d searches alongside and %d of 3 Search page "
          "searches during the import; %lld UI ticks, largest gap %lld ms (after the first %lld ms: %lld ms)",
          rows, importMs, searchRuns, searchedDuringImport, ticks, largestGap, kSettleMs, largestSettledGap);
    QVERIFY(searchRuns > 0);
    QVERIFY(ticks > 0);
    // The Search page still answers correctly once the import is in.
    search.findChild<QueryBox *>()->setText(QStringLiteral("males from nigeria"));
    QTRY_COMPARE_WITH_TIMEOUT(search.findChild<QLabel *>(QStringLiteral("searchCount"))->text(),
                              QStringLiteral("%1 profiles").arg(QLocale().toString(malesFromNigeria)), 60000);
    // The gap is measured, not asserted: docs/benchmarks.md records it with the machine's load.
}

QTEST_MAIN(TestImportResponsiveness)
#include "tst_import_responsiveness.moc"
