#include "core/db/Connection.h"
#include "core/db/Replication.h"
#include "models/search/SearchService.h"
#include "tests/testkit/ReplicaCluster.h"
#include "tests/testkit/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace insighta;

namespace {

// pg_is_in_recovery() of a fresh connection to url: true on a standby, false on a primary;
// an error text when no server matched.
Result<bool> inRecovery(const DatabaseUrl &url)
{
    Connection connection(url, QStringLiteral("probe"));
    if (!connection.ok())
        return Error{connection.error()};
    QSqlQuery query(connection.database());
    if (!query.exec(QStringLiteral("SELECT pg_is_in_recovery()")) || !query.next())
        return Error{describeSqlError(connection.database())};
    return query.value(0).toBool();
}

// Adds `rows` profiles on the primary, as an import's commit would.
Status addProfiles(const DatabaseUrl &primaryUrl, int rows, int from)
{
    Connection primary(primaryUrl, QStringLiteral("writer"));
    if (!primary.ok())
        return Error{primary.error()};
    QSqlQuery query(primary.database());
    query.prepare(QStringLiteral(
        "INSERT INTO profiles (id, name, name_key, gender, gender_probability, age, age_group, country_id, "
        "country_name, country_probability) SELECT gen_random_uuid(), 'Lag ' || i, 'lag ' || i, 'female', 0.9, 30, "
        "'adult', 'NG', 'Nigeria', 0.8 FROM generate_series(?::int, ?::int) AS i"));
    query.addBindValue(from);
    query.addBindValue(from + rows - 1);
    if (!query.exec())
        return Error{describeSqlError(primary.database())};
    return success();
}

// One search's count and the server that answered it.
struct Answer
{
    qint64 count = -1;
    QString server;
};

Answer countNow(SearchService &service)
{
    service.invalidateCache(); // a real query each time, not the last answer again
    QSignalSpy count(&service, &SearchService::countReady);
    service.search(ProfileFilter{});
    if (!count.wait(20000))
        return {};
    return {count.at(0).at(0).toLongLong(), service.server()};
}

} // namespace

class TestReplicaRouting : public QObject
{
    Q_OBJECT
private slots:
    void readsGoToTheStandbyAndWritesToThePrimary();
    void readsCarryOnWhenThePrimaryIsGoneAndWritesFollowThePromotion();
    void eachSideNamesTheServerItReached();
    void searchesAfterAnImportWaitForTheStandbyThenAskThePrimary();
};

void TestReplicaRouting::readsGoToTheStandbyAndWritesToThePrimary()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    // The primary migrates; the standby receives the schema by streaming.
    {
        Connection primary(cluster.primaryUrl());
        QVERIFY2(primary.ok(), qPrintable(primary.error()));
    }
    const Status caughtUp = cluster.waitForStandby();
    QVERIFY2(caughtUp.ok(), qPrintable(caughtUp.error()));
    const DatabaseUrl both = cluster.bothUrl();
    QVERIFY(both.isMultiHost());
    // The primary is listed first, so prefer-standby has to pass it over.
    const auto read = inRecovery(both.forReads());
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QVERIFY(read.value());
    // The standby listed first: read-write has to pass it over.
    DatabaseUrl standbyFirst = cluster.standbyUrl();
    standbyFirst.moreHosts = {DatabaseHost{cluster.primaryUrl().host, cluster.primaryUrl().port}};
    const auto write = inRecovery(standbyFirst.forWrites());
    QVERIFY2(write.ok(), qPrintable(write.error()));
    QVERIFY(!write.value());
    // Opening on the standby never tried to migrate (that would fail: read-only).
    Connection onStandby(cluster.standbyUrl(), QStringLiteral("search"));
    QVERIFY2(onStandby.ok(), qPrintable(onStandby.error()));
}

void TestReplicaRouting::readsCarryOnWhenThePrimaryIsGoneAndWritesFollowThePromotion()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    {
        Connection primary(cluster.primaryUrl());
        QVERIFY2(primary.ok(), qPrintable(primary.error()));
    }
    const Status caughtUp = cluster.waitForStandby();
    QVERIFY2(caughtUp.ok(), qPrintable(caughtUp.error()));
    const DatabaseUrl both = cluster.bothUrl();
    QVERIFY2(cluster.stopPrimaryImmediately().ok(), "the primary did not stop");

    const auto read = inRecovery(both.forReads());
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QVERIFY(read.value());
    const auto refused = inRecovery(both.forWrites());
    QVERIFY(!refused.ok()); // no server takes writes: the error says so instead of writing nowhere

    QVERIFY2(cluster.promoteStandby().ok(), "the standby was not promoted");
    const auto write = inRecovery(both.forWrites());
    QVERIFY2(write.ok(), qPrintable(write.error()));
    QVERIFY(!write.value());
}

QTEST_GUILESS_MAIN(TestReplicaRouting)
// What the status bar shows: the server each connection really reached, from libpq and
// pg_is_in_recovery(), not the URL's first host.
void TestReplicaRouting::eachSideNamesTheServerItReached()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    {
        Connection primary(cluster.primaryUrl());
        QVERIFY2(primary.ok(), qPrintable(primary.error()));
    }
    QVERIFY2(cluster.waitForStandby().ok(), "the standby did not catch up");
    const DatabaseUrl both = cluster.bothUrl();
    const QString standbyPort = QString::number(cluster.standbyUrl().port);
    const QString primaryPort = QString::number(cluster.primaryUrl().port);
    QVERIFY(standbyPort != primaryPort);

    Connection writes(both.forWrites(), QStringLiteral("writes"));
    QVERIFY2(writes.ok(), qPrintable(writes.error()));
    const replication::ServerIdentity primary = replication::serverIdentity(writes.database());
    QVERIFY(primary.known);
    QVERIFY(!primary.standby);
    QCOMPARE(primary.port, primaryPort);
    QCOMPARE(replication::describe(primary), QStringLiteral("%1:%2 (primary)").arg(primary.host, primaryPort));

    // The search service, on the read URL, says it runs on the standby once it has connected.
    SearchService service;
    QSignalSpy server(&service, &SearchService::serverChanged);
    QSignalSpy count(&service, &SearchService::countReady);
    service.setDatabase(both.forReads());
    service.search(ProfileFilter{});
    QVERIFY(count.wait(20000));
    QCOMPARE(server.count(), 1);
    QCOMPARE(server.at(0).at(0).toString(),
             QStringLiteral("%1:%2 (standby)").arg(cluster.standbyUrl().host, standbyPort));
}

// Read-your-writes: with the standby's replay paused, the refresh after an import waits (a short
// bound here) and then reads from the primary, so it sees the new rows; once the standby has
// replayed them, it answers again.
void TestReplicaRouting::searchesAfterAnImportWaitForTheStandbyThenAskThePrimary()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    QVERIFY2(addProfiles(cluster.primaryUrl(), 10, 1).ok(), "cannot add profiles on the primary");
    QVERIFY2(cluster.waitForStandby().ok(), "the standby did not catch up");
    const QString standby
        = QStringLiteral("%1:%2 (standby)").arg(cluster.standbyUrl().host).arg(cluster.standbyUrl().port);
    const QString primary
        = QStringLiteral("%1:%2 (primary)").arg(cluster.primaryUrl().host).arg(cluster.primaryUrl().port);

    SearchService service;
    service.setReplayWaitMs(300);
    service.setDatabase(cluster.bothUrl().forReads());
    Answer before = countNow(service);
    QCOMPARE(before.count, qint64(10));
    QCOMPARE(before.server, standby);

    Connection onStandby(cluster.standbyUrl(), QStringLiteral("pause"));
    QVERIFY2(onStandby.ok(), qPrintable(onStandby.error()));
    QSqlQuery pause(onStandby.database());
    QVERIFY2(pause.exec(QStringLiteral("SELECT pg_wal_replay_pause()")),
             qPrintable(describeSqlError(onStandby.database())));
    QVERIFY2(addProfiles(cluster.primaryUrl(), 5, 11).ok(), "cannot add profiles on the primary");

    // Without word of the write the standby answers, and it has not seen the rows.
    Answer stale = countNow(service);
    QCOMPARE(stale.count, qint64(10));
    // After it, the search waits for the standby, gives up, and the primary answers.
    service.noteWrite();
    Answer fresh = countNow(service);
    QCOMPARE(fresh.count, qint64(15));
    QCOMPARE(fresh.server, primary);

    QSqlQuery resume(onStandby.database());
    QVERIFY2(resume.exec(QStringLiteral("SELECT pg_wal_replay_resume()")),
             qPrintable(describeSqlError(onStandby.database())));
    QVERIFY2(cluster.waitForStandby().ok(), "the standby did not catch up after the resume");
    Answer caughtUp = countNow(service);
    QCOMPARE(caughtUp.count, qint64(15));
    QCOMPARE(caughtUp.server, standby);
}

#include "tst_replica_routing.moc"
