#pragma once

#include "core/common/Result.h"
#include "core/db/DatabaseUrl.h"
#include "core/profiles/RowValidation.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace insighta {

// A batch of validated rows ready for loading, with their ids and timestamps assigned.
struct ProfileBatch
{
    std::vector<NormalizedRow> rows; // only the first `size` are in the batch (capacity is reused)
    std::vector<std::string> ids; // UUID text per row
    size_t size = 0;
    QString createdAt; // one UTC timestamp for the whole batch, "2026-01-02T03:04:05.678Z"
    void clear() { size = 0; }
};

// A row of the batch that was not inserted because its name key already exists.
struct BatchConflict
{
    size_t index = 0; // into the batch
    QString existingId; // id of the row that holds the name key
};

struct BatchOutcome
{
    qint64 inserted = 0;
    std::vector<BatchConflict> conflicts; // every row not inserted; the rest were
};

// Loads batches of profiles, one transaction per batch, never inserting a name key twice.
//  - PostgreSQL: COPY FROM STDIN on the QPSQL connection's own PGconn*. A batch goes straight
//    into profiles when it is known to be free of conflicts (nothing conflicted so far, or a
//    pre-check found none); when COPY hits the unique index (e.g. a concurrent import), the
//    batch is loaded through a temporary staging table with INSERT ... ON CONFLICT DO NOTHING
//    RETURNING.
//  - SQLite: one prepared INSERT ... ON CONFLICT DO NOTHING reused for every row.
// A failed batch is rolled back entirely and reported as an error (the caller retries).
class BulkLoader
{
public:
    virtual ~BulkLoader() = default;
    static std::unique_ptr<BulkLoader> create(const QSqlDatabase &db, DatabaseKind kind);
    // Called inside the batch's transaction, just before COMMIT, with what the batch did, on the
    // loader's own connection: writes that must commit with the rows or not at all (the import's
    // resume checkpoint). An error rolls the batch back and load() returns it.
    using BeforeCommit = std::function<Status(const BatchOutcome &)>;
    virtual Result<BatchOutcome> load(const ProfileBatch &batch, const BeforeCommit &beforeCommit) = 0;
    Result<BatchOutcome> load(const ProfileBatch &batch) { return load(batch, {}); }
    // Whether the last error looked like a lost connection (then the caller reconnects).
    virtual bool connectionLost() const = 0;
};

} // namespace insighta
