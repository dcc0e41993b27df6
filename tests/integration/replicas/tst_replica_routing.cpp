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

} // namespace

class TestReplicaRouting : public QObject
{
    Q_OBJECT
private slots:
    void readsGoToTheStandbyAndWritesToThePrimary();
    void readsCarryOnWhenThePrimaryIsGoneAndWritesFollowThePromotion();
    void eachSideNamesTheServerItReached();
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

#include "tst_replica_routing.moc"
