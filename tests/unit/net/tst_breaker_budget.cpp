#include "core/net/CircuitBreaker.h"
#include "core/net/RetryBudget.h"

#include <QTest>

using namespace insighta::net;

class TestBreakerBudget : public QObject
{
    Q_OBJECT
private slots:
    void opensAfterConsecutiveFailures()
    {
        CircuitBreaker breaker; // 5 consecutive, 30 s cool-down
        for (int i = 0; i < 4; ++i) {
            QVERIFY(breaker.allow(0));
            breaker.onFailure(0);
        }
        QCOMPARE(breaker.state(0), CircuitBreaker::State::Closed);
        breaker.onFailure(0);
        QCOMPARE(breaker.state(0), CircuitBreaker::State::Open);
        QVERIFY(!breaker.allow(1000));
        QCOMPARE(breaker.nextProbeInMs(10'000), qint64(20'000));
    }

    void flakyProviderStaysClosed()
    {
        // 30% failures with an unlucky run of five: the window says the provider mostly works.
        CircuitBreaker breaker;
        for (int i = 0; i < 15; ++i)
            breaker.onSuccess();
        for (int i = 0; i < 5; ++i)
            breaker.onFailure(0);
        QCOMPARE(breaker.state(0), CircuitBreaker::State::Closed);
    }

    void halfOpenProbe()
    {
        CircuitBreaker breaker;
        breaker.trip(0);
        QVERIFY(!breaker.allow(29'999));
        QCOMPARE(breaker.state(30'000), CircuitBreaker::State::HalfOpen);
        QVERIFY(breaker.allow(30'000)); // the probe
        QVERIFY(!breaker.allow(30'001)); // only one
        breaker.onFailure(31'000); // probe failed: cool-down doubles
        QCOMPARE(breaker.state(31'000), CircuitBreaker::State::Open);
        QCOMPARE(breaker.nextProbeInMs(31'000), qint64(60'000));
        QVERIFY(breaker.allow(91'000));
        breaker.onSuccess();
        QCOMPARE(breaker.state(91'000), CircuitBreaker::State::Closed);
        QVERIFY(breaker.allow(91'000));
    }

    void budgetDrainsAndRefills()
    {
        RetryBudget budget(RetryBudget::Config{20, 5, 10, 1});
        int cost = 0;
        QVERIFY(budget.tryAcquire(false, &cost));
        QCOMPARE(cost, 5);
        QVERIFY(budget.tryAcquire(true, &cost));
        QCOMPARE(cost, 10);
        QVERIFY(budget.tryAcquire(false, &cost));
        QCOMPARE(budget.tokens(), 0);
        QVERIFY(!budget.tryAcquire(false, &cost));
        budget.onSuccess(5); // a retried call succeeded: its retry is paid back
        QCOMPARE(budget.tokens(), 5);
        budget.onSuccess(0); // a first-attempt success
        QCOMPARE(budget.tokens(), 6);
        for (int i = 0; i < 100; ++i)
            budget.onSuccess(0);
        QCOMPARE(budget.tokens(), 20);
    }
};

QTEST_GUILESS_MAIN(TestBreakerBudget)
#include "tst_breaker_budget.moc"
