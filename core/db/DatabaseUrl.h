#pragma once

#include "core/common/Result.h"

#include <QMap>
#include <QMetaType>
#include <QString>

namespace insighta {

enum class DatabaseKind { Sqlite, Postgres };

// One server of a PostgreSQL URL.
struct DatabaseHost
{
    QString host;
    int port = 5432;
    bool operator==(const DatabaseHost &) const = default;
};

// A database location, parsed from a libpq-style URL or a sqlite:/// URL:
//   postgresql://user@host:5432/dbname?sslmode=verify-full
//   postgresql://user@db1:5432,db2:5432/dbname?target_session_attrs=read-write   (libpq tries each)
//   sqlite:///absolute/path/workspace.db
// Passwords never travel in URLs: a password in the URL is refused, so it cannot end up in
// settings, shell history or logs. They come from the keychain, PGPASSWORD or ~/.pgpass.
struct DatabaseUrl
{
    DatabaseKind kind = DatabaseKind::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL: the first (or only) server
    int port = 5432; // PostgreSQL: its port
    QList<DatabaseHost> moreHosts; // PostgreSQL: the other servers of a multi-host URL, in order
    QString user; // PostgreSQL
    QString database; // PostgreSQL
    QMap<QString, QString> options; // sslmode, connect_timeout, application_name, ...

    static Result<DatabaseUrl> parse(const QString &input);
    static DatabaseUrl sqliteFile(const QString &path);

    // Every server, the first one first; isMultiHost() when there is more than one.
    QList<DatabaseHost> hosts() const;
    bool isMultiHost() const { return !moreHosts.isEmpty(); }
    // "db1:5432,db2:5433", as libpq and the status bar spell the server list.
    QString hostList() const;
    // The URL for work that writes (imports, jobs, migrations): with several servers, libpq
    // must pick the one that accepts writes (target_session_attrs=read-write). One server is
    // returned as it is.
    DatabaseUrl forWrites() const;
    // The URL for searches that may run on a hot standby: with several servers, libpq prefers
    // a standby and takes the primary when no standby answers (prefer-standby, libpq 14+).
    DatabaseUrl forReads() const;

    // The canonical URL text (no password, ever).
    QString toString() const;
    // What the status bar shows: "SQLite workspace ~/…/workspace.db" or "PostgreSQL insighta@db:5432/insighta".
    QString displayName() const;
    // libpq connect options for QSqlDatabase::setConnectOptions (PostgreSQL only), including
    // the sslmode of effectiveSslMode().
    QString qtConnectOptions() const;

    // A Unix socket or a loopback host (no network between us and the server).
    bool isLocalHost() const;
    // The sslmode in force: the URL's, else "require" for a remote host, "prefer" (libpq's
    // default) for a local one.
    QString effectiveSslMode() const;
    // A warning for a remote host whose mode may send data in clear (disable, allow, prefer);
    // empty when there is nothing to warn about.
    QString tlsWarning() const;
    // For the connection indicator: "TLS, server verified", "TLS, server not verified",
    // "not encrypted"; empty for SQLite and local servers.
    QString tlsSummary() const;

    bool operator==(const DatabaseUrl &) const = default;
};

// `text` with any password in its userinfo or a password= option replaced by "***": for
// messages about a URL that did not parse.
QString redactUrlPassword(const QString &text);

// For commands that must not create a workspace (everything but `demo`, `db migrate` and the
// window's first start): an error when the SQLite file does not exist. PostgreSQL always passes.
Status requireExistingWorkspace(const DatabaseUrl &url);

// The embedded default: workspace.db under QStandardPaths::AppDataLocation, unless
// INSIGHTA_WORKSPACE points elsewhere.
QString defaultWorkspacePath();

// INSIGHTA_DATABASE_URL when set, else the embedded workspace.
Result<DatabaseUrl> defaultDatabaseUrl();

} // namespace insighta

Q_DECLARE_METATYPE(insighta::DatabaseUrl)
