#include "core/db/Connection.h"

#include "core/common/Logging.h"
#include "core/common/PrivateFiles.h"
#include "core/db/Migrator.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <libpq-fe.h>

namespace insighta {

namespace {

QMutex &credentialsMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, QString> &passwords()
{
    static QHash<QString, QString> map;
    return map;
}

QString uniqueConnectionName(const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("insighta-%1-%2-%3")
        .arg(purpose)
        .arg(quintptr(QThread::currentThreadId()))
        .arg(counter.fetchAndAddRelaxed(1));
}

// Migrations run once per process and database; later connections skip the check.
QMutex &migratedMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QString> &migratedDatabases()
{
    static QSet<QString> set;
    return set;
}

// libpq's default notice processor prints every NOTICE to stderr ("relation ... already exists,
// skipping" on each start), which lands in the output of every command. Notices are for
// developers: they go to the debug level of insighta.db.
void logNotice(void *, const char *message)
{
    qCDebug(lcDb).noquote() << "PostgreSQL:" << QString::fromUtf8(message).trimmed();
}

void routeNoticesToLog(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // The metatype is spelled "PGconn*" or, by its struct name, "pg_conn*" depending on the build.
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0)) {
        qCWarning(lcDb) << "The QPSQL driver did not expose its PGconn handle:" << handle.typeName();
        return;
    }
    if (PGconn *conn = *static_cast<PGconn *const *>(handle.data()))
        PQsetNoticeProcessor(conn, &logNotice, nullptr);
}

// The workspace holds people's profiles and interviews: owner-only. A folder we create is made
// 0700 (one that exists may be shared on purpose and keeps its mode, except the default
// workspace's own folder); a new database file is created empty with 0600 before SQLite opens
// it, and its -wal and -shm files take the same mode from it. An existing file is tightened too.
Status preparePrivateWorkspace(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    const bool ownFolder = !QFileInfo::exists(folder) || QFileInfo(defaultWorkspacePath()).absolutePath() == folder;
    if (ownFolder ? !makePrivateFolder(folder) : !QDir().mkpath(folder))
        return Error{QStringLiteral("Cannot create the folder %1 for the workspace.").arg(folder)};
    if (!info.exists()) {
        QFile file(path);
        if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly) && !info.exists())
            return Error{QStringLiteral("Cannot create the workspace %1: %2").arg(path, file.errorString())};
    }
    for (const QString &name : QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFileInfo::exists(name) && !makePrivateFile(name))
            qCWarning(lcDb).noquote() << "Cannot make" << name << "readable by its owner only.";
    }
    return success();
}

// The same servers, user and database share a password whichever side (reads, writes) the
// URL was made for.
QString credentialKey(const DatabaseUrl &url)
{
    DatabaseUrl key = url;
    key.options.remove(QStringLiteral("target_session_attrs"));
    return key.toString();
}

// A PostgreSQL server in recovery (a hot standby) takes no writes, migrations included.
bool isHotStandby(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return false;
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT pg_is_in_recovery()")) && query.next() && query.value(0).toBool();
}

} // namespace

void Credentials::setPassword(const DatabaseUrl &url, const QString &password)
{
    QMutexLocker lock(&credentialsMutex());
    passwords().insert(credentialKey(url), password);
}

QString Credentials::password(const DatabaseUrl &url)
{
    QMutexLocker lock(&credentialsMutex());
    return passwords().value(credentialKey(url));
}

QString describeSqlError(const QSqlDatabase &db)
{
    const QSqlError error = db.lastError();
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

Result<QSqlDatabase> openDatabase(const DatabaseUrl &url, const QString &connectionName)
{
    if (url.kind == DatabaseKind::Sqlite) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        if (url.path != QLatin1String(":memory:")) {
            if (const Status prepared = preparePrivateWorkspace(url.path); !prepared.ok())
                return Error{prepared.error()};
        }
        db.setDatabaseName(url.path);
        // Several threads write the same file (imports, jobs): wait for locks instead of failing.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        if (!db.open())
            return Error{QStringLiteral("Cannot open the workspace %1: %2").arg(url.path, describeSqlError(db))};
        QSqlQuery pragma(db);
        for (const char *statement : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                                      "PRAGMA temp_store=MEMORY"}) {
            if (!pragma.exec(QString::fromLatin1(statement)))
                qCWarning(lcDb) << "SQLite pragma failed:" << statement << pragma.lastError().text();
        }
        return db;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error{
            QStringLiteral("The Qt PostgreSQL driver (QPSQL) is not installed: apt-get install libqt6sql6-psql")};
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    if (url.isMultiHost()) {
        QStringList names; // libpq takes "db1,db2" for host; the ports go in the connect options
        for (const DatabaseHost &server : url.hosts())
            names << server.host;
        db.setHostName(names.join(QLatin1Char(',')));
    } else {
        db.setHostName(url.host);
        db.setPort(url.port);
    }
    db.setDatabaseName(url.database);
    db.setUserName(url.user);
    const QString password = Credentials::password(url);
    if (!password.isEmpty())
        db.setPassword(password);
    db.setConnectOptions(url.qtConnectOptions());
    if (!db.open())
        return Error{QStringLiteral("Cannot connect to %1: %2").arg(url.displayName(), describeSqlError(db))};
    routeNoticesToLog(db);
    QSqlQuery setup(db);
    if (!setup.exec(QStringLiteral("SET TIME ZONE 'UTC'")))
        qCWarning(lcDb) << "Cannot set the session time zone:" << setup.lastError().text();
    return db;
}

Connection::Connection(const DatabaseUrl &url, const QString &purpose)
    : m_url(url)
    , m_name(uniqueConnectionName(purpose))
{
    auto opened = openDatabase(url, m_name);
    if (!opened.ok()) {
        m_error = opened.error();
        qCWarning(lcDb).noquote() << m_error;
        return;
    }
    if (isHotStandby(opened.value()))
        return; // read-only: the primary migrates, and the standby replays its schema
    const QString key = url.toString();
    {
        QMutexLocker lock(&migratedMutex());
        if (migratedDatabases().contains(key))
            return;
    }
    const Status migrated = Migrator(opened.value(), url.kind).migrate();
    if (!migrated.ok()) {
        m_error = migrated.error();
        qCWarning(lcDb).noquote() << m_error;
        return;
    }
    QMutexLocker lock(&migratedMutex());
    migratedDatabases().insert(key);
}

Connection::~Connection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase Connection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

} // namespace insighta
