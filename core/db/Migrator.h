#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <limits>

namespace insighta {

struct Migration
{
    int version = 0;
    QString name;
    QString sql;
};

// Versioned schema migrations, read from :/migrations/<sqlite|postgres>/NNNN_name.sql and
// applied in order, each in its own transaction, recorded in schema_migrations. Applying
// twice is harmless; two processes migrating at once serialise on a lock.
class Migrator
{
public:
    Migrator(const QSqlDatabase &db, DatabaseKind kind);

    static QList<Migration> available(DatabaseKind kind);
    Result<int> currentVersion() const;
    // Returns the versions applied by this call. upToVersion stops short of the latest (tests
    // build an older workspace with it, to migrate it forward).
    Result<QList<int>> apply(int upToVersion = std::numeric_limits<int>::max());
    Status migrate()
    {
        const auto applied = apply();
        return applied.ok() ? success() : Status(Error{applied.error()});
    }

private:
    QSqlDatabase m_db;
    DatabaseKind m_kind;
};

// Splits a script into statements at ';' outside quotes, comments and $$-bodies.
QStringList splitSqlStatements(const QString &script);

} // namespace insighta
