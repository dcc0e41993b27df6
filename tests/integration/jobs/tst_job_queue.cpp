// The queue on both databases, driven step by step through JobQueue with a hand-moved clock.
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart = QDateTime::fromString(QStringLiteral("2026-03-01T09:00:00.000Z"), Qt::ISODateWithMs);

struct Fixture
{
    explicit Fixture(const QString &backend)
        : db(backend)
    {
        if (db.ok())
            connection = std::make_unique<Connection>(db.url());
        if (connection && connection->ok())
            queue = std::make_unique<JobQueue>(connection->database(), connection->kind(), clock);
    }
    bool ok() const { return queue != nullptr; }
    QString error() const { return connection ? connection->error() : db.error(); }

    qint64 add(const QString &kind, int priority = 5, QList<qint64> deps = {}, int maxAttempts = 4)
    {
        JobSpec spec;
        spec.kind = kind;
        spec.priority = priority;
        spec.dependsOn = std::move(deps);
        spec.maxAttempts = maxAttempts;
        const auto result = queue->enqueue(spec);
        if (!result.ok())
            qWarning() << result.error();
        return result.ok() ? result->id : 0;
    }
    std::optional<ClaimedJob> claim(const QString &owner = QStringLiteral("w1"))
    {
        const auto claimed = queue->claim(owner, {}, 30s);
        if (!claimed.ok())
            qWarning() << claimed.error();
        return claimed.ok() ? claimed.value() : std::nullopt;
    }
    JobRecord job(qint64 id) { return queue->get(id).value().value(); }

    testkit::AnyTestDatabase db;
    ManualClock clock{kStart};
    std::unique_ptr<Connection> connection;
    std::unique_ptr<JobQueue> queue;
};

#define REQUIRE_FIXTURE(f) QVERIFY2((f).ok(), qPrintable((f).error()))

} // namespace

class TestJobQueue : public QObject
{
    Q_OBJECT
private slots:
    void claimsByPriorityThenAge_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void claimsByPriorityThenAge();
    void dependenciesRunInOrder_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void dependenciesRunInOrder();
    void cycleIsRefused_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void cycleIsRefused();
    void deadDependencyBlocksDependants_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void deadDependencyBlocksDependants();
    void retryWaitsForRunAt_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void retryWaitsForRunAt();
    void finalErrorGoesStraightToDead_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void finalErrorGoesStraightToDead();
    void expiredLeaseIsRescued_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void expiredLeaseIsRescued();
    void lowPriorityIsNotStarved_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void lowPriorityIsNotStarved();
    void uniqueKeyHoldsUnderConcurrency_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void uniqueKeyHoldsUnderConcurrency();
    void cancelAndDiscard_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void cancelAndDiscard();
    void checkpointSurvivesReclaim_data() { testkit::addDatabaseColumns(), testkit::addDatabaseRows(); }
    void checkpointSurvivesReclaim();
    void refusesBadSpecs();
};

void TestJobQueue::claimsByPriorityThenAge()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    f.queue->setAgingInterval(0ms);
    const qint64 low = f.add(QStringLiteral("a"), 7);
    const qint64 urgentOld = f.add(QStringLiteral("a"), 1);
    f.clock.advance(10ms);
    const qint64 urgentNew = f.add(QStringLiteral("b"), 1);

    auto first = f.claim();
    QVERIFY(first);
    QCOMPARE(first->job.id, urgentOld);
    QCOMPARE(first->job.state, JobState::Running);
    QCOMPARE(first->job.attempt, 1);
    QCOMPARE(first->job.leaseOwner, QStringLiteral("w1"));
    QCOMPARE(first->job.leaseExpiresAt, kStart.addMSecs(10 + 30000));

    // Only the kinds asked for.
    auto onlyA = f.queue->claim(QStringLiteral("w2"), {QStringLiteral("a")}, 30s);
    QVERIFY(onlyA.ok() && onlyA.value());
    QCOMPARE(onlyA.value()->job.id, low);
    QCOMPARE(f.claim()->job.id, urgentNew);
    QVERIFY(!f.claim());

    QVERIFY(f.queue->complete(urgentOld, QStringLiteral("w1"), QJsonObject{{QStringLiteral("n"), 3}}).ok());
    const JobRecord done = f.job(urgentOld);
    QCOMPARE(done.state, JobState::Completed);
    QCOMPARE(done.result.value(QStringLiteral("n")).toInt(), 3);
    QVERIFY(done.leaseOwner.isEmpty());
    QVERIFY(done.finishedAt.isValid());
    // A worker that does not hold the lease cannot complete the job.
    QVERIFY(!f.queue->complete(low, QStringLiteral("w1"), {}).ok());
    QCOMPARE(f.job(low).state, JobState::Running);
}

void TestJobQueue::dependenciesRunInOrder()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    // c waits for b, b waits for a; c is the most urgent and still has to wait.
    const qint64 a = f.add(QStringLiteral("step"), 9);
    const qint64 b = f.add(QStringLiteral("step"), 5, {a});
    const qint64 c = f.add(QStringLiteral("step"), 0, {b});
    const qint64 free = f.add(QStringLiteral("other"), 9);
    QCOMPARE(f.job(c).dependsOn, QList<qint64>{b});

    QList<qint64> order;
    while (auto claimed = f.claim()) {
        order << claimed->job.id;
        // Nothing else becomes runnable while a dependency is running.
        QVERIFY(f.queue->complete(claimed->job.id, QStringLiteral("w1"), {}).ok());
    }
    QCOMPARE(order.size(), 4);
    QVERIFY(order.indexOf(a) < order.indexOf(b));
    QVERIFY(order.indexOf(b) < order.indexOf(c));
    QVERIFY(order.contains(free));

    // While a is running, b is not claimable.
    const qint64 a2 = f.add(QStringLiteral("step"));
    const qint64 b2 = f.add(QStringLiteral("step"), 0, {a2});
    auto running = f.claim();
    QCOMPARE(running->job.id, a2);
    QVERIFY(!f.claim());
    QVERIFY(f.queue->complete(a2, QStringLiteral("w1"), {}).ok());
    QCOMPARE(f.claim()->job.id, b2);
}

void TestJobQueue::cycleIsRefused()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 a = f.add(QStringLiteral("x"));
    const qint64 b = f.add(QStringLiteral("x"), 5, {a});
    const qint64 c = f.add(QStringLiteral("x"), 5, {b});

    const Status selfLoop = f.queue->addDependency(a, a);
    QVERIFY(!selfLoop.ok());
    const Status direct = f.queue->addDependency(a, b);
    QVERIFY(!direct.ok());
    QVERIFY2(direct.error().contains(QStringLiteral("already waits for")), qPrintable(direct.error()));
    const Status longer = f.queue->addDependency(a, c);
    QVERIFY(!longer.ok());
    QVERIFY(!f.queue->addDependency(a, 987654).ok());
    // Nothing was recorded by the refusals, and a legal edge is accepted.
    QVERIFY(f.job(a).dependsOn.isEmpty());
    const qint64 d = f.add(QStringLiteral("x"));
    QVERIFY(f.queue->addDependency(a, d).ok());
    QCOMPARE(f.job(a).dependsOn, QList<qint64>{d});
    // Enqueueing with an unknown dependency is refused too.
    JobSpec spec;
    spec.kind = QStringLiteral("x");
    spec.dependsOn = {123456};
    QVERIFY(!f.queue->enqueue(spec).ok());
}

void TestJobQueue::deadDependencyBlocksDependants()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 a = f.add(QStringLiteral("assessment"), 5, {}, 1);
    const qint64 b = f.add(QStringLiteral("email"), 5, {a});
    const qint64 c = f.add(QStringLiteral("archive"), 5, {b});
    const qint64 unrelated = f.add(QStringLiteral("other"), 9);

    auto claimed = f.claim();
    QCOMPARE(claimed->job.id, a);
    const auto failed = f.queue->fail(*claimed, QStringLiteral("provider said no"), false, 1s);
    QVERIFY(failed.ok());
    QCOMPARE(failed.value(), JobState::Dead); // one attempt only
    QCOMPARE(f.job(a).state, JobState::Dead);
    for (const qint64 id : {b, c}) {
        const JobRecord blocked = f.job(id);
        QCOMPARE(blocked.state, JobState::Blocked);
        QVERIFY2(blocked.blockedReason.contains(QStringLiteral("#%1").arg(a)), qPrintable(blocked.blockedReason));
        QVERIFY(blocked.blockedReason.contains(QStringLiteral("dead")));
    }
    QCOMPARE(f.job(unrelated).state, JobState::Available);
    // A new dependant of a dead job starts blocked.
    const qint64 late = f.add(QStringLiteral("email"), 5, {a});
    QCOMPARE(f.job(late).state, JobState::Blocked);
    // A blocked job cannot be requeued by itself: its dependency has to be.
    QVERIFY(!f.queue->requeue(b).ok());

    QVERIFY(f.queue->requeue(a).ok());
    const JobRecord again = f.job(a);
    QCOMPARE(again.state, JobState::Available);
    QCOMPARE(again.attempt, 0);
    QCOMPARE(again.errors.size(), 1); // the history is kept
    for (const qint64 id : {b, c, late}) {
        QCOMPARE(f.job(id).state, JobState::Available);
        QVERIFY(f.job(id).blockedReason.isEmpty());
    }
}

void TestJobQueue::retryWaitsForRunAt()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 id = f.add(QStringLiteral("flaky"), 5, {}, 3);
    auto claimed = f.claim();
    QVERIFY(f.queue->fail(*claimed, QStringLiteral("timeout"), false, 5s).ok());
    JobRecord job = f.job(id);
    QCOMPARE(job.state, JobState::Retryable);
    QCOMPARE(job.runAt, kStart.addSecs(5));
    QCOMPARE(job.errors.size(), 1);
    QCOMPARE(job.errors.first().attempt, 1);
    QCOMPARE(job.errors.first().message, QStringLiteral("timeout"));
    QCOMPARE(job.errors.first().at, kStart);
    QVERIFY(job.leaseOwner.isEmpty());

    f.clock.advance(4999ms);
    QVERIFY(!f.claim());
    f.clock.advance(1ms);
    claimed = f.claim();
    QVERIFY(claimed);
    QCOMPARE(claimed->job.attempt, 2);
    QCOMPARE(claimed->job.errors.size(), 1);
}

void TestJobQueue::finalErrorGoesStraightToDead()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 id = f.add(QStringLiteral("email"), 5, {}, 10);
    auto claimed = f.claim();
    const auto state = f.queue->fail(*claimed, QStringLiteral("401 unauthorised"), true, 1s);
    QCOMPARE(state.value(), JobState::Dead);
    const JobRecord job = f.job(id);
    QCOMPARE(job.state, JobState::Dead);
    QCOMPARE(job.attempt, 1);
    QVERIFY(job.errors.first().final);
}

void TestJobQueue::expiredLeaseIsRescued()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 id = f.add(QStringLiteral("import"), 5, {}, 2);
    auto first = f.queue->claim(QStringLiteral("crashed"), {}, 10s);
    QVERIFY(first.ok() && first.value());

    // A heartbeat keeps the lease alive past its first expiry.
    f.clock.advance(8s);
    QVERIFY(f.queue->heartbeat(id, QStringLiteral("crashed"), 10s).ok());
    f.clock.advance(8s);
    QCOMPARE(f.queue->rescueExpired().value(), 0);
    QCOMPARE(f.job(id).state, JobState::Running);

    // Then the worker goes silent.
    f.clock.advance(10001ms);
    QCOMPARE(f.queue->rescueExpired().value(), 1);
    JobRecord job = f.job(id);
    QCOMPARE(job.state, JobState::Retryable);
    QVERIFY(job.leaseOwner.isEmpty());
    QCOMPARE(job.errors.size(), 1);
    QVERIFY(job.errors.first().message.contains(QStringLiteral("lease expired")));
    QCOMPARE(job.errors.first().worker, QStringLiteral("crashed"));

    // The old worker can no longer change the job; a new one takes it.
    QVERIFY(!f.queue->heartbeat(id, QStringLiteral("crashed"), 10s).ok());
    QVERIFY(!f.queue->complete(id, QStringLiteral("crashed"), {}).ok());
    auto second = f.claim(QStringLiteral("rescuer"));
    QVERIFY(second);
    QCOMPARE(second->job.attempt, 2);
    QVERIFY(f.queue->complete(id, QStringLiteral("rescuer"), {}).ok());
    QCOMPARE(f.job(id).state, JobState::Completed);

    // Out of attempts when the lease expires: dead.
    const qint64 last = f.add(QStringLiteral("import"), 5, {}, 1);
    QVERIFY(f.claim(QStringLiteral("gone")));
    f.clock.advance(31s);
    QCOMPARE(f.queue->rescueExpired().value(), 1);
    QCOMPARE(f.job(last).state, JobState::Dead);
}

void TestJobQueue::lowPriorityIsNotStarved()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    // A worker finishes one job every 100 ms and a new urgent job arrives for each one, so five
    // urgent jobs are always waiting. With an ageing interval of 1 s, a priority-9 job catches up
    // with them after 9 s of waiting, so it must run within 100 rounds (10 s). Without ageing the
    // same stream starves it.
    auto roundsUntilLowRuns = [&f](std::chrono::milliseconds aging, int maxRounds) {
        f.queue->setAgingInterval(aging);
        const qint64 low = f.add(QStringLiteral("report"), 9);
        for (int i = 0; i < 4; ++i)
            f.add(QStringLiteral("urgent"), 0);
        for (int round = 1; round <= maxRounds; ++round) {
            f.add(QStringLiteral("urgent"), 0);
            auto claimed = f.claim();
            if (!claimed)
                return -1;
            f.queue->complete(claimed->job.id, QStringLiteral("w1"), {});
            if (claimed->job.id == low)
                return round;
            f.clock.advance(100ms);
        }
        return -1;
    };
    const int withAgeing = roundsUntilLowRuns(1s, 200);
    QVERIFY2(withAgeing > 0 && withAgeing <= 100, qPrintable(QString::number(withAgeing)));
    QVERIFY(withAgeing >= 80); // and not before its ageing made it as urgent
    f.queue->setAgingInterval(0ms);
    const int withoutAgeing = roundsUntilLowRuns(0ms, 200);
    QCOMPARE(withoutAgeing, -1);
}

void TestJobQueue::uniqueKeyHoldsUnderConcurrency()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    // Eight threads, each with its own connection, enqueue the same key at the same moment.
    constexpr int threads = 8;
    QList<qint64> ids(threads * 3, 0);
    QStringList errors;
    QMutex mutex;
    QSemaphore ready;
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&, t] {
            Connection connection(f.db.url(), QStringLiteral("unique-test"));
            JobQueue queue(connection.database(), connection.kind(), f.clock);
            ready.release();
            go.acquire();
            for (int i = 0; i < 3; ++i) {
                JobSpec spec;
                spec.kind = QStringLiteral("send-email");
                spec.uniqueKey = QStringLiteral("report:42");
                const auto result = queue.enqueue(spec);
                QMutexLocker lock(&mutex);
                if (result.ok())
                    ids[t * 3 + i] = result->id;
                else
                    errors << result.error();
            }
        }));
        workers.back()->start();
    }
    ready.acquire(threads);
    go.release(threads);
    for (auto &thread : workers)
        QVERIFY(thread->wait(QDeadlineTimer(30s)));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    const QSet<qint64> distinct(ids.cbegin(), ids.cend());
    QCOMPARE(distinct.size(), 1);
    QVERIFY(*distinct.cbegin() > 0);
    QSqlQuery count(f.connection->database());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE unique_key = 'report:42'")) && count.next());
    QCOMPARE(count.value(0).toInt(), 1);

    // Once the job is finished the key is free again.
    const qint64 first = *distinct.cbegin();
    auto claimed = f.claim();
    QVERIFY(claimed);
    QVERIFY(f.queue->complete(claimed->job.id, QStringLiteral("w1"), {}).ok());
    JobSpec spec;
    spec.kind = QStringLiteral("send-email");
    spec.uniqueKey = QStringLiteral("report:42");
    const auto again = f.queue->enqueue(spec);
    QVERIFY(again.ok());
    QVERIFY(!again->existing);
    QVERIFY(again->id != first);
}

void TestJobQueue::cancelAndDiscard()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 waiting = f.add(QStringLiteral("export"));
    const qint64 dependant = f.add(QStringLiteral("email"), 5, {waiting});
    QCOMPARE(f.queue->cancel(waiting).value(), JobState::Cancelled);
    QCOMPARE(f.job(waiting).state, JobState::Cancelled);
    QCOMPARE(f.job(dependant).state, JobState::Blocked);
    QVERIFY(f.job(dependant).blockedReason.contains(QStringLiteral("cancelled")));

    const qint64 running = f.add(QStringLiteral("export"));
    QCOMPARE(f.claim()->job.id, running);
    QCOMPARE(f.queue->cancel(running).value(), JobState::Running);
    bool cancelRequested = false;
    QVERIFY(f.queue->heartbeat(running, QStringLiteral("w1"), 30s, &cancelRequested).ok());
    QVERIFY(cancelRequested);
    QVERIFY(f.queue->markCancelled(running, QStringLiteral("w1")).ok());
    QCOMPARE(f.job(running).state, JobState::Cancelled);
    QVERIFY(!f.queue->cancel(running).ok()); // nothing left to cancel

    const auto counts = f.queue->countByState();
    QVERIFY(counts.ok());
    QCOMPARE(counts->value(JobState::Cancelled), 2);
    QCOMPARE(counts->value(JobState::Available), 0);
    QCOMPARE(counts->value(JobState::Blocked), 1);
    QCOMPARE(f.queue->kinds().value(), (QStringList{QStringLiteral("email"), QStringLiteral("export")}));
    JobFilter filter;
    filter.states = {JobState::Blocked};
    const auto blocked = f.queue->list(filter);
    QCOMPARE(blocked->size(), 1);
    QCOMPARE(blocked->first().id, dependant);
    QCOMPARE(blocked->first().dependsOn, QList<qint64>{waiting});
    // Discard only finished jobs.
    const qint64 fresh = f.add(QStringLiteral("export"));
    QVERIFY(!f.queue->discard(fresh).ok());
    QVERIFY(f.queue->discard(waiting).ok());
    QVERIFY(!f.queue->get(waiting).value());
    QVERIFY(!f.queue->discard(waiting).ok());
}

void TestJobQueue::checkpointSurvivesReclaim()
{
    QFETCH(QString, backend);
    Fixture f(backend);
    REQUIRE_FIXTURE(f);
    const qint64 id = f.add(QStringLiteral("import"));
    f.claim(QStringLiteral("first"));
    QVERIFY(
        f.queue->saveCheckpoint(id, QStringLiteral("first"), QJsonObject{{QStringLiteral("offset"), 4096}}, 30s).ok());
    QVERIFY(f.queue->reportProgress(id, QStringLiteral("first"), 0.25, QStringLiteral("1 of 4"), 30s).ok());
    f.clock.advance(31s);
    QCOMPARE(f.queue->rescueExpired().value(), 1);
    QVERIFY(!f.queue->saveCheckpoint(id, QStringLiteral("first"), {}, 30s).ok());
    auto again = f.claim(QStringLiteral("second"));
    QCOMPARE(again->job.checkpoint.value(QStringLiteral("offset")).toInt(), 4096);
    QCOMPARE(again->job.progress.value_or(-1), 0.25);
    QCOMPARE(again->job.progressText, QStringLiteral("1 of 4"));
}

void TestJobQueue::refusesBadSpecs()
{
    Fixture f(QStringLiteral("sqlite"));
    REQUIRE_FIXTURE(f);
    JobSpec spec;
    QVERIFY(!f.queue->enqueue(spec).ok());
    spec.kind = QStringLiteral("x");
    spec.priority = 10;
    QVERIFY(!f.queue->enqueue(spec).ok());
    spec.priority = 0;
    spec.maxAttempts = 0;
    QVERIFY(!f.queue->enqueue(spec).ok());
    spec.maxAttempts = 1;
    spec.runAt = kStart.addSecs(60);
    const auto later = f.queue->enqueue(spec);
    QVERIFY(later.ok());
    QVERIFY(!f.claim());
    QCOMPARE(f.queue->nextRunAt({}).value().value(), kStart.addSecs(60));
}

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_job_queue.moc"
