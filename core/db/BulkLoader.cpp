#include "core/db/BulkLoader.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/PgHandle.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <charconv>
#include <cstring>
#include <libpq-fe.h>
#include <unordered_map>

namespace insighta {

namespace {

const char *const kProfileColumns = "id, name, name_key, gender, gender_probability, age, age_group, country_id, "
                                    "country_name, country_probability, created_at";

// Built once with QByteArray: GCC 12 at -O3 reports a false array-bounds error for the same
// concatenation done with std::string's operator+.
const QByteArray &stagingCopySql()
{
    static const QByteArray sql
        = QByteArrayLiteral("COPY import_staging (idx, ") + kProfileColumns + QByteArrayLiteral(") FROM STDIN");
    return sql;
}

const QByteArray &stagingInsertSql()
{
    static const QByteArray sql = QByteArrayLiteral("WITH inserted AS (INSERT INTO profiles (") + kProfileColumns
        + QByteArrayLiteral(") SELECT ") + kProfileColumns
        + QByteArrayLiteral(" FROM import_staging ORDER BY idx ON CONFLICT DO NOTHING RETURNING id) SELECT count(*) "
                            "FROM inserted");
    return sql;
}

void appendNumber(std::string &out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, size_t(result.ptr - buffer));
}

void appendNumber(std::string &out, qint64 value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, size_t(result.ptr - buffer));
}

// COPY text format: backslash, tab, newline and carriage return are escaped.
void appendCopyText(std::string &out, std::string_view text)
{
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
            out.append(text.data() + start, i - start);
            out.push_back('\\');
            out.push_back(c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
            start = i + 1;
        }
    }
    out.append(text.data() + start, text.size() - start);
}

const char *genderText(Gender g)
{
    return g == Gender::Female ? "female" : "male";
}

const char *ageGroupText(AgeGroup g)
{
    switch (g) {
    case AgeGroup::Child:
        return "child";
    case AgeGroup::Teenager:
        return "teenager";
    case AgeGroup::Senior:
        return "senior";
    default:
        return "adult";
    }
}

class PostgresLoader final : public BulkLoader
{
public:
    PostgresLoader(const QSqlDatabase &db, PGconn *conn)
        : m_db(db)
        , m_conn(conn)
    {
    }

    bool connectionLost() const override { return !m_conn || PQstatus(m_conn) != CONNECTION_OK; }

    Result<BatchOutcome> load(const ProfileBatch &batch, const BeforeCommit &beforeCommit) override
    {
        BatchOutcome outcome;
        if (batch.size == 0)
            return outcome;
        if (connectionLost())
            return Error{QStringLiteral("the connection to the server was lost")};
        m_createdAt = batch.createdAt.toStdString();
        // Until a batch has conflicted, batches go straight in (COPY refuses the whole batch on a
        // duplicate name key, then we fall back). After a conflict, a pre-check removes rows whose
        // name key exists so the rest is known conflict-free.
        std::vector<char> keep(batch.size, 1);
        if (m_precheck) {
            auto existing = existingKeys(batch);
            if (!existing.ok())
                return Error{existing.error()};
            for (const auto &[index, id] : existing.value()) {
                keep[index] = 0;
                outcome.conflicts.push_back({index, id});
            }
        }
        buildCopy(batch, keep, false);
        if (m_buffer.empty()) {
            if (!beforeCommit)
                return outcome;
            // Nothing to insert, but the caller's writes still belong in a transaction.
            QString error;
            if (!exec("BEGIN", &error))
                return Error{error.isEmpty() ? lastError() : error};
            if (const Status hooked = runBeforeCommit(beforeCommit, outcome); !hooked.ok())
                return Error{hooked.error()};
            if (!exec("COMMIT", &error)) {
                rollback();
                return Error{error};
            }
            return outcome;
        }
        auto direct = copyInto("COPY profiles (" + std::string(kProfileColumns) + ") FROM STDIN", [&](qint64 copied) {
            BatchOutcome done = outcome;
            done.inserted = copied;
            return runBeforeCommit(beforeCommit, done);
        });
        if (direct.ok()) {
            outcome.inserted = direct.value();
            return outcome;
        }
        if (!m_lastUniqueViolation)
            return Error{direct.error()};
        m_precheck = true;
        auto staged = loadStaged(batch, keep, outcome, beforeCommit);
        if (!staged.ok())
            return Error{staged.error()};
        return staged;
    }

private:
    QString lastError() const { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }

    // The caller's writes inside the open transaction; on failure the batch is rolled back.
    Status runBeforeCommit(const BeforeCommit &beforeCommit, const BatchOutcome &outcome)
    {
        if (!beforeCommit)
            return success();
        const Status hooked = beforeCommit(outcome);
        if (!hooked.ok())
            rollback();
        return hooked;
    }

    bool exec(const char *sql, QString *error = nullptr)
    {
        PGresult *res = PQexec(m_conn, sql);
        const ExecStatusType status = PQresultStatus(res);
        const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (!ok && error)
            *error = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
        PQclear(res);
        return ok;
    }

    void rollback()
    {
        if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
            exec("ROLLBACK");
    }

    void buildCopy(const ProfileBatch &batch, const std::vector<char> &keep, bool withIndex)
    {
        m_buffer.clear();
        for (size_t i = 0; i < batch.size; ++i) {
            if (!keep[i])
                continue;
            const NormalizedRow &r = batch.rows[i];
            if (withIndex) {
                appendNumber(m_buffer, qint64(i));
                m_buffer.push_back('\t');
            }
            m_buffer.append(batch.ids[i]);
            m_buffer.push_back('\t');
            appendCopyText(m_buffer, r.name);
            m_buffer.push_back('\t');
            appendCopyText(m_buffer, r.nameKey);
            m_buffer.push_back('\t');
            m_buffer.append(genderText(r.gender));
            m_buffer.push_back('\t');
            appendNumber(m_buffer, r.genderProbability);
            m_buffer.push_back('\t');
            appendNumber(m_buffer, qint64(r.age));
            m_buffer.push_back('\t');
            m_buffer.append(ageGroupText(r.ageGroup));
            m_buffer.push_back('\t');
            m_buffer.append(r.country.code);
            m_buffer.push_back('\t');
            appendCopyText(m_buffer, r.country.name);
            m_buffer.push_back('\t');
            appendNumber(m_buffer, r.countryProbability);
            m_buffer.push_back('\t');
            m_buffer.append(m_createdAt);
            m_buffer.push_back('\n');
        }
    }

    // BEGIN; COPY <sql> with m_buffer; beforeCommit(rows copied); COMMIT. Returns the rows copied.
    Result<qint64> copyInto(const std::string &sql, const std::function<Status(qint64)> &beforeCommit)
    {
        m_lastUniqueViolation = false;
        QString error;
        if (!exec("BEGIN", &error))
            return Error{error.isEmpty() ? lastError() : error};
        auto copied = copyOnly(sql);
        if (!copied.ok()) {
            rollback();
            return copied;
        }
        if (const Status hooked = beforeCommit(copied.value()); !hooked.ok())
            return Error{hooked.error()}; // rolled back already
        if (!exec("COMMIT", &error)) {
            rollback();
            return Error{error};
        }
        return copied;
    }

    Result<qint64> copyOnly(const std::string &sql)
    {
        PGresult *res = PQexec(m_conn, sql.c_str());
        if (PQresultStatus(res) != PGRES_COPY_IN) {
            const QString message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            PQclear(res);
            return Error{message.isEmpty() ? lastError() : message};
        }
        PQclear(res);
        constexpr size_t kPiece = 256 * 1024;
        for (size_t at = 0; at < m_buffer.size(); at += kPiece) {
            const size_t n = std::min(kPiece, m_buffer.size() - at);
            if (PQputCopyData(m_conn, m_buffer.data() + at, int(n)) != 1)
                break; // the error surfaces in PQgetResult
        }
        PQputCopyEnd(m_conn, nullptr);
        qint64 rows = 0;
        QString message;
        while ((res = PQgetResult(m_conn)) != nullptr) {
            if (PQresultStatus(res) == PGRES_COMMAND_OK) {
                rows = QByteArray(PQcmdTuples(res)).toLongLong();
            } else {
                message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
                const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
                m_lastUniqueViolation = state && std::strcmp(state, "23505") == 0;
            }
            PQclear(res);
        }
        if (!message.isEmpty())
            return Error{message};
        if (connectionLost())
            return Error{lastError()};
        return rows;
    }

    // Name keys of the batch that already exist: index -> existing id.
    Result<std::vector<std::pair<size_t, QString>>> existingKeys(const ProfileBatch &batch)
    {
        // One text[] parameter: {"key1","key2",...} with " and \ escaped.
        std::string array = "{";
        std::unordered_map<std::string_view, size_t> indexByKey;
        indexByKey.reserve(batch.size);
        for (size_t i = 0; i < batch.size; ++i) {
            const std::string &key = batch.rows[i].nameKey;
            indexByKey.emplace(key, i);
            if (i)
                array.push_back(',');
            array.push_back('"');
            for (const char c : key) {
                if (c == '"' || c == '\\')
                    array.push_back('\\');
                array.push_back(c);
            }
            array.push_back('"');
        }
        array.push_back('}');
        const char *values[1] = {array.c_str()};
        PGresult *res = PQexecParams(m_conn, "SELECT name_key, id::text FROM profiles WHERE name_key = ANY($1::text[])",
                                     1, nullptr, values, nullptr, nullptr, 0);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            const QString message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            PQclear(res);
            return Error{message};
        }
        std::vector<std::pair<size_t, QString>> found;
        for (int r = 0; r < PQntuples(res); ++r) {
            const auto it = indexByKey.find(std::string_view(PQgetvalue(res, r, 0), size_t(PQgetlength(res, r, 0))));
            if (it != indexByKey.end())
                found.emplace_back(it->second, QString::fromLatin1(PQgetvalue(res, r, 1)));
        }
        PQclear(res);
        return found;
    }

    // `prior` holds the conflicts the pre-check found; the outcome returned includes them.
    Result<BatchOutcome> loadStaged(const ProfileBatch &batch, const std::vector<char> &keep, const BatchOutcome &prior,
                                    const BeforeCommit &beforeCommit)
    {
        QString error;
        if (!m_stagingReady) {
            if (!exec("CREATE TEMP TABLE IF NOT EXISTS import_staging (idx integer, id uuid, name text, name_key text, "
                      "gender text, gender_probability double precision, age smallint, age_group text, "
                      "country_id text, country_name text, country_probability double precision, "
                      "created_at timestamptz) ON COMMIT DELETE ROWS",
                      &error))
                return Error{error};
            m_stagingReady = true;
        }
        buildCopy(batch, keep, true);
        if (!exec("BEGIN", &error))
            return Error{error};
        auto copied = copyOnly(stagingCopySql().toStdString());
        if (!copied.ok()) {
            rollback();
            return Error{copied.error()};
        }
        BatchOutcome outcome = prior;
        PGresult *res = PQexec(m_conn, stagingInsertSql().constData());
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            error = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            PQclear(res);
            rollback();
            return Error{error};
        }
        outcome.inserted = QByteArray(PQgetvalue(res, 0, 0)).toLongLong();
        PQclear(res);
        res = PQexec(m_conn,
                     "SELECT s.idx, p.id::text FROM import_staging s JOIN profiles p "
                     "ON p.name_key = s.name_key AND p.id <> s.id");
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            error = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            PQclear(res);
            rollback();
            return Error{error};
        }
        for (int r = 0; r < PQntuples(res); ++r)
            outcome.conflicts.push_back(
                {size_t(QByteArray(PQgetvalue(res, r, 0)).toLongLong()), QString::fromLatin1(PQgetvalue(res, r, 1))});
        PQclear(res);
        if (const Status hooked = runBeforeCommit(beforeCommit, outcome); !hooked.ok())
            return Error{hooked.error()};
        if (!exec("COMMIT", &error)) {
            rollback();
            return Error{error};
        }
        return outcome;
    }

    QSqlDatabase m_db;
    PGconn *m_conn = nullptr;
    std::string m_buffer;
    std::string m_createdAt;
    bool m_precheck = false;
    bool m_stagingReady = false;
    bool m_lastUniqueViolation = false;
};

// SQLite through its C API on the connection's own handle: binding std::string data directly
// (SQLITE_STATIC) instead of building a QString and a QVariant per value took the per-row cost
// from Qt's to SQLite's. One transaction per batch; ON CONFLICT DO NOTHING, then a lookup of
// the holder of the name key for each conflict.
class SqliteLoader final : public BulkLoader
{
public:
    explicit SqliteLoader(const QSqlDatabase &db)
        : m_db(db)
    {
        const QVariant handle = m_db.driver() ? m_db.driver()->handle() : QVariant();
        if (handle.isValid() && handle.typeName() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqlite = *static_cast<sqlite3 *const *>(handle.data());
        // Ten indexes take random page writes; with SQLite's default 2 MB page cache most of
        // them turned into reads through the kernel. 64 MB for this connection while it loads.
        if (m_sqlite)
            sqlite3_exec(m_sqlite, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    }
    ~SqliteLoader() override
    {
        sqlite3_finalize(m_insert);
        sqlite3_finalize(m_lookup);
    }

    bool connectionLost() const override { return !m_db.isOpen(); }

    Result<BatchOutcome> load(const ProfileBatch &batch, const BeforeCommit &beforeCommit) override
    {
        BatchOutcome outcome;
        if (batch.size == 0)
            return outcome;
        if (!m_sqlite)
            return Error{QStringLiteral("The SQLite connection is not open.")};
        if (!m_insert) {
            const QByteArray insert = QStringLiteral("INSERT INTO profiles (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                                                     "ON CONFLICT DO NOTHING")
                                          .arg(QLatin1String(kProfileColumns))
                                          .toUtf8();
            if (sqlite3_prepare_v2(m_sqlite, insert.constData(), -1, &m_insert, nullptr) != SQLITE_OK
                || sqlite3_prepare_v2(m_sqlite, "SELECT id FROM profiles WHERE name_key = ?", -1, &m_lookup, nullptr)
                    != SQLITE_OK)
                return Error{lastError()};
        }
        if (sqlite3_exec(m_sqlite, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return Error{lastError()};
        const QByteArray createdAt = batch.createdAt.toUtf8();
        for (size_t i = 0; i < batch.size; ++i) {
            const NormalizedRow &r = batch.rows[i];
            bindText(m_insert, 1, batch.ids[i]);
            bindText(m_insert, 2, r.name);
            bindText(m_insert, 3, r.nameKey);
            bindText(m_insert, 4, genderText(r.gender));
            sqlite3_bind_double(m_insert, 5, r.genderProbability);
            sqlite3_bind_int(m_insert, 6, r.age);
            bindText(m_insert, 7, ageGroupText(r.ageGroup));
            bindText(m_insert, 8, r.country.code);
            bindText(m_insert, 9, r.country.name);
            sqlite3_bind_double(m_insert, 10, r.countryProbability);
            bindText(m_insert, 11, std::string_view(createdAt.constData(), size_t(createdAt.size())));
            const int rc = sqlite3_step(m_insert);
            if (rc != SQLITE_DONE) {
                const QString message = lastError();
                sqlite3_reset(m_insert);
                sqlite3_exec(m_sqlite, "ROLLBACK", nullptr, nullptr, nullptr);
                return Error{message};
            }
            sqlite3_reset(m_insert);
            if (sqlite3_changes(m_sqlite) == 1) {
                ++outcome.inserted;
                continue;
            }
            bindText(m_lookup, 1, r.nameKey);
            QString existing;
            if (sqlite3_step(m_lookup) == SQLITE_ROW)
                existing = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_lookup, 0)),
                                             sqlite3_column_bytes(m_lookup, 0));
            sqlite3_reset(m_lookup);
            outcome.conflicts.push_back({i, existing});
        }
        if (beforeCommit) {
            if (const Status hooked = beforeCommit(outcome); !hooked.ok()) {
                sqlite3_exec(m_sqlite, "ROLLBACK", nullptr, nullptr, nullptr);
                return Error{hooked.error()};
            }
        }
        if (sqlite3_exec(m_sqlite, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
            const QString message = lastError();
            sqlite3_exec(m_sqlite, "ROLLBACK", nullptr, nullptr, nullptr);
            return Error{message};
        }
        return outcome;
    }

private:
    // The text stays alive until the statement is stepped and reset, so SQLite need not copy it.
    static void bindText(sqlite3_stmt *statement, int index, std::string_view text)
    {
        sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_STATIC);
    }
    QString lastError() const { return QString::fromUtf8(sqlite3_errmsg(m_sqlite)); }

    QSqlDatabase m_db;
    sqlite3 *m_sqlite = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_lookup = nullptr;
};

} // namespace

std::unique_ptr<BulkLoader> BulkLoader::create(const QSqlDatabase &db, DatabaseKind kind)
{
    if (kind == DatabaseKind::Sqlite)
        return std::make_unique<SqliteLoader>(db);
    PGconn *conn = pgConnection(db);
    if (!conn)
        qCWarning(lcImport) << "The QPSQL driver did not expose its PGconn handle";
    return std::make_unique<PostgresLoader>(db, conn);
}

} // namespace insighta
