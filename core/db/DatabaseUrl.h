#pragma once

#include "core/common/Result.h"

#include <QMap>
#include <QMetaType>
#include <QString>

namespace insighta {

enum class DatabaseKind { Sqlite, Postgres };

// A database location, parsed from a libpq-style URL or a sqlite:/// URL:
//   postgresql://user@host:5432/dbname?sslmode=verify-full
//   sqlite:///absolute/path/workspace.db
// Passwords never travel in URLs: a password in the URL is refused, so it cannot end up in
// settings, shell history or logs. They come from the keychain, PGPASSWORD or ~/.pgpass.
struct DatabaseUrl
{
    DatabaseKind kind = DatabaseKind::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL
    int port = 5432; // PostgreSQL
    QString user; // PostgreSQL
    QString database; // PostgreSQL
    QMap<QString, QString> options; // sslmode, connect_timeout, application_name, ...

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqliteFile(const QString &path);

    // The canonical URL text (no password, ever).
    QString toString() const;
    // What the status bar shows: "SQLite workspace ~/…/workspace.db" or "PostgreSQL insighta@db:5432/insighta".
    QString displayName() const;
    // libpq connect options for QSqlDatabase::setConnectOptions (PostgreSQL only).
    QString qtConnectOptions() const;

    bool operator==(const DatabaseUrl &) const = default;
};

// The embedded default: workspace.db under QStandardPaths::AppDataLocation, unless
// INSIGHTA_WORKSPACE points elsewhere.
QString defaultWorkspacePath();

// INSIGHTA_DATABASE_URL when set, else the embedded workspace.
Result<DatabaseUrl> defaultDatabaseUrl();

} // namespace insighta

Q_DECLARE_METATYPE(insighta::DatabaseUrl)
