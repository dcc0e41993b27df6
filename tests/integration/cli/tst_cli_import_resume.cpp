// An import killed mid-file, run again from the command line: the re-run names --resume and
// --restart instead of meeting its own rows as duplicates, and either option loads the rest
// with only the file's real rejects reported.
#include "core/db/Connection.h"
#include "tests/testkit/CliProcess.h"
#include "tests/testkit/TestDatabases.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;

namespace {

constexpr int kRows = 3000; // every hundredth one has no valid gender: 30 real rejects
constexpr int kBatch = 500;
constexpr qint64 kBlockingLock = 4242;

QByteArray peopleFile()
{
    QByteArray out = "name,gender,age,country_id\n";
    for (int i = 0; i < kRows; ++i)
        out += "Resume Person " + QByteArray::number(i) + (i % 100 == 99 ? ",robot," : ",female,")
            + QByteArray::number(20 + i % 40) + ",NG\n";
    return out;
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning().noquote() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning().noquote() << sql << q.lastError().text();
    return false;
}

} // namespace

class TestCliImportResume : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rerunAfterKill_data();
    void rerunAfterKill();

private:
    // Starts an import and kills it while its second batch waits on a lock the test holds, so
    // exactly the first batch is committed, as after a kill at any other moment.
    void killDuringSecondBatch(QSqlDatabase db, const QString &url, const QString &file);
    testkit::CliProcess m_cli;
};

void TestCliImportResume::initTestCase()
{
    QVERIFY2(QFile::exists(testkit::CliProcess::binaryPath()), qPrintable(testkit::CliProcess::binaryPath()));
}

void TestCliImportResume::killDuringSecondBatch(QSqlDatabase db, const QString &url, const QString &file)
{
    // The second batch's checkpoint (inside its transaction) waits for the test's lock.
    QVERIFY(exec(db,
                 QStringLiteral("CREATE FUNCTION hold_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "PERFORM pg_advisory_xact_lock(%1); RETURN NEW; END $$")
                     .arg(kBlockingLock)));
    QVERIFY(exec(db,
                 QStringLiteral("CREATE TRIGGER hold_import BEFORE UPDATE ON imports FOR EACH ROW WHEN "
                                "(NEW.status = 'running' AND NEW.rows_loaded >= %1) EXECUTE FUNCTION hold_import()")
                     .arg(2 * kBatch)));
    QVERIFY(exec(db, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kBlockingLock)));

    const std::unique_ptr<QProcess> started
        = m_cli.start({QStringLiteral("import"), file, QStringLiteral("--database"), url,
                       QStringLiteral("--batch-size"), QString::number(kBatch)});
    QProcess &import = *started;
    QVERIFY(import.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        scalar(db, QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) == 1,
        60'000);
    import.kill();
    QVERIFY(import.waitForFinished());

    // The killed client's server session would wait for the lock forever: end it, then clean up.
    QVERIFY(exec(db,
                 QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                                "AND NOT granted")));
    QVERIFY(exec(db, QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kBlockingLock)));
    QVERIFY(exec(db, QStringLiteral("DROP TRIGGER hold_import ON imports")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM profiles WHERE name LIKE 'Resume Person %'")),
             qint64(kBatch));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM imports WHERE status = 'running'")), qint64(1));
}

void TestCliImportResume::rerunAfterKill_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("resume") << QStringLiteral("--resume");
    QTest::newRow("restart") << QStringLiteral("--restart");
}

void TestCliImportResume::rerunAfterKill()
{
    QFETCH(QString, option);
    testkit::PostgresTestDatabase test;
    INSIGHTA_REQUIRE_DB(test);
    const QString url = test.url().toString();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("people.csv"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(peopleFile());
    }
    auto migrated = m_cli.run({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--database"), url});
    QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.err));
    const QString connectionName = QStringLiteral("resume-check-") + QString::fromLatin1(QTest::currentDataTag());
    auto opened = openDatabase(test.url(), connectionName);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QSqlDatabase db = opened.value();
    const auto closeConnection = qScopeGuard([&] {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
    });
    killDuringSecondBatch(db, url, file);
    if (QTest::currentTestFailed())
        return;

    // Neither option: the command says what it found, names both ways on, and changes nothing.
    const auto asked = m_cli.run({QStringLiteral("import"), file, QStringLiteral("--database"), url});
    QCOMPARE(asked.exitCode, 2);
    QVERIFY2(asked.err.contains(QStringLiteral("did not finish")), qPrintable(asked.err));
    QVERIFY2(asked.err.contains(QStringLiteral("--resume")) && asked.err.contains(QStringLiteral("--restart")),
             qPrintable(asked.err));
    const auto stoppedAt = QRegularExpression(QStringLiteral("stopped at line (\\d+)")).match(asked.err);
    QVERIFY2(stoppedAt.hasMatch(), qPrintable(asked.err));
    const qint64 line = stoppedAt.captured(1).toLongLong();
    QVERIFY(line > kBatch);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM profiles WHERE name LIKE 'Resume Person %'")),
             qint64(kBatch));

    const QString rejects = dir.filePath(QStringLiteral("rejects.csv"));
    const auto done = m_cli.run({QStringLiteral("import"), file, QStringLiteral("--database"), url, option,
                                 QStringLiteral("--json"), QStringLiteral("--rejects"), rejects});
    QVERIFY2(done.exitCode == 1, qPrintable(done.err + done.out)); // the robots only
    const QJsonObject report = QJsonDocument::fromJson(done.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(report.value(QStringLiteral("rows_read")).toInteger(), qint64(kRows));
    QCOMPARE(report.value(QStringLiteral("rows_loaded")).toInteger(), qint64(kRows - 30));
    QCOMPARE(report.value(QStringLiteral("rows_skipped")).toInteger(), qint64(30));
    const QJsonObject reasons = report.value(QStringLiteral("skipped_by_reason")).toObject();
    QCOMPARE(reasons.keys(), QStringList{QStringLiteral("invalid_gender")});
    if (option == QLatin1String("--resume"))
        QCOMPARE(report.value(QStringLiteral("resumed_from_line")).toInteger(), line);
    else
        QVERIFY(!report.contains(QStringLiteral("resumed_from_line")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM profiles WHERE name LIKE 'Resume Person %'")),
             qint64(kRows - 30));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(DISTINCT name) FROM profiles WHERE name LIKE 'Resume Person %'")),
             qint64(kRows - 30));
    QFile written(rejects);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(!written.readAll().contains("duplicate_in_database"));

    // Finished now: a further run is an ordinary re-import again, with no question asked.
    const auto again = m_cli.run({QStringLiteral("import"), file, QStringLiteral("--database"), url});
    QVERIFY2(!again.err.contains(QStringLiteral("did not finish")), qPrintable(again.err));
}

QTEST_GUILESS_MAIN(TestCliImportResume)
#include "tst_cli_import_resume.moc"
