#include "app/cli/Cli.h"
#include "core/db/Connection.h"
#include "core/db/ImportHistory.h"
#include "core/importer/ImportRunner.h"
#include "tests/testkit/TestDatabases.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace insighta;

namespace {

const QByteArray kHeader = "name,gender,gender_probability,age,age_group,country_id,country_name,country_probability\n";

QByteArray rows(int from, int to, const char *prefix = "Person")
{
    QByteArray out;
    for (int i = from; i < to; ++i)
        out += QByteArray(prefix) + ' ' + QByteArray::number(i) + ",female,0.9," + QByteArray::number(i % 90)
            + ",,NG,Nigeria,0.5\n";
    return out;
}

qint64 scalar(const DatabaseUrl &url, const QString &sql)
{
    Connection connection(url, QStringLiteral("check"));
    if (!connection.ok())
        return -1;
    QSqlQuery q(connection.database());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestImportDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString write(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("in%1.csv").arg(++m_counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        file.write(bytes);
        return path;
    }

    ImportReport importFile(const DatabaseUrl &url, const QString &path, int batchSize = 1000)
    {
        ImportRequest request;
        request.filePath = path;
        request.database = url;
        request.batchSize = batchSize;
        return ImportRunner(request).run();
    }

private slots:
    void importLoadsAndDedupes_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void importLoadsAndDedupes()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase db(backend);
        INSIGHTA_REQUIRE_DB(db);
        // 2,500 rows in batches of 1,000; "Person 5" again in the third batch (a duplicate that
        // spans batches), one in the same batch, and bad rows.
        QByteArray bytes = kHeader + rows(0, 2500) + "person  5,female,0.9,30,,NG,,0.5\n"
            + "Person 2499,male,0.9,30,,NG,,0.5\n" + "Bad,robot,0.9,30,,NG,,0.5\n";
        const QString path = write(bytes);
        const ImportReport report = importFile(db.url(), path);
        QCOMPARE(report.status, ImportStatus::Completed);
        QCOMPARE(report.counts.rowsRead, 2503);
        QVERIFY2(report.counts.rowsLoaded == 2500, qPrintable(report.rejects.value(0).message));
        QCOMPARE(report.counts.rowsLoaded, 2500);
        QCOMPARE(report.counts.rowsValid, 2500);
        QCOMPARE(report.counts.skippedByReason.value(QStringLiteral("duplicate_in_file")), 2);
        QCOMPARE(report.counts.skippedByReason.value(QStringLiteral("invalid_gender")), 1);
        QCOMPARE(report.exitCode(), 1);
        bool sawCrossBatch = false;
        for (const RejectedRecord &r : report.rejects) {
            if (r.reason == RejectReason::DuplicateInFile && r.line == 2502) {
                QCOMPARE(r.message, QStringLiteral("the name 'person  5' already appears on line 7"));
                sawCrossBatch = true;
            }
        }
        QVERIFY(sawCrossBatch);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 2500);
        QCOMPARE(scalar(db.url(),
                        QStringLiteral("SELECT count(*) FROM profiles WHERE name = 'Person 42' AND "
                                       "age = 42 AND age_group = 'adult' AND country_name = 'Nigeria'")),
                 1);

        // The same file again: nothing duplicated, shown as a re-import.
        const ImportReport again = importFile(db.url(), path);
        QCOMPARE(again.counts.rowsLoaded, 0);
        // "person  5" duplicates a row of the first run now: it counts as already in the database.
        QCOMPARE(again.counts.skippedByReason.value(QStringLiteral("duplicate_in_database")), 2501);
        QCOMPARE(again.previousImports, 1);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 2500);

        // Import history: both runs recorded with the file's SHA-256 and counts.
        QCOMPARE(scalar(db.url(),
                        QStringLiteral("SELECT count(*) FROM imports WHERE status = 'completed' AND "
                                       "rows_loaded = 2500 AND length(sha256) = 64 AND report_json IS NOT NULL")),
                 1);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(DISTINCT sha256) FROM imports")), 1);
    }

    void cancelStopsAfterABatchAndResumes_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void cancelStopsAfterABatchAndResumes()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase db(backend);
        INSIGHTA_REQUIRE_DB(db);
        const QString path = write(kHeader + rows(0, 5000));
        ImportRequest request;
        request.filePath = path;
        request.database = db.url();
        request.batchSize = 1000;
        std::atomic_bool cancel{false};
        ImportRunner runner(request);
        runner.setCancelFlag(&cancel);
        QList<qint64> loadedAtCheckpoints;
        runner.setCheckpointCallback([&](const ImportCheckpoint &c) {
            loadedAtCheckpoints << c.counts.rowsLoaded;
            if (c.counts.rowsLoaded >= 2000)
                cancel = true;
        });
        const ImportReport partial = runner.run();
        QCOMPARE(partial.status, ImportStatus::Cancelled);
        QCOMPARE(loadedAtCheckpoints, (QList<qint64>{1000, 2000}));
        QCOMPARE(partial.counts.rowsLoaded, 2000);
        QVERIFY(partial.stoppedAt);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 2000);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT bytes_committed FROM imports")),
                 partial.stoppedAt->byteOffset);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM imports WHERE status = 'cancelled'")), 1);

        request.resume = partial.stoppedAt;
        const ImportReport rest = ImportRunner(request).run();
        QCOMPARE(rest.status, ImportStatus::Completed);
        QCOMPARE(rest.counts.rowsLoaded, 5000);
        QCOMPARE(rest.counts.rowsRead, 5000);
        QCOMPARE(rest.importId, partial.importId);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 5000);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM imports WHERE status = 'completed'")), 1);
    }

    // Two imports at once on their own connections, overlapping names: every name once.
    void concurrentImports_data()
    {
        testkit::addDatabaseColumns();
        testkit::addDatabaseRows();
    }
    void concurrentImports()
    {
        QFETCH(QString, backend);
        testkit::AnyTestDatabase db(backend);
        INSIGHTA_REQUIRE_DB(db);
        const QString a = write(kHeader + rows(0, 6000));
        const QString b = write(kHeader + rows(3000, 9000));
        const DatabaseUrl url = db.url();
        auto run = [url](const QString &path) {
            ImportRequest request;
            request.filePath = path;
            request.database = url;
            request.batchSize = 500;
            return ImportRunner(request).run();
        };
        QFuture<ImportReport> first = QtConcurrent::run(run, a);
        QFuture<ImportReport> second = QtConcurrent::run(run, b);
        const ImportReport ra = first.result();
        const ImportReport rb = second.result();
        QCOMPARE(ra.status, ImportStatus::Completed);
        QCOMPARE(rb.status, ImportStatus::Completed);
        QCOMPARE(ra.counts.rowsLoaded + rb.counts.rowsLoaded, 9000);
        QCOMPARE(ra.counts.skippedByReason.value(QStringLiteral("duplicate_in_database"))
                     + rb.counts.skippedByReason.value(QStringLiteral("duplicate_in_database")),
                 3000);
        QCOMPARE(scalar(url, QStringLiteral("SELECT count(*) FROM profiles")), 9000);
    }

    // The server drops the import's connection and then refuses new ones: committed rows stay,
    // the rest are not_loaded, and a re-run completes the file without duplicating anything.
    void databaseLostMidImport()
    {
        testkit::PostgresTestDatabase db;
        INSIGHTA_REQUIRE_DB(db);
        const QString path = write(kHeader + rows(0, 4000));
        const QString name = db.url().database;
        Connection admin(DatabaseUrl::parse(testkit::postgresServerUrl()).value(), QStringLiteral("admin"));
        QVERIFY2(admin.ok(), qPrintable(admin.error()));
        auto adminExec = [&](const QString &sql) {
            QSqlQuery q(admin.database());
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        };

        ImportRequest request;
        request.filePath = path;
        request.database = db.url();
        request.batchSize = 1000;
        request.maxRetries = 2;
        request.retryBaseMs = 10;
        ImportRunner runner(request);
        bool cut = false;
        runner.setCheckpointCallback([&](const ImportCheckpoint &) {
            if (cut)
                return;
            cut = true;
            adminExec(QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS false").arg(name));
            adminExec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'")
                          .arg(name));
        });
        const ImportReport broken = runner.run();
        adminExec(QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS true").arg(name));
        QCOMPARE(broken.counts.rowsLoaded, 1000);
        QCOMPARE(broken.counts.skippedByReason.value(QStringLiteral("not_loaded")), 3000);
        QCOMPARE(broken.exitCode(), 3);
        QVERIFY(broken.rejects.value(0).message.startsWith(QStringLiteral("the database refused the batch: ")));
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 1000);

        request.maxRetries = 3;
        const ImportReport rerun = ImportRunner(request).run();
        QCOMPARE(rerun.counts.rowsLoaded, 3000);
        QCOMPARE(rerun.counts.skippedByReason.value(QStringLiteral("duplicate_in_database")), 1000);
        QCOMPARE(scalar(db.url(), QStringLiteral("SELECT count(*) FROM profiles")), 4000);
    }

    // A dropped connection that comes back is retried transparently.
    void reconnectsAfterTerminatedConnection()
    {
        testkit::PostgresTestDatabase db;
        INSIGHTA_REQUIRE_DB(db);
        const QString path = write(kHeader + rows(0, 3000));
        Connection admin(DatabaseUrl::parse(testkit::postgresServerUrl()).value(), QStringLiteral("admin"));
        QVERIFY(admin.ok());
        ImportRequest request;
        request.filePath = path;
        request.database = db.url();
        request.batchSize = 1000;
        request.retryBaseMs = 10;
        ImportRunner runner(request);
        bool cut = false;
        runner.setCheckpointCallback([&](const ImportCheckpoint &) {
            if (cut)
                return;
            cut = true;
            QSqlQuery q(admin.database());
            QVERIFY(q.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'")
                               .arg(db.url().database)));
        });
        const ImportReport report = runner.run();
        QCOMPARE(report.status, ImportStatus::Completed);
        QCOMPARE(report.counts.rowsLoaded, 3000);
        QCOMPARE(report.exitCode(), 0);
    }

    void cliImportJson()
    {
        testkit::SqliteTestDatabase db;
        INSIGHTA_REQUIRE_DB(db);
        {
            Connection created(db.url()); // `import` refuses a workspace that does not exist yet
            QVERIFY2(created.ok(), qPrintable(created.error()));
        }
        const QString path = write(kHeader + rows(0, 10) + "Bad,robot,0.9,30,,NG,,0.5\n");
        QString out, err;
        QTextStream o(&out), e(&err);
        cli::Io io{o, e};
        const int code = cli::runCli({QStringLiteral("insighta"), QStringLiteral("import"), path,
                                      QStringLiteral("--database"), db.url().toString(), QStringLiteral("--json")},
                                     io);
        o.flush();
        QCOMPARE(code, 1);
        const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("rows_loaded")).toInt(), 10);
        QCOMPARE(json.value(QStringLiteral("rows_skipped")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        // An unreachable database: exit 3.
        const int down
            = cli::runCli({QStringLiteral("insighta"), QStringLiteral("import"), path, QStringLiteral("--database"),
                           QStringLiteral("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")},
                          io);
        QCOMPARE(down, 3);
    }
};

QTEST_GUILESS_MAIN(TestImportDatabase)
#include "tst_import_database.moc"
