#pragma once

#include "core/common/Result.h"
#include "core/profiles/Profile.h"

#include <QList>
#include <QSqlDatabase>

namespace insighta {

enum class DatabaseKind;

// Inserts profiles in one transaction per call, skipping names that already exist
// (ON CONFLICT DO NOTHING on the name key). Returns how many rows were inserted.
// SQLite: one prepared statement reused for every row. PostgreSQL: multi-row INSERTs.
// The CSV importer has its own faster path (COPY); this one serves the demo and small writes.
class ProfileWriter
{
public:
    ProfileWriter(const QSqlDatabase &db, DatabaseKind kind);
    Result<qint64> insert(const QList<Profile> &profiles);

private:
    QSqlDatabase m_db;
    DatabaseKind m_kind;
};

} // namespace insighta
