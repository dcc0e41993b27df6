// The search results model and service against a real SQLite workspace, with the worker in its
// own thread as in the app: lazy paging, exact count, header sort, the result cache, and stale
// replies dropped when a new search starts.

#include "SearchFixtures.h"

#include "core/db/Connection.h"
#include "core/db/ProfileWriter.h"
#include "models/search/SearchResultsModel.h"
#include "models/search/SearchService.h"
#include "models/search/SearchWorker.h"
#include "tests/testkit/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>

using namespace insighta;
using namespace insighta::searchtest;

class TestSearchModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesLazilyAndCountsExactly();
    void headerSortRunsWhitelistedKeysOnly();
    void staleReplyIsDropped();
    void cacheServesRepeatsUntilInvalidated();

private:
    testkit::SqliteTestDatabase m_db;
    QList<Profile> m_rows;
};

void TestSearchModel::initTestCase()
{
    INSIGHTA_REQUIRE_DB(m_db);
    Connection connection(m_db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    m_rows = tiedProfiles(450, 3);
    QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(m_rows).ok());
}

void TestSearchModel::pagesLazilyAndCountsExactly()
{
    SearchService service;
    service.setPageSize(40);
    service.setDatabase(m_db.url());
    SearchResultsModel model(&service);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy totals(&model, &SearchResultsModel::totalCountChanged);

    ProfileFilter filter;
    filter.gender = Gender::Female;
    const QStringList expected = expectedIds(filter, m_rows);
    QVERIFY(expected.size() > 120);
    model.setFilter(filter);
    // The model tester itself calls fetchMore(), so more than the first page may be here.
    QTRY_VERIFY(model.rowCount() >= 40);
    // Whole pages only, unless the tester's fetchMore() calls already reached the short last page.
    QVERIFY2(model.rowCount() % 40 == 0 || model.rowCount() == expected.size(),
             qPrintable(QString::number(model.rowCount())));
    QTRY_COMPARE(model.totalCount(), qint64(expected.size()));
    QCOMPARE(totals.last().at(0).toLongLong(), qint64(expected.size()));
    const qsizetype resetsBefore = resets.size();
    while (model.canFetchMore({}) || service.isBusy()) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        QTRY_VERIFY(!service.isBusy());
    }
    QCOMPARE(model.rowCount(), int(expected.size()));
    QCOMPARE(resets.size(), resetsBefore); // appended, never reset
    QCOMPARE(inserted.size(), int((expected.size() + 39) / 40) - 1);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row, 0), SearchResultsModel::ProfileIdRole).toString();
    QCOMPARE(ids, expected);
    QCOMPARE(model.data(model.index(0, SearchResultsModel::Name)).toString(), model.profileAt(0).name);
}

void TestSearchModel::headerSortRunsWhitelistedKeysOnly()
{
    SearchService service;
    service.setDatabase(m_db.url());
    SearchResultsModel model(&service);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(ProfileFilter{});
    QTRY_VERIFY(model.rowCount() >= 100);
    const quint64 before = service.generation();

    model.sort(SearchResultsModel::Age, Qt::AscendingOrder);
    QCOMPARE(service.generation(), before + 1);
    ProfileFilter byAge;
    byAge.sortBy = SortKey::Age;
    byAge.order = SortOrder::Asc;
    const QStringList expected = expectedIds(byAge, m_rows);
    QTRY_COMPARE(model.data(model.index(0, 0), SearchResultsModel::ProfileIdRole).toString(), expected.front());
    QTRY_COMPARE(model.data(model.index(99, 0), SearchResultsModel::ProfileIdRole).toString(), expected.at(99));

    // Gender and age group have no sort index: the header click changes nothing.
    QSignalSpy sortChanged(&model, &SearchResultsModel::sortChanged);
    model.sort(SearchResultsModel::Gender, Qt::AscendingOrder);
    QCOMPARE(service.generation(), before + 1);
    QCOMPARE(sortChanged.size(), 1);
    QCOMPARE(sortChanged.front().at(0).toInt(), int(SearchResultsModel::Age));
    QVERIFY(!SearchResultsModel::sortKeyForColumn(SearchResultsModel::AgeGroupColumn));
    QCOMPARE(model.filter().sortBy, SortKey::Age);
}

void TestSearchModel::staleReplyIsDropped()
{
    SearchService service;
    service.setDatabase(m_db.url());
    SearchResultsModel model(&service);
    QSignalSpy firstPages(&service, &SearchService::firstPageReady);
    QSignalSpy counts(&service, &SearchService::countReady);
    std::atomic_int workerReplies = 0;
    connect(
        service.worker(), &SearchWorker::replied, service.worker(), [&] { ++workerReplies; }, Qt::DirectConnection);

    ProfileFilter nigerians;
    nigerians.countryIds = {QStringLiteral("NG")};
    model.setFilter(nigerians);
    // The worker answers all three requests of the first search while this thread runs no
    // events, so the replies wait in the queue...
    const QDeadlineTimer deadline(20000);
    while (workerReplies.load() < 3 && !deadline.hasExpired())
        QThread::yieldCurrentThread();
    QCOMPARE(workerReplies.load(), 3);
    // ...and a new search starts before they are delivered.
    ProfileFilter kenyans;
    kenyans.countryIds = {QStringLiteral("KE")};
    model.setFilter(kenyans);
    QTRY_COMPARE(counts.size(), 1);
    QTRY_COMPARE(firstPages.size(), 1);
    QCOMPARE(service.droppedReplies(), qint64(3));
    QCOMPARE(counts.front().at(0).toLongLong(), qint64(expectedIds(kenyans, m_rows).size()));
    QVERIFY(model.rowCount() > 0);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.profileAt(row).countryId, QStringLiteral("KE"));
}

void TestSearchModel::cacheServesRepeatsUntilInvalidated()
{
    SearchService service;
    service.setDatabase(m_db.url());
    QSignalSpy firstPages(&service, &SearchService::firstPageReady);
    QSignalSpy counts(&service, &SearchService::countReady);
    QSignalSpy charts(&service, &SearchService::aggregatesReady);
    ProfileFilter adults;
    adults.ageGroup = AgeGroup::Adult;
    service.search(adults);
    QTRY_COMPARE(charts.size(), 1);
    QTRY_COMPARE(counts.size(), 1);
    QCOMPARE(firstPages.size(), 1);

    // The same rows by definition (adult == ages 20-59): the same key, answered at once.
    ProfileFilter sameRows;
    sameRows.minAge = 20;
    sameRows.maxAge = 59;
    QCOMPARE(SearchCache::keyFor(sameRows), SearchCache::keyFor(adults));
    service.search(sameRows);
    QCOMPARE(firstPages.size(), 2);
    QCOMPARE(counts.size(), 2);
    QCOMPARE(charts.size(), 2);
    QVERIFY(!service.isBusy());
    // Another sort of the same filter is not the same first page.
    ProfileFilter byName = adults;
    byName.sortBy = SortKey::Name;
    QVERIFY(SearchCache::keyFor(byName) != SearchCache::keyFor(adults));

    service.invalidateCache();
    service.search(adults);
    QCOMPARE(firstPages.size(), 2); // not answered from memory any more
    QVERIFY(service.isBusy());
    QTRY_COMPARE(firstPages.size(), 3);

    // Entries expire after five minutes.
    QDateTime now = QDateTime::currentDateTimeUtc();
    SearchCache cache(5 * 60 * 1000, [&] { return now; });
    cache.putCount(QStringLiteral("k"), 7);
    QVERIFY(cache.find(QStringLiteral("k")));
    now = now.addSecs(299);
    QVERIFY(cache.find(QStringLiteral("k")));
    now = now.addSecs(2);
    QVERIFY(!cache.find(QStringLiteral("k")));
}

QTEST_GUILESS_MAIN(TestSearchModel)
#include "tst_search_model.moc"
