// Import jobs on a shared database: a job inserted by someone else with plain SQL must not make
// this machine read one of its files, write over one, or run a file that lives elsewhere.
#include "core/db/Connection.h"
#include "core/db/Dialect.h"
#include "core/jobs/JobQueue.h"
#include "core/jobs/JobTrust.h"
#include "core/jobs/handlers/ImportJobHandler.h"
#include "tests/testkit/TestDatabases.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::jobs;
using namespace std::chrono_literals;

class TestJobTrust : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusesHostileJobs_data();
    void refusesHostileJobs();
    void otherMachinesJobsAreNotClaimed_data();
    void otherMachinesJobsAreNotClaimed();
    void runsItsOwnSignedJob_data();
    void runsItsOwnSignedJob();
    void refusesFilesOutsideSharedFolders();
};

namespace {

QByteArray digestOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The attacker's insert: no JobQueue, just SQL any user of the shared database can run.
qint64 insertBySql(const Connection &connection, const QJsonObject &payload, const QVariant &host)
{
    const QString now = dialect::nowExpression(connection.kind());
    QSqlQuery q(connection.database());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, priority, state, run_at, max_attempts, created_at, "
                             "updated_at, host) VALUES ('import', ?, 0, 'available', %1, 4, %1, %1, ?) RETURNING id")
                  .arg(now));
    q.addBindValue(json(payload));
    q.addBindValue(host);
    if (!q.exec() || !q.next()) {
        qWarning() << q.lastError().text();
        return 0;
    }
    return q.value(0).toLongLong();
}

int countImports(const Connection &connection)
{
    QSqlQuery q(connection.database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM imports")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

void TestJobTrust::initTestCase()
{
    // The signing key lives in the data folder: keep the test's away from the real one.
    QStandardPaths::setTestModeEnabled(true);
}

void TestJobTrust::refusesHostileJobs_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("attack");
    for (const char *backend : {"sqlite", "postgres"}) {
        for (const char *attack : {"no host", "this host, unsigned", "this host, forged signature",
                                   "signed job, file swapped", "signed job, rejects added", "relative path"}) {
            QTest::addRow("%s: %s", backend, attack) << QString::fromLatin1(backend) << QString::fromLatin1(attack);
        }
    }
}

void TestJobTrust::refusesHostileJobs()
{
    QFETCH(QString, backend);
    QFETCH(QString, attack);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));

    // The victim's files: a private one the attacker wants to read (its first line would be
    // echoed as a header, its other lines as rejected rows), one they want truncated.
    QTemporaryDir dir;
    const QString secret = dir.filePath(QStringLiteral("secret.txt"));
    writeFile(secret, "ssh-private-key-line-1\nline-2,with,commas\n");
    const QString precious = dir.filePath(QStringLiteral("thesis.txt"));
    writeFile(precious, "three years of work\n");
    const QByteArray preciousDigest = digestOf(precious);
    const QString harmless = dir.filePath(QStringLiteral("people.csv"));
    writeFile(harmless, "name,gender,age,country_id\nAda Obi,female,30,NG\n");

    QJsonObject payload{{QStringLiteral("file"), secret}, {QStringLiteral("rejects"), precious}};
    QVariant host = localHostName();
    if (attack == QLatin1String("no host")) {
        host = QVariant(QMetaType::fromType<QString>());
    } else if (attack == QLatin1String("this host, forged signature")) {
        payload.insert(signatureKey(), QString(64, QLatin1Char('a')));
    } else if (attack == QLatin1String("signed job, file swapped")) {
        // A legitimate job of this machine, copied with another file.
        ImportRequest request;
        request.filePath = harmless;
        payload = ImportJobHandler::specFor(request).payload;
        payload.insert(QStringLiteral("file"), secret);
    } else if (attack == QLatin1String("signed job, rejects added")) {
        ImportRequest request;
        request.filePath = harmless;
        payload = ImportJobHandler::specFor(request).payload;
        payload.insert(QStringLiteral("rejects"), precious);
    } else if (attack == QLatin1String("relative path")) {
        payload = signedPayload(ImportJobHandler::kind(), localHostName(),
                                QJsonObject{{QStringLiteral("file"), QStringLiteral("../secret.txt")}});
    }
    const qint64 id = insertBySql(connection, payload, host);
    QVERIFY(id > 0);

    JobQueue queue(connection.database(), connection.kind());
    auto claimed = queue.claim(QStringLiteral("victim"), {ImportJobHandler::kind()}, 30s);
    QVERIFY2(claimed.ok(), qPrintable(claimed.error()));
    QVERIFY(claimed.value().has_value());
    QCOMPARE(claimed.value()->job.id, id);
    JobContext context(queue, *claimed.value(), 30s);
    ImportJobHandler handler(db.url());
    const JobOutcome outcome = handler.run(context);

    QCOMPARE(outcome.kind, JobOutcome::Kind::FinalError);
    QVERIFY2(outcome.message.startsWith(QStringLiteral("refused:")), qPrintable(outcome.message));
    QVERIFY2(!outcome.message.contains(QStringLiteral("ssh-private-key")), qPrintable(outcome.message));
    QCOMPARE(countImports(connection), 0); // no imports row, so no report_json with the file's lines
    QCOMPARE(digestOf(precious), preciousDigest);
    QVERIFY(!QFile::exists(ImportJobHandler::rejectsPathFor(id)));
}

void TestJobTrust::otherMachinesJobsAreNotClaimed_data()
{
    testkit::addDatabaseColumns();
    testkit::addDatabaseRows();
}

void TestJobTrust::otherMachinesJobsAreNotClaimed()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    JobQueue queue(connection.database(), connection.kind());

    // Filed on this machine, for this machine.
    ImportRequest request;
    request.filePath = QStringLiteral("/data/people.csv");
    const qint64 id = queue.enqueue(ImportJobHandler::specFor(request)).value().id;
    QCOMPARE(queue.get(id).value()->host, localHostName());

    // Another machine's worker passes over it (and its next-run look-up does not wake for it)...
    JobQueue elsewhere(connection.database(), connection.kind());
    elsewhere.setHost(QStringLiteral("another-machine"));
    auto none = elsewhere.claim(QStringLiteral("b"), {}, 30s);
    QVERIFY2(none.ok(), qPrintable(none.error()));
    QVERIFY(!none.value().has_value());
    QVERIFY(!elsewhere.nextRunAt({}).value().has_value());
    // ...while a job for any machine is still shared.
    JobSpec anywhere;
    anywhere.kind = QStringLiteral("noop");
    const qint64 shared = queue.enqueue(anywhere).value().id;
    auto taken = elsewhere.claim(QStringLiteral("b"), {}, 30s);
    QVERIFY(taken.ok() && taken.value().has_value());
    QCOMPARE(taken.value()->job.id, shared);
    // The machine it was filed on claims it.
    auto mine = queue.claim(QStringLiteral("a"), {}, 30s);
    QVERIFY(mine.ok() && mine.value().has_value());
    QCOMPARE(mine.value()->job.id, id);
}

void TestJobTrust::runsItsOwnSignedJob_data()
{
    testkit::addDatabaseColumns();
    testkit::addDatabaseRows();
}

void TestJobTrust::runsItsOwnSignedJob()
{
    QFETCH(QString, backend);
    testkit::AnyTestDatabase db(backend);
    INSIGHTA_REQUIRE_DB(db);
    Connection connection(db.url());
    QVERIFY2(connection.ok(), qPrintable(connection.error()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("people.csv"));
    writeFile(path, "name,gender,age,country_id\nAda Obi,female,30,NG\nBad Row,robot,30,NG\n");
    JobQueue queue(connection.database(), connection.kind());
    ImportRequest request;
    request.filePath = path;
    request.batchSize = 50;
    request.rejectsPath = dir.filePath(QStringLiteral("ignored.csv")); // never travels in the payload
    const JobSpec spec = ImportJobHandler::specFor(request);
    QVERIFY(!spec.payload.contains(QStringLiteral("rejects")));
    const qint64 id = queue.enqueue(spec).value().id;
    auto claimed = queue.claim(QStringLiteral("w"), {}, 30s);
    QVERIFY(claimed.ok() && claimed.value().has_value());
    JobContext context(queue, *claimed.value(), 30s);
    const JobOutcome outcome = ImportJobHandler(db.url()).run(context);
    QVERIFY2(outcome.kind == JobOutcome::Kind::Success, qPrintable(outcome.message));
    QCOMPARE(outcome.result.value(QStringLiteral("rows_loaded")).toInt(), 1);
    // The rejected row went to the worker's own folder, owner-only.
    const QString rejects = ImportJobHandler::rejectsPathFor(id);
    QVERIFY(QFile::exists(rejects));
    QVERIFY(!QFile::exists(request.rejectsPath));
    QCOMPARE(QFileInfo(QFileInfo(rejects).absolutePath()).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    QFile::remove(rejects);
}

void TestJobTrust::refusesFilesOutsideSharedFolders()
{
    testkit::SqliteTestDatabase db;
    INSIGHTA_REQUIRE_DB(db);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("drop")));
    const QString inside = dir.filePath(QStringLiteral("drop/people.csv"));
    const QString outside = dir.filePath(QStringLiteral("people.csv"));
    writeFile(inside, "name,gender,age,country_id\n");
    writeFile(outside, "name,gender,age,country_id\n");
    // A link inside the shared folder that leads out of it is outside too.
    const QString link = dir.filePath(QStringLiteral("drop/link.csv"));
    QVERIFY(QFile::link(outside, link));
    const QStringList shared{dir.filePath(QStringLiteral("drop"))};
    auto recordFor = [](const QString &file) {
        ImportRequest request;
        request.filePath = file;
        const JobSpec spec = ImportJobHandler::specFor(request);
        JobRecord job;
        job.id = 1;
        job.kind = spec.kind;
        job.host = spec.host;
        job.payload = spec.payload;
        return job;
    };
    QVERIFY(ImportJobHandler::checkedRequest(recordFor(inside), db.url(), shared).ok());
    QVERIFY(!ImportJobHandler::checkedRequest(recordFor(outside), db.url(), shared).ok());
    QVERIFY(!ImportJobHandler::checkedRequest(recordFor(link), db.url(), shared).ok());
    QVERIFY(!ImportJobHandler::checkedRequest(recordFor(dir.filePath(QStringLiteral("drop/../people.csv"))), db.url(),
                                              shared)
                 .ok());
}

QTEST_GUILESS_MAIN(TestJobTrust)
#include "tst_job_trust.moc"
