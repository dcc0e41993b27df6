// An import run as a job resumes from its last saved checkpoint when claimed again.
#include "core/db/Connection.h"
#include "core/importer/ImportTypes.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

class TestImportJob : public QObject
{
    Q_OBJECT
private slots:
    void resumesFromTheLastCheckpoint();
    void missingFileIsAFinalError();
};

void TestImportJob::resumesFromTheLastCheckpoint()
{
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("people.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name,gender,gender_probability,age,age_group,country_id,country_name,country_probability\n");
        for (int i = 0; i < 1000; ++i)
            file.write("Person " + QByteArray::number(i) + ",female,0.9," + QByteArray::number(i % 90)
                       + ",,NG,Nigeria,0.5\n");
    }
    ManualClock clock(QDateTime::currentDateTimeUtc());
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind(), clock);
    // The crash: once the first checkpoint is saved, the lease passes to another worker, so the
    // first attempt's next checkpoint save fails and it stops, as a worker that lost its lease must.
    QSqlQuery trigger(connection.database());
    QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER steal_lease AFTER UPDATE OF checkpoint ON jobs "
                                        "WHEN old.checkpoint IS NULL AND new.checkpoint IS NOT NULL "
                                        "BEGIN UPDATE jobs SET lease_owner = 'someone-else' WHERE id = new.id; END")));

    ImportRequest request;
    request.filePath = path;
    request.batchSize = 100;
    const qint64 id = queue.enqueue(ImportJobHandler::specFor(request))->id;
    ImportJobHandler handler(db.url());

    auto first = queue.claim(QStringLiteral("w1"), {}, 30s);
    QVERIFY(first.ok() && first.value());
    JobContext firstContext(queue, *first.value(), 30s);
    const JobOutcome stopped = handler.run(firstContext);
    QCOMPARE(stopped.kind, JobOutcome::Kind::RetryableError);
    const JobRecord afterCrash = queue.get(id).value().value();
    const auto saved = ImportCheckpoint::fromJson(afterCrash.checkpoint);
    QVERIFY(saved);
    QCOMPARE(saved->record, 100); // the first batch
    QVERIFY(saved->byteOffset > 0);

    // The lease runs out; the job is rescued and claimed by another worker, which resumes.
    clock.advance(31s);
    QCOMPARE(queue.rescueExpired().value(), 1);
    auto second = queue.claim(QStringLiteral("w2"), {}, 30s);
    QVERIFY(second.ok() && second.value());
    QCOMPARE(second.value()->job.attempt, 2);
    JobContext secondContext(queue, *second.value(), 30s);
    const JobOutcome done = handler.run(secondContext);
    QCOMPARE(done.kind, JobOutcome::Kind::Success);
    QVERIFY(queue.complete(id, QStringLiteral("w2"), done.result).ok());

    // Every row is there once. Restarting from the beginning would have met 100 rows already in
    // the database.
    QSqlQuery count(connection.database());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT name_key) FROM profiles")) && count.next());
    QCOMPARE(count.value(0).toInt(), 1000);
    QCOMPARE(count.value(1).toInt(), 1000);
    const QJsonObject result = queue.get(id).value()->result;
    QCOMPARE(result.value(QStringLiteral("rows_read")).toInt(), 1000);
    const int duplicates = result.value(QStringLiteral("skipped_by_reason"))
                               .toObject()
                               .value(QStringLiteral("duplicate_in_database"))
                               .toInt();
    // The checkpoint commits with its batch, so the batch after the last saved checkpoint was
    // rolled back with its failed save and is loaded once, by the resumed run: no duplicates.
    QCOMPARE(duplicates, 0);
    QCOMPARE(result.value(QStringLiteral("import_id")).toString(), saved->importId);
}

void TestImportJob::missingFileIsAFinalError()
{
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    JobQueue queue(connection.database(), connection.kind());
    ImportRequest request;
    request.filePath = QStringLiteral("/nonexistent/people.csv");
    queue.enqueue(ImportJobHandler::specFor(request));
    auto claimed = queue.claim(QStringLiteral("w1"), {}, 30s);
    JobContext context(queue, *claimed.value(), 30s);
    ImportJobHandler handler(db.url());
    QCOMPARE(handler.run(context).kind, JobOutcome::Kind::FinalError);
}

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_import_job.moc"
