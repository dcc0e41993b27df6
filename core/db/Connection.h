#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

namespace insighta {

// Passwords the UI read from the keychain, held in memory for this process only. When none is
// held, libpq falls back to PGPASSWORD and ~/.pgpass by itself.
class Credentials
{
public:
    static void setPassword(const DatabaseUrl &url, const QString &password);
    static QString password(const DatabaseUrl &url);
};

// A Qt SQL connection owned by the thread that opened it (Qt SQL's rule). It has a unique
// name, is opened in the constructor's thread, migrated to the latest schema, and removed in
// the destructor. Never hand one to another thread: hand the DatabaseUrl and open another.
class Connection
{
public:
    // Opens (and, once per process and database, migrates). Check ok()/error().
    explicit Connection(const DatabaseUrl &url, const QString &purpose = QStringLiteral("main"));
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QSqlDatabase database() const;
    const DatabaseUrl &url() const { return m_url; }
    DatabaseKind kind() const { return m_url.kind; }
    QString name() const { return m_name; }

private:
    DatabaseUrl m_url;
    QString m_name;
    QString m_error;
};

// Low-level open without migrating; used by the migrator itself and by `db migrate`.
Result<QSqlDatabase> openDatabase(const DatabaseUrl &url, const QString &connectionName);

// Human-readable text for a failed Qt SQL operation ("could not connect to server: ...").
QString describeSqlError(const QSqlDatabase &db);

} // namespace insighta
