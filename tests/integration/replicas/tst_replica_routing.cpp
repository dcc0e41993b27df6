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
    void readYourWritesWaitsForReplayThenFallsBack();
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

void TestReplicaRouting::readYourWritesWaitsForReplayThenFallsBack()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    {
        Connection primary(cluster.primaryUrl());
        QVERIFY2(primary.ok(), qPrintable(primary.error()));
    }
    const Status caughtUp = cluster.waitForStandby();
    QVERIFY2(caughtUp.ok(), qPrintable(caughtUp.error()));
    Connection primary(cluster.primaryUrl(), QStringLiteral("writer"));
    Connection standby(cluster.standbyUrl(), QStringLiteral("search"));
    QVERIFY2(primary.ok() && standby.ok(), qPrintable(primary.error() + standby.error()));
    QSqlQuery onStandby(standby.database());
    // A paused standby was seen to apply the next write anyway on a loaded machine. Cutting its
    // WAL stream first (while replay runs, so the change is read at once) makes the lag certain:
    // nothing written from here on reaches it until the stream is restored below.
    QVERIFY(onStandby.exec(QStringLiteral("SHOW primary_conninfo")) && onStandby.next());
    const QString conninfo = onStandby.value(0).toString();
    QVERIFY(!conninfo.isEmpty());
    const auto setConninfo = [&onStandby](const QString &value) {
        const QString literal = QString(value).replace(QLatin1Char('\''), QStringLiteral("''"));
        return onStandby.exec(QStringLiteral("ALTER SYSTEM SET primary_conninfo = '%1'").arg(literal))
            && onStandby.exec(QStringLiteral("SELECT pg_reload_conf()"));
    };
    const auto receivers = [&onStandby] {
        return onStandby.exec(QStringLiteral("SELECT count(*) FROM pg_stat_wal_receiver")) && onStandby.next()
            ? onStandby.value(0).toInt()
            : -1;
    };
    QVERIFY(setConninfo(QString()));
    QTRY_COMPARE_WITH_TIMEOUT(receivers(), 0, 30'000);
    QVERIFY(onStandby.exec(QStringLiteral("SELECT pg_wal_replay_pause()")));
    // The pause is a request the startup process honours at its next check.
    const auto pauseState = [&onStandby] {
        return onStandby.exec(QStringLiteral("SELECT pg_get_wal_replay_pause_state()")) && onStandby.next()
            ? onStandby.value(0).toString()
            : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(pauseState(), QStringLiteral("paused"), 30'000);

    QSqlQuery write(primary.database());
    QVERIFY(write.exec(QStringLiteral("CREATE TABLE lag_probe (n int)")));
    QVERIFY(write.exec(QStringLiteral("INSERT INTO lag_probe VALUES (1)")));
    const auto lsn = replication::currentWalLsn(primary.database());
    QVERIFY2(lsn.ok(), qPrintable(lsn.error()));
    QCOMPARE(replication::hasReplayed(primary.database(), lsn.value()).value(), true); // a primary sees its own

    // Paused: the bounded wait gives up, and the caller reads from the primary instead.
    QVERIFY(!replication::waitForReplay(standby.database(), lsn.value(), 200));
    QVERIFY(!onStandby.exec(QStringLiteral("SELECT n FROM lag_probe"))); // the standby has not seen it

    QVERIFY(setConninfo(conninfo));
    QVERIFY(onStandby.exec(QStringLiteral("SELECT pg_wal_replay_resume()")));
    QVERIFY(replication::waitForReplay(standby.database(), lsn.value(), 30'000));
    QVERIFY(onStandby.exec(QStringLiteral("SELECT n FROM lag_probe")) && onStandby.next());
    QCOMPARE(onStandby.value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestReplicaRouting)
#include "tst_replica_routing.moc"
