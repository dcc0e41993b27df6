// Several worker processes on one PostgreSQL database: SKIP LOCKED claims across processes,
// and a killed worker's job rescued after its lease expires.
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "tests/testkit/TestDatabases.h"

#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace insighta;
using namespace insighta::jobs;

namespace {

QString helperPath()
{
    return qEnvironmentVariable("INSIGHTA_BINARY_DIR") + QStringLiteral("/tests/integration/jobs/jobs_worker_helper");
}

std::unique_ptr<QProcess> startWorker(const DatabaseUrl &url, const QString &name, int workers, int leaseMs)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->start(helperPath(), {url.toString(), name, QString::number(workers), QString::number(leaseMs)});
    return process;
}

} // namespace

class TestJobsProcesses : public QObject
{
    Q_OBJECT
private slots:
    void twoProcessesNeverRunTheSameJob();
    void killedWorkersJobCompletesExactlyOnce();
};

void TestJobsProcesses::twoProcessesNeverRunTheSameJob()
{
    testkit::PostgresTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind());
    constexpr int jobCount = 300;
    for (int i = 0; i < jobCount; ++i) {
        JobSpec spec;
        spec.kind = QStringLiteral("noop");
        QVERIFY(queue.enqueue(spec).ok());
    }
    auto a = startWorker(db.url(), QStringLiteral("proc-a"), 2, 5000);
    auto b = startWorker(db.url(), QStringLiteral("proc-b"), 2, 5000);
    QVERIFY2(a->waitForStarted(10000), qPrintable(a->errorString()));
    QVERIFY2(b->waitForStarted(10000), qPrintable(b->errorString()));

    auto completed = [&connection] {
        QSqlQuery q(connection.database());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'completed'"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(completed(), jobCount, 40000);
    a->terminate();
    b->terminate();
    QVERIFY(a->waitForFinished(10000));
    QVERIFY(b->waitForFinished(10000));
    QCOMPARE(a->exitCode(), 0);
    QCOMPARE(b->exitCode(), 0);

    // A job claimed twice would show attempt 2 (the claim increments it under the row lock).
    QSqlQuery q(connection.database());
    QVERIFY(q.exec(QStringLiteral("SELECT MIN(attempt), MAX(attempt), "
                                  "COUNT(*) FILTER (WHERE attempted_by LIKE 'proc-a/%'), "
                                  "COUNT(*) FILTER (WHERE attempted_by LIKE 'proc-b/%') FROM jobs")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(q.value(2).toInt() + q.value(3).toInt(), jobCount);
    QVERIFY2(q.value(2).toInt() > 0 && q.value(3).toInt() > 0, "both processes must have claimed jobs");
    // And each process reported exactly the jobs it ran: no job appears in both outputs.
    const QString outA = QString::fromUtf8(a->readAllStandardOutput());
    const QString outB = QString::fromUtf8(b->readAllStandardOutput());
    QCOMPARE(outA.count(QStringLiteral(" completed")) + outB.count(QStringLiteral(" completed")), jobCount);
}

void TestJobsProcesses::killedWorkersJobCompletesExactlyOnce()
{
    testkit::PostgresTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind());
    JobSpec spec;
    spec.kind = QStringLiteral("test.crash-once");
    const auto enqueued = queue.enqueue(spec);
    QVERIFY(enqueued.ok());
    const qint64 id = enqueued->id;

    // Short leases so the test is quick: 600 ms, renewed every 200 ms while the process lives.
    auto doomed = startWorker(db.url(), QStringLiteral("doomed"), 1, 600);
    QVERIFY(doomed->waitForStarted(10000));
    QString doomedOut;
    QTRY_VERIFY_WITH_TIMEOUT((doomedOut += QString::fromUtf8(doomed->readAllStandardOutput()))
                                 .contains(QStringLiteral("started #%1").arg(id)),
                             20000);
    QCOMPARE(queue.get(id).value()->state, JobState::Running);
    QCOMPARE(queue.get(id).value()->leaseOwner, QStringLiteral("doomed/w0"));

    doomed->kill(); // SIGKILL: no clean-up, no lease release
    QVERIFY(doomed->waitForFinished(10000));
    // Nobody renews the lease any more; the job is still "running" until someone notices.
    QCOMPARE(queue.get(id).value()->state, JobState::Running);

    auto rescuer = startWorker(db.url(), QStringLiteral("rescuer"), 1, 600);
    QVERIFY(rescuer->waitForStarted(10000));
    QTRY_COMPARE_WITH_TIMEOUT(queue.get(id).value()->state, JobState::Completed, 20000);
    rescuer->terminate();
    QVERIFY(rescuer->waitForFinished(10000));
    doomedOut += QString::fromUtf8(doomed->readAllStandardOutput());
    const QString rescuerOut = QString::fromUtf8(rescuer->readAllStandardOutput());

    const JobRecord job = queue.get(id).value().value();
    QCOMPARE(job.attempt, 2);
    QCOMPARE(job.result.value(QStringLiteral("worker")).toString(), QStringLiteral("rescuer/w0"));
    QCOMPARE(job.errors.size(), 1);
    QVERIFY2(job.errors.first().message.contains(QStringLiteral("lease expired")),
             qPrintable(job.errors.first().message));
    QCOMPARE(job.errors.first().worker, QStringLiteral("doomed/w0"));
    // The effect happened once, in the rescuer; the killed process never got that far.
    QCOMPARE(QString(doomedOut + rescuerOut).count(QStringLiteral("effect #%1").arg(id)), 1);
    QCOMPARE(rescuerOut.count(QStringLiteral("job #%1 (test.crash-once) completed").arg(id)), 1);
}

QTEST_GUILESS_MAIN(TestJobsProcesses)
#include "tst_jobs_processes.moc"
