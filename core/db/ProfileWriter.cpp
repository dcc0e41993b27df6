#include "core/db/ProfileWriter.h"

#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace insighta {

namespace {

constexpr int kColumns = 11;
const char *const kInsertHead
    = "INSERT INTO profiles (id, name, name_key, gender, gender_probability, age, age_group, country_id, "
      "country_name, country_probability, created_at) VALUES ";

void bindProfile(QSqlQuery &query, const Profile &p, DatabaseKind kind)
{
    query.addBindValue(p.id);
    query.addBindValue(p.name);
    query.addBindValue(nameKey(p.name));
    query.addBindValue(genderName(p.gender));
    query.addBindValue(p.genderProbability);
    query.addBindValue(p.age);
    query.addBindValue(ageGroupName(p.ageGroup));
    query.addBindValue(p.countryId);
    query.addBindValue(p.countryName);
    query.addBindValue(p.countryProbability);
    query.addBindValue(dialect::bindTimestamp(kind, p.createdAt));
}

QString placeholders(int rows)
{
    QString row = QStringLiteral("(") + QStringLiteral("?,").repeated(kColumns - 1) + QStringLiteral("?)");
    QStringList all;
    all.reserve(rows);
    for (int i = 0; i < rows; ++i)
        all << row;
    return all.join(QLatin1Char(','));
}

} // namespace

ProfileWriter::ProfileWriter(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

Result<qint64> ProfileWriter::insert(const QList<Profile> &profiles)
{
    if (profiles.isEmpty())
        return qint64(0);
    if (!m_db.transaction())
        return Error{QStringLiteral("Cannot start a transaction: %1").arg(describeSqlError(m_db))};
    qint64 inserted = 0;
    QSqlQuery query(m_db);
    auto fail = [&](const QString &what) -> Result<qint64> {
        const QString message = what + QStringLiteral(": ") + query.lastError().text();
        m_db.rollback();
        return Error{message};
    };
    if (m_kind == DatabaseKind::Sqlite) {
        query.prepare(QString::fromLatin1(kInsertHead) + placeholders(1) + dialect::insertIgnoreSuffix());
        for (const Profile &p : profiles) {
            bindProfile(query, p, m_kind);
            if (!query.exec())
                return fail(QStringLiteral("Cannot insert profile '%1'").arg(p.name));
            inserted += query.numRowsAffected();
        }
    } else {
        // PostgreSQL allows 65535 parameters per statement: 500 rows x 11 columns fits.
        constexpr int kRowsPerStatement = 500;
        for (qsizetype start = 0; start < profiles.size(); start += kRowsPerStatement) {
            const qsizetype count = qMin<qsizetype>(kRowsPerStatement, profiles.size() - start);
            query.prepare(QString::fromLatin1(kInsertHead) + placeholders(int(count)) + dialect::insertIgnoreSuffix());
            for (qsizetype i = start; i < start + count; ++i)
                bindProfile(query, profiles.at(i), m_kind);
            if (!query.exec())
                return fail(QStringLiteral("Cannot insert profiles"));
            inserted += query.numRowsAffected();
        }
    }
    if (!m_db.commit())
        return fail(QStringLiteral("Cannot commit"));
    return inserted;
}

} // namespace insighta
