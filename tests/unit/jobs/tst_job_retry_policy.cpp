#include "core/jobs/JobQueue.h"
#include "core/jobs/JobTypes.h"
#include "core/jobs/RetryPolicy.h"

#include <QtTest>

using namespace insighta::jobs;
using namespace std::chrono_literals;

class TestJobRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    void defaultSchedule_data();
    void defaultSchedule();
    void jitterStaysWithinBounds();
    void exponentialBuilder();
    void stateNamesRoundTrip();
    void errorsJsonRoundTrip();
};

void TestJobRetryPolicy::defaultSchedule_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expectedMs");
    // Default: 1 s, 5 s, 25 s, then 25 s again; jitter 0.2 scales by [0.8, 1.2].
    QTest::newRow("attempt 1, middle") << 1 << 0.5 << qint64(1000);
    QTest::newRow("attempt 2, middle") << 2 << 0.5 << qint64(5000);
    QTest::newRow("attempt 3, middle") << 3 << 0.5 << qint64(25000);
    QTest::newRow("attempt 9 reuses the last") << 9 << 0.5 << qint64(25000);
    QTest::newRow("attempt 1, lowest") << 1 << 0.0 << qint64(800);
    QTest::newRow("attempt 2, highest") << 2 << 1.0 << qint64(6000);
    QTest::newRow("attempt 0 treated as 1") << 0 << 0.5 << qint64(1000);
    QTest::newRow("random out of range clamped") << 3 << 7.0 << qint64(30000);
}

void TestJobRetryPolicy::defaultSchedule()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, expectedMs);
    QCOMPARE(RetryPolicy().delayAfter(attempt, random).count(), expectedMs);
}

void TestJobRetryPolicy::jitterStaysWithinBounds()
{
    const RetryPolicy policy;
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const qint64 ms = policy.delayAfter(2).count();
        QVERIFY2(ms >= 4000 && ms <= 6000, qPrintable(QString::number(ms)));
        seen.insert(ms);
    }
    // Jitter actually spreads the retries.
    QVERIFY(seen.size() > 20);

    RetryPolicy exact;
    exact.jitter = 0;
    QCOMPARE(exact.delayAfter(3, 0.99), std::chrono::milliseconds(25s));
}

void TestJobRetryPolicy::exponentialBuilder()
{
    const RetryPolicy policy = RetryPolicy::exponential(200ms, 3.0, 4, 0.0);
    QCOMPARE(policy.delays, (QList<std::chrono::milliseconds>{200ms, 600ms, 1800ms, 5400ms}));
    QCOMPARE(policy.delayAfter(5, 0.3), std::chrono::milliseconds(5400ms));
}

void TestJobRetryPolicy::stateNamesRoundTrip()
{
    QCOMPARE(allJobStates().size(), 7);
    for (const JobState state : allJobStates())
        QCOMPARE(jobStateFromString(stateName(state)), std::optional<JobState>(state));
    QCOMPARE(stateName(JobState::Dead), QStringLiteral("dead"));
    QVERIFY(!jobStateFromString(QStringLiteral("zombie")));
    QVERIFY(isFinal(JobState::Completed) && isFinal(JobState::Dead) && isFinal(JobState::Cancelled));
    QVERIFY(!isFinal(JobState::Blocked) && !isFinal(JobState::Retryable));
}

void TestJobRetryPolicy::errorsJsonRoundTrip()
{
    const QDateTime at = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.678Z"), Qt::ISODateWithMs);
    const QList<AttemptError> errors{{1, at, QStringLiteral("HTTP 503"), QStringLiteral("host:1/w0"), false},
                                     {2, at.addSecs(5), QStringLiteral("bad \"input\"\n"), QStringLiteral("w1"), true}};
    const QString json = errorsToJson(errors);
    QVERIFY(json.startsWith(QLatin1Char('[')));
    QCOMPARE(errorsFromJson(json), errors);
    QVERIFY(errorsFromJson(QStringLiteral("not json")).isEmpty());
}

QTEST_GUILESS_MAIN(TestJobRetryPolicy)
#include "tst_job_retry_policy.moc"
