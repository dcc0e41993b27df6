// The worker pool on both databases: real threads, real connections.
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "tests/testkit/TestDatabases.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QWaitCondition>
#include <QtTest>

#include <memory>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

namespace {

struct Db
{
    explicit Db(const QString &backend, const Clock &clock = SystemClock::instance())
        : db(backend)
    {
        if (db.ok())
            connection = std::make_unique<Connection>(db.url());
        if (connection && connection->ok())
            queue = std::make_unique<JobQueue>(connection->database(), connection->kind(), clock);
    }
    bool ok() const { return queue != nullptr; }
    QString error() const { return connection ? connection->error() : db.error(); }
    JobRecord job(qint64 id) { return queue->get(id).value().value(); }
    qint64 add(const QString &kind, QJsonObject payload = {}, int maxAttempts = 4)
    {
        JobSpec spec;
        spec.kind = kind;
        spec.payload = std::move(payload);
        spec.maxAttempts = maxAttempts;
        const auto added = queue->enqueue(spec);
        return added.ok() ? added->id : 0;
    }

    testkit::AnyTestDatabase db;
    std::unique_ptr<Connection> connection;
    std::unique_ptr<JobQueue> queue;
};

WorkerPoolOptions fastOptions(int workers, const QString &name)
{
    WorkerPoolOptions options;
    options.workers = workers;
    options.idlePoll = 20ms;
    options.lease = 5s;
    options.name = name;
    return options;
}

} // namespace

class TestWorkerPool : public QObject
{
    Q_OBJECT
private slots:
    void twoPoolsNeverRunTheSameJob_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void twoPoolsNeverRunTheSameJob();
    void backoffScheduleThenDeadThenRequeue_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void backoffScheduleThenDeadThenRequeue();
    void cancellingARunningJob_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void cancellingARunningJob();
    void perKindConcurrencyLimit();
    void checkpointResumesAfterFailure_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void checkpointResumesAfterFailure();
};

void TestWorkerPool::twoPoolsNeverRunTheSameJob()
{
    QFETCH(QString, backend);
    Db db(backend);
    INSIGHTA_REQUIRE_DB(db);
    constexpr int jobCount = 150;
    QList<qint64> ids;
    for (int i = 0; i < jobCount; ++i)
        ids << db.add(QStringLiteral("count"));

    QMutex mutex;
    QWaitCondition otherPoolStarted;
    QSet<QString> pools; // "pool-a", "pool-b": the pools that have run a job
    QHash<qint64, int> runs;
    QHash<qint64, QString> runBy;
    auto registry = std::make_shared<JobRegistry>();
    registry->add(QStringLiteral("count"), [&](JobContext &context) {
        QMutexLocker lock(&mutex);
        ++runs[context.id()];
        runBy[context.id()] = context.job().leaseOwner;
        // A pool's jobs wait until the other pool has run one too: otherwise the pool that
        // starts first can finish every job before the second claims any (seen on SQLite under
        // load), and the test would prove nothing about two claimers.
        pools.insert(context.job().leaseOwner.section(QLatin1Char('/'), 0, 0));
        otherPoolStarted.wakeAll();
        const QDeadlineTimer deadline(10'000);
        while (pools.size() < 2 && !deadline.hasExpired())
            otherPoolStarted.wait(&mutex, deadline);
        return JobOutcome::success();
    });
    // Two pools of two workers: two "processes" worth of claimers on the same table.
    WorkerPool first(db.db.url(), registry, fastOptions(2, QStringLiteral("pool-a")));
    WorkerPool second(db.db.url(), registry, fastOptions(2, QStringLiteral("pool-b")));
    first.start();
    second.start();
    QTRY_COMPARE_WITH_TIMEOUT(first.finishedJobs() + second.finishedJobs(), qint64(jobCount), 30000);
    first.stop();
    second.stop();

    QCOMPARE(runs.size(), jobCount);
    for (const qint64 id : ids) {
        QCOMPARE(runs.value(id), 1);
        const JobRecord job = db.job(id);
        QCOMPARE(job.state, JobState::Completed);
        QCOMPARE(job.attempt, 1);
    }
    // Both pools took part (otherwise the test proves nothing about concurrency).
    QVERIFY(first.finishedJobs() > 0);
    QVERIFY(second.finishedJobs() > 0);
}

void TestWorkerPool::backoffScheduleThenDeadThenRequeue()
{
    QFETCH(QString, backend);
    ManualClock clock(QDateTime::fromString(QStringLiteral("2026-03-01T09:00:00.000Z"), Qt::ISODateWithMs));
    Db db(backend, clock);
    INSIGHTA_REQUIRE_DB(db);
    std::atomic_bool healthy{false};
    auto registry = std::make_shared<JobRegistry>();
    registry->add(QStringLiteral("flaky"), [&](JobContext &context) {
        if (healthy)
            return JobOutcome::success();
        return JobOutcome::retry(QStringLiteral("HTTP 503 on attempt %1").arg(context.attempt()));
    }); // default policy: 1 s, 5 s, 25 s with 20 % jitter
    WorkerPoolOptions options = fastOptions(1, QStringLiteral("pool"));
    options.clock = &clock;
    const qint64 id = db.add(QStringLiteral("flaky"), {}, 4);
    WorkerPool pool(db.db.url(), registry, options);
    pool.start();

    const qint64 expected[] = {1000, 5000, 25000};
    for (int attempt = 1; attempt <= 3; ++attempt) {
        QTRY_VERIFY_WITH_TIMEOUT(db.job(id).attempt == attempt && db.job(id).state == JobState::Retryable, 10000);
        const JobRecord job = db.job(id);
        QCOMPARE(job.errors.size(), attempt);
        QCOMPARE(job.errors.last().attempt, attempt);
        const qint64 delay = job.errors.last().at.msecsTo(job.runAt);
        const qint64 base = expected[attempt - 1];
        QVERIFY2(delay >= base * 8 / 10 && delay <= base * 12 / 10,
                 qPrintable(QStringLiteral("attempt %1 waits %2 ms").arg(attempt).arg(delay)));
        // Due time reached: the pool picks it up again.
        clock.set(job.runAt);
        pool.wake();
    }
    QTRY_COMPARE_WITH_TIMEOUT(db.job(id).state, JobState::Dead, 10000);
    JobRecord dead = db.job(id);
    QCOMPARE(dead.attempt, 4);
    QCOMPARE(dead.errors.size(), 4);
    QCOMPARE(dead.errors.last().message, QStringLiteral("HTTP 503 on attempt 4"));

    healthy = true;
    QVERIFY(db.queue->requeue(id).ok());
    pool.wake();
    QTRY_COMPARE_WITH_TIMEOUT(db.job(id).state, JobState::Completed, 10000);
    QCOMPARE(db.job(id).attempt, 1);
    QCOMPARE(db.job(id).errors.size(), 4); // the history of the first round stays
    pool.stop();
}

void TestWorkerPool::cancellingARunningJob()
{
    QFETCH(QString, backend);
    Db db(backend);
    INSIGHTA_REQUIRE_DB(db);
    std::atomic_bool started{false};
    auto registry = std::make_shared<JobRegistry>();
    registry->add(QStringLiteral("long"), [&](JobContext &context) {
        started = true;
        QDeadlineTimer limit(20s);
        while (!context.isCancelled() && !limit.hasExpired())
            QThread::msleep(5);
        return context.isCancelled() ? JobOutcome::retry(QStringLiteral("stopped")) : JobOutcome::success();
    });
    WorkerPoolOptions options = fastOptions(1, QStringLiteral("pool"));
    options.lease = 300ms; // heartbeat every 100 ms passes the cancel request on quickly
    const qint64 id = db.add(QStringLiteral("long"));
    WorkerPool pool(db.db.url(), registry, options);
    pool.start();
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    QCOMPARE(db.queue->cancel(id).value(), JobState::Running);
    QTRY_COMPARE_WITH_TIMEOUT(db.job(id).state, JobState::Cancelled, 10000);
    QVERIFY(db.job(id).errors.isEmpty());
    pool.stop();
}

void TestWorkerPool::perKindConcurrencyLimit()
{
    Db db(QStringLiteral("sqlite"));
    INSIGHTA_REQUIRE_DB(db);
    std::atomic_int emailsNow{0};
    std::atomic_int emailsMax{0};
    std::atomic_int othersMax{0};
    std::atomic_int othersNow{0};
    auto track = [](std::atomic_int &now, std::atomic_int &max) {
        const int value = ++now;
        int seen = max.load();
        while (value > seen && !max.compare_exchange_weak(seen, value)) { }
        QThread::msleep(30);
        --now;
    };
    auto registry = std::make_shared<JobRegistry>();
    KindOptions oneAtATime;
    oneAtATime.maxConcurrency = 1;
    registry->add(
        QStringLiteral("email"),
        [&](JobContext &) {
            track(emailsNow, emailsMax);
            return JobOutcome::success();
        },
        oneAtATime);
    registry->add(QStringLiteral("export"), [&](JobContext &) {
        track(othersNow, othersMax);
        return JobOutcome::success();
    });
    for (int i = 0; i < 8; ++i) {
        db.add(QStringLiteral("email"));
        db.add(QStringLiteral("export"));
    }
    WorkerPool pool(db.db.url(), registry, fastOptions(4, QStringLiteral("pool")));
    pool.start();
    QVERIFY(pool.waitForFinished(16, QDeadlineTimer(30s)));
    pool.stop();
    QCOMPARE(emailsMax.load(), 1);
    QVERIFY2(othersMax.load() > 1, "the limit applies to emails only");
}

void TestWorkerPool::checkpointResumesAfterFailure()
{
    QFETCH(QString, backend);
    Db db(backend);
    INSIGHTA_REQUIRE_DB(db);
    // A job that processes ten steps, saving a checkpoint after each; its first attempt fails
    // after step 4. The second attempt must start at step 5 and never redo 1-4.
    QMutex mutex;
    QList<int> stepsDone;
    auto registry = std::make_shared<JobRegistry>();
    registry->add(QStringLiteral("steps"), [&](JobContext &context) {
        for (int step = context.checkpoint().value(QStringLiteral("next")).toInt(1); step <= 10; ++step) {
            {
                QMutexLocker lock(&mutex);
                stepsDone << step;
            }
            if (!context.saveCheckpoint(QJsonObject{{QStringLiteral("next"), step + 1}}).ok())
                return JobOutcome::retry(QStringLiteral("lease lost"));
            context.reportProgress(step / 10.0, QStringLiteral("step %1 of 10").arg(step));
            if (context.attempt() == 1 && step == 4)
                return JobOutcome::retry(QStringLiteral("connection reset"), 0ms);
        }
        return JobOutcome::success(QJsonObject{{QStringLiteral("steps"), 10}});
    });
    const qint64 id = db.add(QStringLiteral("steps"));
    WorkerPool pool(db.db.url(), registry, fastOptions(2, QStringLiteral("pool")));
    pool.start();
    QTRY_COMPARE_WITH_TIMEOUT(db.job(id).state, JobState::Completed, 10000);
    pool.stop();
    QCOMPARE(stepsDone, (QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    const JobRecord job = db.job(id);
    QCOMPARE(job.attempt, 2);
    QCOMPARE(job.checkpoint.value(QStringLiteral("next")).toInt(), 11);
    QCOMPARE(job.result.value(QStringLiteral("steps")).toInt(), 10);
    QCOMPARE(job.progress.value_or(0), 1.0);
}

QTEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_worker_pool.moc"
