#include "core/db/Connection.h"
#include "core/db/Replication.h"
#include "tests/testkit/ReplicaCluster.h"
#include "tests/testkit/TestDatabases.h"

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
#include "tst_replica_routing.moc"
