// A resumed import keeps what its earlier runs did: the rows they rejected, and the batch they
// committed just before they stopped.
#include "core/db/Connection.h"
#include "core/importer/ImportRunner.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "tests/testkit/TestDatabases.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

namespace {

const QByteArray kHeader = "name,gender,age,country_id\n";

// 300 rows, every tenth one invalid (a robot): 30 rejects.
QByteArray peopleWithRobots()
{
    QByteArray out = kHeader;
    for (int i = 0; i < 300; ++i)
        out += "Person " + QByteArray::number(i) + (i % 10 == 0 ? ",robot," : ",female,")
            + QByteArray::number(20 + i % 40) + ",NG\n";
    return out;
}

QStringList rejectLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines;
}

} // namespace

class TestImportResume : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void resumeKeepsEarlierRejects_data();
    void resumeKeepsEarlierRejects();
    void lostCheckpointCausesNoFalseDuplicates();
};

void TestImportResume::resumeKeepsEarlierRejects_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("leftovers"); // rows rejected after the checkpoint, before a crash
    QTest::newRow("sqlite, stopped cleanly") << QStringLiteral("sqlite") << false;
    QTest::newRow("sqlite, crashed after the checkpoint") << QStringLiteral("sqlite") << true;
    QTest::newRow("postgres, crashed after the checkpoint") << QStringLiteral("postgres") << true;
}

void TestImportResume::resumeKeepsEarlierRejects()
{
    QFETCH(QString, backend);
    QFETCH(bool, leftovers);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("people.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(peopleWithRobots());
    }
    ImportRequest request;
    request.filePath = path;
    request.database = db.url();
    request.batchSize = 100;
    request.rejectsPath = dir.filePath(QStringLiteral("rejects.csv"));

    // The first run stops after its first batch.
    ImportRunner first(request);
    std::optional<ImportCheckpoint> saved;
    first.setCheckpointCallback([&](const ImportCheckpoint &point) {
        saved = point;
        first.cancel();
    });
    const ImportReport stopped = first.run();
    QCOMPARE(stopped.status, ImportStatus::Cancelled);
    QVERIFY(saved);
    const qsizetype before = rejectLines(request.rejectsPath).size();
    QVERIFY2(before > 1 && before < 31, qPrintable(QString::number(before))); // header + the robots so far
    if (leftovers) {
        // A crash after the checkpoint: rows read past it were rejected into the file already,
        // and the resumed run will read them again.
        QFile file(request.rejectsPath);
        QVERIFY(file.open(QIODevice::Append));
        file.write("Person 290,robot,30,NG,292,invalid_gender\n");
    }

    ImportRequest resumed = request;
    resumed.resume = saved;
    const ImportReport done = ImportRunner(resumed).run();
    QCOMPARE(done.status, ImportStatus::Completed);
    QCOMPARE(done.counts.rowsLoaded, 270);
    QCOMPARE(done.counts.rowsSkipped, 30);

    const QStringList lines = rejectLines(request.rejectsPath);
    QCOMPARE(lines.first(), QStringLiteral("name,gender,age,country_id,_line,_reason"));
    QCOMPARE(lines.size(), 1 + 30); // every robot once, the header once
    for (int i = 0; i < 300; i += 10)
        QCOMPARE(lines.filter(QStringLiteral("Person %1,robot,").arg(i)).size(), 1);
}

// The crash the issue describes: a batch commits, and the process dies before its checkpoint is
// saved. Simulated by making the second checkpoint's save fail. Before the fix the batch stayed
// committed, so the resumed run met its 100 rows again and reported them as duplicates; now the
// checkpoint commits with the batch or the batch rolls back.
void TestImportResume::lostCheckpointCausesNoFalseDuplicates()
{
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("people.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes = kHeader;
        for (int i = 0; i < 500; ++i)
            bytes += "Person " + QByteArray::number(i) + ",female," + QByteArray::number(20 + i % 40) + ",NG\n";
        file.write(bytes);
    }
    ManualClock clock(QDateTime::currentDateTimeUtc());
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind(), clock);
    QSqlQuery trigger(connection.database());
    QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER crash_before_second_checkpoint BEFORE UPDATE OF checkpoint "
                                        "ON jobs WHEN old.checkpoint IS NOT NULL "
                                        "BEGIN SELECT RAISE(ABORT, 'the process died'); END")));

    ImportRequest request;
    request.filePath = path;
    request.batchSize = 100;
    const qint64 id = queue.enqueue(ImportJobHandler::specFor(request))->id;
    ImportJobHandler handler(db.url());
    auto first = queue.claim(QStringLiteral("w1"), {}, 30s);
    QVERIFY(first.ok() && first.value());
    JobContext firstContext(queue, *first.value(), 30s);
    QCOMPARE(handler.run(firstContext).kind, JobOutcome::Kind::RetryableError);
    const auto saved = ImportCheckpoint::fromJson(queue.get(id).value()->checkpoint);
    QVERIFY(saved);
    QCOMPARE(saved->record, 100);

    QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER crash_before_second_checkpoint")));
    clock.advance(31s);
    QCOMPARE(queue.rescueExpired().value(), 1);
    auto second = queue.claim(QStringLiteral("w2"), {}, 30s);
    QVERIFY(second.ok() && second.value());
    JobContext secondContext(queue, *second.value(), 30s);
    const JobOutcome done = handler.run(secondContext);
    QVERIFY2(done.kind == JobOutcome::Kind::Success, qPrintable(done.message));
    QCOMPARE(done.result.value(QStringLiteral("rows_loaded")).toInt(), 500);
    QCOMPARE(done.result.value(QStringLiteral("rows_skipped")).toInt(), 0);
    QSqlQuery count(connection.database());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && count.next());
    QCOMPARE(count.value(0).toInt(), 500);
}

QTEST_GUILESS_MAIN(TestImportResume)
#include "tst_import_resume.moc"
