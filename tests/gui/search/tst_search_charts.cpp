// The age histogram keeps one category per bar whatever the bucket width (a category axis drops
// duplicate names, which used to leave a narrowed age range with no visible bars).
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
        QTest::newRow("all ages, 5-year buckets") << 0 << 5 << 21;
        QTest::newRow("30 to 50, one-year buckets") << 30 << 1 << 21;
        QTest::newRow("one age") << 42 << 1 << 1;
        QTest::newRow("two-year buckets") << 16 << 2 << 5;
    }
    void everyAgeBucketHasItsOwnCategory()
    {
        QFETCH(int, firstAge);
        QFETCH(int, width);
        QFETCH(int, buckets);
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
        auto *bars = qobject_cast<QBarSeries *>(series.first());
        QVERIFY(bars);
        QCOMPARE(bars->barSets().first()->count(), buckets);
        const auto axes = view->chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto *categories = qobject_cast<QBarCategoryAxis *>(axes.first());
        QVERIFY(categories);
        QCOMPARE(categories->count(), buckets);
        QCOMPARE(categories->at(0), QString::number(firstAge)); // the first bucket is always labelled
    }
};

QTEST_MAIN(TestSearchCharts)
#include "tst_search_charts.moc"
