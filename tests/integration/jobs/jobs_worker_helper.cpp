// A worker process for the multi-process tests: the same WorkerPool and foreground loop as
// `insighta jobs work`, plus one test kind.
//   jobs_worker_helper URL NAME WORKERS LEASE_MS
// Kinds: noop, sleep (built in), and test.crash-once: the first attempt runs until it is
// stopped (the test kills the process), later attempts print "effect #ID" and complete.
#include "core/db/DatabaseUrl.h"
#include "core/jobs/ForegroundRunner.h"
#include "core/jobs/handlers/BuiltinHandlers.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>

#include <cstdio>

using namespace insighta;
using namespace insighta::jobs;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: jobs_worker_helper URL NAME WORKERS LEASE_MS\n");
        return 2;
    }
    const auto url = DatabaseUrl::parse(args.at(1));
    if (!url.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(url.error()));
        return 2;
    }
    static QMutex outputMutex;
    auto say = [](const QString &line) {
        QMutexLocker lock(&outputMutex);
        std::fprintf(stdout, "%s\n", qPrintable(line));
        std::fflush(stdout);
    };

    auto registry = std::make_shared<JobRegistry>();
    registerBuiltinHandlers(*registry);
    registry->add(QStringLiteral("test.crash-once"), [say](JobContext &context) {
        if (context.attempt() == 1) {
            say(QStringLiteral("started #%1").arg(context.id()));
            while (!context.isCancelled())
                QThread::msleep(10);
            return JobOutcome::retry(QStringLiteral("stopped"));
        }
        say(QStringLiteral("effect #%1").arg(context.id()));
        return JobOutcome::success(QJsonObject{{QStringLiteral("worker"), context.job().leaseOwner}});
    });

    WorkerPoolOptions options;
    options.name = args.at(2);
    options.workers = args.at(3).toInt();
    options.lease = std::chrono::milliseconds(args.at(4).toInt());
    options.idlePoll = std::chrono::milliseconds(50);
    blockStopSignals();
    WorkerPool pool(url.value(), registry, options);
    QObject::connect(
        &pool, &WorkerPool::jobFinished, &pool,
        [say](qint64 id, const QString &kind, JobState state) {
            say(QStringLiteral("job #%1 (%2) %3").arg(QString::number(id), kind, stateName(state)));
        },
        Qt::DirectConnection);
    QObject::connect(
        &pool, &WorkerPool::failure, &pool,
        [](const QString &message) { std::fprintf(stderr, "%s\n", qPrintable(message)); }, Qt::DirectConnection);
    pool.start();
    say(QStringLiteral("ready"));
    runUntilStopped(pool, false);
    return 0;
}
