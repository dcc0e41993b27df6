#include "tests/testkit/TestDatabases.h"

#include "core/db/Connection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace insighta::testkit {

QString postgresServerUrl(QString *why)
{
    const QString fromEnv = qEnvironmentVariable("INSIGHTA_TEST_PG_URL");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString file = qEnvironmentVariable("INSIGHTA_TEST_PG_URL_FILE");
    QFile urlFile(file);
    if (file.isEmpty() || !urlFile.open(QIODevice::ReadOnly)) {
        if (why)
            *why = QStringLiteral("No PostgreSQL test cluster: run the tests through ctest (fixture 'postgres'), "
                                  "or set INSIGHTA_TEST_PG_URL.");
        return {};
    }
    return QString::fromUtf8(urlFile.readAll()).trimmed();
}

PostgresTestDatabase::PostgresTestDatabase()
{
    const QString serverText = postgresServerUrl(&m_error);
    if (serverText.isEmpty())
        return;
    auto server = DatabaseUrl::parse(serverText);
    if (!server.ok()) {
        m_error = server.error();
        return;
    }
    m_server = server.value();
    m_url = m_server;
    m_url.database = QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(20);
    auto admin = openDatabase(m_server, QStringLiteral("testkit-admin-") + m_url.database);
    if (!admin.ok()) {
        m_error = admin.error();
        return;
    }
    {
        QSqlQuery query(admin.value());
        if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_url.database)))
            m_error = describeSqlError(admin.value());
        admin.value().close();
    }
    admin = Error{};
    QSqlDatabase::removeDatabase(QStringLiteral("testkit-admin-") + m_url.database);
}

PostgresTestDatabase::~PostgresTestDatabase()
{
    if (m_url.database.isEmpty() || !m_error.isEmpty())
        return;
    const QString name = QStringLiteral("testkit-drop-") + m_url.database;
    {
        auto admin = openDatabase(m_server, name);
        if (admin.ok()) {
            QSqlQuery query(admin.value());
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_url.database));
            admin.value().close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

SqliteTestDatabase::SqliteTestDatabase()
    : m_url(DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("workspace.db"))))
{
}

void addDatabaseColumns()
{
    QTest::addColumn<QString>("backend");
}

void addDatabaseRows()
{
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

AnyTestDatabase::AnyTestDatabase(const QString &backend)
{
    if (backend == QLatin1String("postgres"))
        m_postgres = std::make_unique<PostgresTestDatabase>();
    else
        m_sqlite = std::make_unique<SqliteTestDatabase>();
}

bool AnyTestDatabase::ok() const
{
    return m_postgres ? m_postgres->ok() : m_sqlite->ok();
}

QString AnyTestDatabase::error() const
{
    return m_postgres ? m_postgres->error() : m_sqlite->error();
}

const DatabaseUrl &AnyTestDatabase::url() const
{
    return m_postgres ? m_postgres->url() : m_sqlite->url();
}

} // namespace insighta::testkit
