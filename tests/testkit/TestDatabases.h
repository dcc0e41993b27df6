#pragma once

#include "core/db/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace insighta::testkit {

// The throwaway cluster's server URL (the CTest fixture "postgres" writes it). Empty with a
// readable reason in *why when the test was run outside ctest without the fixture.
QString postgresServerUrl(QString *why = nullptr);

// A fresh database for one test on the throwaway PostgreSQL cluster, dropped at destruction,
// so tests running in parallel never see each other's rows.
class PostgresTestDatabase
{
public:
    PostgresTestDatabase();
    ~PostgresTestDatabase();
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    const DatabaseUrl &url() const { return m_url; }

private:
    DatabaseUrl m_server;
    DatabaseUrl m_url;
    QString m_error;
};

// A real SQLite workspace file in a temporary folder.
class SqliteTestDatabase
{
public:
    SqliteTestDatabase();
    bool ok() const { return m_dir.isValid(); }
    QString error() const { return m_dir.errorString(); }
    const DatabaseUrl &url() const { return m_url; }

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
};

// Runs a test body against both databases: use in _data() functions as
//   testkit::addDatabaseRows(); then in the test: QFETCH(QString, backend); auto db = testkit::makeDatabase(backend);
void addDatabaseColumns();
void addDatabaseRows();

class AnyTestDatabase
{
public:
    explicit AnyTestDatabase(const QString &backend);
    bool ok() const;
    QString error() const;
    const DatabaseUrl &url() const;

private:
    std::unique_ptr<PostgresTestDatabase> m_postgres;
    std::unique_ptr<SqliteTestDatabase> m_sqlite;
};

} // namespace insighta::testkit

// Fails (not skips) the test when the database could not be set up: a missing server is a
// broken test run, not a reason to pass.
#define INSIGHTA_REQUIRE_DB(db) QVERIFY2((db).ok(), qPrintable((db).error()))
