// The age histogram keeps one category per bar whatever the bucket width (a category axis drops
// duplicate names, which used to leave a narrowed age range with no visible bars), merges
// buckets so there are at most a dozen bars, and loses no profile doing so.
#include "ui/search/SearchCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QPieSeries>
#include <QTest>

using namespace insighta;

class TestSearchCharts : public QObject
{
    Q_OBJECT
private slots:
    void everyAgeBucketHasItsOwnCategory_data()
    {
        QTest::addColumn<int>("firstAge");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<int>("bars");
        QTest::newRow("all ages, 5-year buckets") << 0 << 5 << 21 << 11;
        QTest::newRow("30 to 50, one-year buckets") << 30 << 1 << 21 << 11;
        QTest::newRow("0 to 50, 5-year buckets") << 0 << 5 << 11 << 11;
        QTest::newRow("a dozen") << 0 << 5 << 12 << 12;
        QTest::newRow("one age") << 42 << 1 << 1 << 1;
        QTest::newRow("two-year buckets") << 16 << 2 << 5 << 5;
    }
    void everyAgeBucketHasItsOwnCategory()
    {
        QFETCH(int, firstAge);
        QFETCH(int, width);
        QFETCH(int, buckets);
        QFETCH(int, bars);
        SearchAggregates data;
        data.ageBucketWidth = width;
        for (int i = 0; i < buckets; ++i)
            data.ageHistogram << qMakePair(firstAge + i * width, qint64(10 + i));
        data.female = 5;
        SearchCharts charts;
        charts.setData(data);

        auto *view = charts.findChild<QChartView *>(QStringLiteral("chartAges"));
        QVERIFY(view);
        const auto series = view->chart()->series();
        QCOMPARE(series.size(), 1);
        auto *barSeries = qobject_cast<QBarSeries *>(series.first());
        QVERIFY(barSeries);
        QBarSet *set = barSeries->barSets().first();
        QCOMPARE(set->count(), bars);
        double total = 0;
        for (int i = 0; i < set->count(); ++i)
            total += set->at(i);
        QCOMPARE(total, double(buckets * 10 + buckets * (buckets - 1) / 2)); // every profile counted once
        const auto axes = view->chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto *categories = qobject_cast<QBarCategoryAxis *>(axes.first());
        QVERIFY(categories);
        QCOMPARE(categories->count(), bars);
        QCOMPARE(categories->at(0), QString::number(firstAge)); // the first bucket is always labelled
        QCOMPARE(charts.emptyText(), QString());
    }

    // No profiles: a sentence instead of axes with made-up ticks.
    void noProfilesShowAnEmptyState_data()
    {
        QTest::addColumn<bool>("filtered");
        QTest::addColumn<QString>("text");
        QTest::newRow("no profiles yet") << false << QStringLiteral("No profiles yet");
        QTest::newRow("nothing matches") << true << QStringLiteral("No profiles match this search");
    }
    void noProfilesShowAnEmptyState()
    {
        QFETCH(bool, filtered);
        QFETCH(QString, text);
        SearchCharts charts;
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        charts.clear(filtered);
        QCOMPARE(charts.emptyText(), QStringLiteral("Counting profiles…"));
        SearchAggregates none;
        none.ageHistogram << qMakePair(20, qint64(0));
        charts.setData(none);
        QCOMPARE(charts.emptyText(), text);
        for (auto *view : charts.findChildren<QChartView *>()) {
            QVERIFY(!view->isVisible());
            QVERIFY(view->chart()->axes().isEmpty());
        }
        SearchAggregates some;
        some.female = 1;
        some.total = 1;
        charts.setData(some);
        QCOMPARE(charts.emptyText(), QString());
        QVERIFY(charts.findChild<QChartView *>(QStringLiteral("chartGenders"))->isVisible());
    }
};

QTEST_MAIN(TestSearchCharts)
#include "tst_search_charts.moc"
