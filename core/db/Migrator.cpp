#include "core/db/Migrator.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace insighta {

namespace {

QString dialectFolder(DatabaseKind kind)
{
    return kind == DatabaseKind::Postgres ? QStringLiteral(":/migrations/postgres")
                                          : QStringLiteral(":/migrations/sqlite");
}

Status exec(QSqlQuery &query, const QString &sql)
{
    if (!query.exec(sql))
        return Error{QStringLiteral("%1\n  in: %2").arg(query.lastError().text(), sql.left(300))};
    return success();
}

} // namespace

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    enum class State { Normal, SingleQuote, DoubleQuote, LineComment, BlockComment, Dollar } state = State::Normal;
    QString dollarTag;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < script.size() ? script.at(i + 1) : QChar();
        switch (state) {
        case State::Normal:
            if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                state = State::LineComment;
                continue;
            }
            if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                state = State::BlockComment;
                ++i;
                continue;
            }
            if (c == QLatin1Char('\''))
                state = State::SingleQuote;
            else if (c == QLatin1Char('"'))
                state = State::DoubleQuote;
            else if (c == QLatin1Char('$')) {
                const qsizetype end = script.indexOf(QLatin1Char('$'), i + 1);
                static const QRegularExpression tagPattern(QStringLiteral("^[A-Za-z_]*$"));
                if (end > i && tagPattern.match(script.mid(i + 1, end - i - 1)).hasMatch()) {
                    dollarTag = script.mid(i, end - i + 1);
                    current += dollarTag;
                    i = end;
                    state = State::Dollar;
                    continue;
                }
            } else if (c == QLatin1Char(';')) {
                // A SQLite trigger body (CREATE TRIGGER ... BEGIN stmt; stmt; END) is one statement.
                static const QRegularExpression openTrigger(
                    QStringLiteral("^CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*\\bBEGIN\\b"),
                    QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
                static const QRegularExpression closedBody(QStringLiteral("\\bEND\\s*$"),
                                                           QRegularExpression::CaseInsensitiveOption);
                const QString trimmed = current.trimmed();
                if (openTrigger.match(trimmed).hasMatch() && !closedBody.match(trimmed).hasMatch()) {
                    current += c;
                    continue;
                }
                if (!current.trimmed().isEmpty())
                    statements << current.trimmed();
                current.clear();
                continue;
            }
            current += c;
            break;
        case State::SingleQuote:
            current += c;
            if (c == QLatin1Char('\''))
                state = State::Normal;
            break;
        case State::DoubleQuote:
            current += c;
            if (c == QLatin1Char('"'))
                state = State::Normal;
            break;
        case State::LineComment:
            if (c == QLatin1Char('\n')) {
                state = State::Normal;
                current += c;
            }
            break;
        case State::BlockComment:
            if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                state = State::Normal;
                ++i;
            }
            break;
        case State::Dollar:
            if (c == QLatin1Char('$') && script.mid(i, dollarTag.size()) == dollarTag) {
                current += dollarTag;
                i += dollarTag.size() - 1;
                state = State::Normal;
                continue;
            }
            current += c;
            break;
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

Migrator::Migrator(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

QList<Migration> Migrator::available(DatabaseKind kind)
{
    QList<Migration> migrations;
    static const QRegularExpression namePattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QDirIterator it(dialectFolder(kind), {QStringLiteral("*.sql")}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto match = namePattern.match(QFileInfo(path).fileName());
        if (!match.hasMatch()) {
            qCWarning(lcDb) << "Ignoring a migration with an unexpected name:" << path;
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        migrations.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(file.readAll())});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return migrations;
}

Result<int> Migrator::currentVersion() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

Result<QList<int>> Migrator::apply(int upToVersion)
{
    QSqlQuery query(m_db);
    const bool postgres = m_kind == DatabaseKind::Postgres;
    if (auto s = exec(query,
                      QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                     "applied_at TEXT NOT NULL)"));
        !s.ok()) {
        // Two processes may race to create it; the loser sees a unique violation and goes on.
        if (!postgres)
            return Error{QStringLiteral("Cannot prepare the schema: %1").arg(s.error())};
    }

    QList<int> applied;
    for (const Migration &migration : available(m_kind)) {
        if (migration.version > upToVersion)
            break;
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes cannot both
        // decide a migration is pending. Qt's transaction() is a deferred BEGIN, whose later
        // upgrade to a write lock fails at once (SQLITE_BUSY) when another migrator committed in
        // between: the busy timeout cannot wait that out. COMMIT/ROLLBACK work for either.
        const bool begun = postgres ? m_db.transaction() : query.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!begun)
            return Error{QStringLiteral("Cannot start a migration: %1")
                             .arg(postgres ? describeSqlError(m_db) : query.lastError().text())};
        auto rollback = [&](const QString &message) -> Result<QList<int>> {
            m_db.rollback();
            return Error{QStringLiteral("Migration %1 (%2) failed: %3")
                             .arg(QString::number(migration.version), migration.name, message)};
        };
        if (postgres) {
            // Serialise concurrent migrators (two app instances, parallel tests).
            if (auto s = exec(query, QStringLiteral("SELECT pg_advisory_xact_lock(7406120451)")); !s.ok())
                return rollback(s.error());
        }
        query.prepare(QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"));
        query.addBindValue(migration.version);
        if (!query.exec())
            return rollback(query.lastError().text());
        if (query.next()) {
            m_db.rollback();
            continue;
        }
        for (const QString &statement : splitSqlStatements(migration.sql)) {
            if (auto s = exec(query, statement); !s.ok())
                return rollback(s.error());
        }
        query.prepare(QStringLiteral("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)"));
        query.addBindValue(migration.version);
        query.addBindValue(migration.name);
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!query.exec())
            return rollback(query.lastError().text());
        if (!m_db.commit())
            return rollback(describeSqlError(m_db));
        qCInfo(lcDb) << "Applied migration" << migration.version << migration.name;
        applied.append(migration.version);
    }
    return applied;
}

} // namespace insighta
