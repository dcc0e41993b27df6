#include "tests/testkit/ReplicaCluster.h"

#include "core/db/Connection.h"
#include "core/db/Replication.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>

namespace insighta::testkit {

namespace {

QString replicaScript()
{
    return qEnvironmentVariable("INSIGHTA_TEST_PG_SCRIPTS") + QStringLiteral("/pg_replica.sh");
}

// Under the build's replica root when CTest set one (its cleanup stops what a dead test left),
// else the system temporary folder.
QString replicaRoot()
{
    const QString root = qEnvironmentVariable("INSIGHTA_TEST_REPLICA_ROOT");
    if (root.isEmpty())
        return QDir::tempPath();
    QDir().mkpath(root);
    return root;
}

DatabaseUrl loopbackUrl(const QString &portFile)
{
    QFile file(portFile);
    const int port = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed().toInt() : 0;
    return DatabaseUrl::parse(QStringLiteral("postgresql://postgres@127.0.0.1:%1/insighta").arg(port)).value();
}

} // namespace

ReplicaCluster::ReplicaCluster()
    : m_dir(replicaRoot() + QStringLiteral("/replica-XXXXXX"))
{
    if (!m_dir.isValid()) {
        m_error = m_dir.errorString();
        return;
    }
    m_clusterDir = m_dir.filePath(QStringLiteral("cluster"));
    if (const Status started = run(QStringLiteral("start")); !started.ok()) {
        m_error = started.error();
        return;
    }
    m_primary = loopbackUrl(m_clusterDir + QStringLiteral("/primary_port"));
    m_standby = loopbackUrl(m_clusterDir + QStringLiteral("/standby_port"));
    // Created on the primary; the standby replays it. Tests wait for it there themselves.
    DatabaseUrl admin = m_primary;
    admin.database = QStringLiteral("postgres");
    const QString name = QStringLiteral("testkit-replica-admin");
    {
        auto db = openDatabase(admin, name);
        if (!db.ok()) {
            m_error = db.error();
        } else {
            QSqlQuery query(db.value());
            if (!query.exec(QStringLiteral("CREATE DATABASE insighta")))
                m_error = describeSqlError(db.value());
            db.value().close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

ReplicaCluster::~ReplicaCluster()
{
    if (!m_clusterDir.isEmpty())
        run(QStringLiteral("stop"));
}

DatabaseUrl ReplicaCluster::bothUrl() const
{
    DatabaseUrl url = m_primary;
    url.moreHosts = {DatabaseHost{m_standby.host, m_standby.port}};
    return url;
}

Status ReplicaCluster::waitForStandby()
{
    // On the postgres database: "insighta" itself may not have reached the standby yet.
    DatabaseUrl primaryAdmin = m_primary;
    DatabaseUrl standbyAdmin = m_standby;
    primaryAdmin.database = standbyAdmin.database = QStringLiteral("postgres");
    Status result = success();
    {
        auto primary = openDatabase(primaryAdmin, QStringLiteral("testkit-replica-primary"));
        auto standby = openDatabase(standbyAdmin, QStringLiteral("testkit-replica-standby"));
        if (!primary.ok() || !standby.ok()) {
            result = Error{primary.ok() ? standby.error() : primary.error()};
        } else {
            const auto lsn = replication::currentWalLsn(primary.value());
            if (!lsn.ok())
                result = Error{lsn.error()};
            else if (!replication::waitForReplay(standby.value(), lsn.value(), 30'000))
                result = Error{QStringLiteral("The standby did not replay %1 within 30 s.").arg(lsn.value())};
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("testkit-replica-primary"));
    QSqlDatabase::removeDatabase(QStringLiteral("testkit-replica-standby"));
    return result;
}

Status ReplicaCluster::stopPrimaryImmediately()
{
    return run(QStringLiteral("stop-primary"));
}

Status ReplicaCluster::promoteStandby()
{
    return run(QStringLiteral("promote"));
}

Status ReplicaCluster::run(const QString &action)
{
    QProcess process;
    process.start(replicaScript(), {action, m_clusterDir});
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error{QStringLiteral("pg_replica.sh %1 failed: %2 %3")
                         .arg(action, process.errorString(), QString::fromUtf8(process.readAllStandardError()))};
    return success();
}

} // namespace insighta::testkit
