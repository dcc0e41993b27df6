#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

namespace insighta::testkit {

// A primary and a hot standby streaming from it, on loopback, for one test
// (tests/pg/pg_replica.sh: initdb, pg_basebackup -R, streaming). Both servers stop in the
// destructor, whatever the test did; a test that dies before it leaves them to CTest's
// "postgres_replicas" cleanup. The database "insighta" exists on both.
class ReplicaCluster
{
public:
    ReplicaCluster();
    ~ReplicaCluster();
    ReplicaCluster(const ReplicaCluster &) = delete;
    ReplicaCluster &operator=(const ReplicaCluster &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    DatabaseUrl primaryUrl() const { return m_primary; }
    DatabaseUrl standbyUrl() const { return m_standby; }
    // postgresql://postgres@127.0.0.1:PRIMARY,127.0.0.1:STANDBY/insighta
    DatabaseUrl bothUrl() const;

    // Waits (bounded) until the standby has replayed everything the primary committed so far.
    Status waitForStandby();

    // The primary stops at once, as in a crash (pg_ctl -m immediate).
    Status stopPrimaryImmediately();
    // The standby becomes the primary (pg_ctl promote -w).
    Status promoteStandby();

private:
    Status run(const QString &action);

    QTemporaryDir m_dir;
    QString m_clusterDir;
    DatabaseUrl m_primary;
    DatabaseUrl m_standby;
    QString m_error;
};

} // namespace insighta::testkit
