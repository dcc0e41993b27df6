// An import the window runs itself is held as a durable job: completed, cancelled by a person,
// or handed to a worker pool (the window closing) that resumes it from the last committed batch.
#include "core/db/Connection.h"
#include "core/importer/ImportRunner.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/WorkerPool.h"
#include "core/jobs/handlers/HeldImport.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;

namespace {

constexpr int kRows = 3000;

QString writePeople(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("people.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    // Semicolons, and the columns in an order the overrides below spell out.
    file.write("full name;sex;years;country\n");
    for (int i = 0; i < kRows; ++i)
        file.write("Person " + QByteArray::number(i) + ";female;" + QByteArray::number(i % 90) + ";NG\n");
    return path;
}

ImportRequest requestFor(const QString &path, const DatabaseUrl &url)
{
    ImportRequest request;
    request.filePath = path;
    request.database = url;
    request.batchSize = 100;
    request.progressIntervalMs = 0;
    request.overrides.delimiter = ';';
    request.overrides.mapping
        = HeaderMapping{{ProfileField::Name, ProfileField::Gender, ProfileField::Age, ProfileField::CountryId}};
    return request;
}

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestHeldImport : public QObject
{
    Q_OBJECT
private slots:
    void completedImportCompletesItsJob_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void completedImportCompletesItsJob()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase database(backend);
        INSIGHTA_REQUIRE_DB(database);
        QTemporaryDir dir;
        const ImportRequest request = requestFor(writePeople(dir), database.url());
        std::atomic_bool cancel{false}, byPerson{false};
        ImportRunner runner(request);
        runner.setCancelFlag(&cancel);
        QString warning;
        const ImportReport report = HeldImport::run(runner, request, &cancel, &byPerson, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(report.status, ImportStatus::Completed);
        QCOMPARE(report.counts.rowsLoaded, kRows);

        Connection connection(database.url());
        JobQueue queue(connection.database(), connection.kind());
        const auto jobs = queue.list(JobFilter{});
        QVERIFY(jobs.ok());
        QCOMPARE(jobs->size(), 1);
        QCOMPARE(jobs->first().kind, ImportJobHandler::kind());
        QCOMPARE(jobs->first().state, JobState::Completed);
        QCOMPARE(jobs->first().result.value(QStringLiteral("rows_loaded")).toInteger(), kRows);
        QVERIFY(!jobs->first().result.contains(QStringLiteral("rejects_file"))); // nothing was skipped
        // The payload carries the overrides, so a resumed run reads the file the same way.
        const auto overrides
            = CsvOverrides::fromJson(jobs->first().payload.value(QStringLiteral("overrides")).toObject());
        QVERIFY(overrides);
        QCOMPARE(overrides->delimiter, ';');
        QCOMPARE(overrides->mapping, request.overrides.mapping);
    }

    // The window closes mid-file: the job goes back to the queue with its checkpoint, and a
    // worker pool finishes the import — every row once, the imports row counting the whole file.
    void closingTheWindowHandsTheImportToAPool_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void closingTheWindowHandsTheImportToAPool()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase database(backend);
        INSIGHTA_REQUIRE_DB(database);
        QTemporaryDir dir;
        const ImportRequest request = requestFor(writePeople(dir), database.url());
        std::atomic_bool cancel{false}, byPerson{false};
        ImportRunner runner(request);
        runner.setCancelFlag(&cancel);
        runner.setProgressCallback([&](const ImportProgress &progress) {
            if (progress.rowsLoaded >= 1000)
                cancel.store(true); // the window closing: stop after this batch
        });
        const ImportReport stopped = HeldImport::run(runner, request, &cancel, &byPerson);
        QCOMPARE(stopped.status, ImportStatus::Cancelled);
        QVERIFY(stopped.counts.rowsLoaded >= 1000 && stopped.counts.rowsLoaded < kRows);

        Connection connection(database.url());
        JobQueue queue(connection.database(), connection.kind());
        const JobRecord handedOver = queue.list(JobFilter{}).value().first();
        QCOMPARE(handedOver.state, JobState::Available);
        QCOMPARE(handedOver.attempt, 0); // a hand-over is not a failed attempt
        QVERIFY(!handedOver.checkpoint.isEmpty());
        const qint64 loadedBefore = count(connection.database(), QStringLiteral("SELECT COUNT(*) FROM profiles"));
        QCOMPARE(loadedBefore, stopped.counts.rowsLoaded);

        auto registry = std::make_shared<JobRegistry>();
        registry->add(ImportJobHandler::kind(), std::make_shared<ImportJobHandler>(database.url()));
        WorkerPoolOptions options;
        options.workers = 1;
        options.idlePoll = std::chrono::milliseconds(50);
        WorkerPool pool(database.url(), registry, options);
        QList<JobState> states;
        QObject receiver;
        connect(&pool, &WorkerPool::jobFinished, &receiver,
                [&states](qint64, const QString &, JobState state) { states << state; });
        pool.start();
        QTRY_COMPARE_WITH_TIMEOUT(states.size(), 1, 30'000);
        pool.stop();
        QCOMPARE(states.first(), JobState::Completed);

        QCOMPARE(count(connection.database(), QStringLiteral("SELECT COUNT(*) FROM profiles")), kRows);
        QCOMPARE(count(connection.database(), QStringLiteral("SELECT COUNT(*) FROM imports")), 1);
        QCOMPARE(count(connection.database(), QStringLiteral("SELECT rows_read FROM imports")), kRows);
        QCOMPARE(count(connection.database(), QStringLiteral("SELECT rows_loaded FROM imports")), kRows);
        QSqlQuery status(connection.database());
        QVERIFY(status.exec(QStringLiteral("SELECT status FROM imports")) && status.next());
        QCOMPARE(status.value(0).toString(), QStringLiteral("completed"));
    }

    // Files still waiting in the window's queue when it closes become ordinary jobs, due now.
    void waitingImportsAreFiledForLater()
    {
        testkit::SqliteTestDatabase database;
        INSIGHTA_REQUIRE_DB(database);
        QTemporaryDir dir;
        const ImportRequest request = requestFor(writePeople(dir), database.url());
        ImportRequest validation = request;
        validation.database.reset(); // validations are not kept: there is nothing to load
        const auto filed = HeldImport::fileForLater({request, validation});
        QVERIFY2(filed.ok(), qPrintable(filed.error()));
        QCOMPARE(filed.value(), 1);

        Connection connection(database.url());
        JobQueue queue(connection.database(), connection.kind());
        auto claimed = queue.claim(QStringLiteral("w"), {ImportJobHandler::kind()}, std::chrono::seconds(30));
        QVERIFY(claimed.ok() && claimed.value());
        JobContext context(queue, *claimed.value(), std::chrono::seconds(30));
        ImportJobHandler handler(database.url());
        QCOMPARE(handler.run(context).kind, JobOutcome::Kind::Success);
        QCOMPARE(count(connection.database(), QStringLiteral("SELECT COUNT(*) FROM profiles")), kRows);
    }

    // A person's cancel is final: the job is cancelled and no pool picks the file up again.
    void cancelledByAPersonIsNotResumed()
    {
        testkit::SqliteTestDatabase database;
        INSIGHTA_REQUIRE_DB(database);
        QTemporaryDir dir;
        const ImportRequest request = requestFor(writePeople(dir), database.url());
        std::atomic_bool cancel{false}, byPerson{false};
        ImportRunner runner(request);
        runner.setCancelFlag(&cancel);
        runner.setProgressCallback([&](const ImportProgress &progress) {
            if (progress.rowsLoaded >= 500) {
                byPerson.store(true);
                cancel.store(true);
            }
        });
        QCOMPARE(HeldImport::run(runner, request, &cancel, &byPerson).status, ImportStatus::Cancelled);
        Connection connection(database.url());
        JobQueue queue(connection.database(), connection.kind());
        QCOMPARE(queue.list(JobFilter{}).value().first().state, JobState::Cancelled);
        QVERIFY(!queue.claim(QStringLiteral("w"), {}, std::chrono::seconds(30)).value().has_value());
    }
};

QTEST_GUILESS_MAIN(TestHeldImport)
#include "tst_held_import.moc"
