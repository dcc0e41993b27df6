// No-op jobs claimed and completed per second, with 1 and 4 workers.
//   bench_jobs [--jobs N] [--postgres URL] [--sqlite-dir DIR]
// Each run uses a fresh database (a new SQLite file; a new PostgreSQL database created on the
// given server), enqueues N no-op jobs, then times a worker pool until all are completed.
#include "core/db/Connection.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "core/jobs/handlers/BuiltinHandlers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace insighta;
using namespace insighta::jobs;

namespace {

bool enqueueAll(const DatabaseUrl &url, int count)
{
    Connection connection(url, QStringLiteral("bench-enqueue"));
    if (!connection.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(connection.error()));
        return false;
    }
    JobQueue queue(connection.database(), connection.kind());
    for (int i = 0; i < count; ++i) {
        JobSpec spec;
        spec.kind = QStringLiteral("noop");
        if (!queue.enqueue(spec).ok())
            return false;
    }
    return true;
}

double run(const DatabaseUrl &url, int count, int workers)
{
    if (!enqueueAll(url, count))
        return -1;
    auto registry = std::make_shared<JobRegistry>();
    registerBuiltinHandlers(*registry);
    WorkerPoolOptions options;
    options.workers = workers;
    WorkerPool pool(url, registry, options);
    QElapsedTimer timer;
    timer.start();
    pool.start();
    const bool done = pool.waitForFinished(count, QDeadlineTimer(std::chrono::minutes(5)));
    const double seconds = timer.nsecsElapsed() / 1e9;
    pool.stop();
    return done ? count / seconds : -1;
}

Result<DatabaseUrl> freshPostgres(const QString &serverUrl, const QString &name)
{
    auto server = DatabaseUrl::parse(serverUrl);
    if (!server.ok())
        return server;
    {
        auto db = openDatabase(server.value(), QStringLiteral("bench-admin"));
        if (!db.ok())
            return Error{db.error()};
        QSqlQuery q(db.value());
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
        if (!q.exec(QStringLiteral("CREATE DATABASE ") + name))
            return Error{QStringLiteral("cannot create database %1").arg(name)};
        db.value().close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    DatabaseUrl url = server.value();
    url.database = name;
    return url;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("jobs"), QStringLiteral("Jobs per run (default 2000)."), QStringLiteral("n")},
         {QStringLiteral("postgres"), QStringLiteral("PostgreSQL server URL."), QStringLiteral("url")},
         {QStringLiteral("sqlite-dir"), QStringLiteral("Folder for the SQLite files."), QStringLiteral("dir")}});
    parser.process(app);
    const int count = parser.isSet(QStringLiteral("jobs")) ? parser.value(QStringLiteral("jobs")).toInt() : 2000;
    QTemporaryDir temp;
    const QString dir
        = parser.isSet(QStringLiteral("sqlite-dir")) ? parser.value(QStringLiteral("sqlite-dir")) : temp.path();
    std::printf("# No-op jobs claimed and completed per second (%d jobs per run)\n", count);
    for (const int workers : {1, 4}) {
        const auto url = DatabaseUrl::sqliteFile(dir + QStringLiteral("/bench-%1.db").arg(workers));
        std::printf("sqlite      %d worker(s): %8.0f jobs/s\n", workers, run(url, count, workers));
        std::fflush(stdout);
    }
    if (parser.isSet(QStringLiteral("postgres"))) {
        for (const int workers : {1, 4}) {
            const auto url = freshPostgres(parser.value(QStringLiteral("postgres")),
                                           QStringLiteral("insighta_bench_jobs_%1").arg(workers));
            if (!url.ok()) {
                std::fprintf(stderr, "%s\n", qPrintable(url.error()));
                return 3;
            }
            std::printf("postgresql  %d worker(s): %8.0f jobs/s\n", workers, run(url.value(), count, workers));
            std::fflush(stdout);
        }
    }
    return 0;
}
