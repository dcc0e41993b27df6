#include "core/db/ProfileExport.h"

#include "core/common/UntrustedText.h"

#include "core/db/DatabaseUrl.h"
#include "core/db/ProfileSearch.h"

#include <QSaveFile>
#include <QStringConverter>
#include <QTextStream>

namespace insighta {

ProfileCsvExporter::ProfileCsvExporter(const QSqlDatabase &db, DatabaseKind kind)
    : m_db(db)
    , m_kind(kind)
{
}

QStringList ProfileCsvExporter::header()
{
    return {QStringLiteral("id"),
            QStringLiteral("name"),
            QStringLiteral("gender"),
            QStringLiteral("gender_probability"),
            QStringLiteral("age"),
            QStringLiteral("age_group"),
            QStringLiteral("country_id"),
            QStringLiteral("country_name"),
            QStringLiteral("country_probability"),
            QStringLiteral("created_at")};
}

QString ProfileCsvExporter::cell(const QString &value)
{
    QString text = neutralizeFormula(value);
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char('\r'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

QString ProfileCsvExporter::clipboardLine(const Profile &p)
{
    return QStringList{p.id,
                       neutralizeFormula(p.name),
                       genderName(p.gender),
                       QString::number(p.genderProbability),
                       QString::number(p.age),
                       ageGroupName(p.ageGroup),
                       neutralizeFormula(p.countryId),
                       neutralizeFormula(p.countryName),
                       QString::number(p.countryProbability),
                       p.createdAt.toUTC().toString(Qt::ISODateWithMs)}
        .join(QLatin1Char('\t'));
}

QString ProfileCsvExporter::line(const Profile &p)
{
    const QStringList cells{p.id,
                            cell(p.name),
                            genderName(p.gender),
                            QString::number(p.genderProbability),
                            QString::number(p.age),
                            ageGroupName(p.ageGroup),
                            cell(p.countryId),
                            cell(p.countryName),
                            QString::number(p.countryProbability),
                            p.createdAt.toUTC().toString(Qt::ISODateWithMs)};
    return cells.join(QLatin1Char(','));
}

Result<ExportSummary> ProfileCsvExporter::exportTo(const QString &path, const ProfileFilter &filter,
                                                   const Progress &progress, const std::atomic_bool *cancel)
{
    ProfileSearch search(m_db, m_kind);
    const auto total = search.count(filter);
    if (!total.ok())
        return Error{total.error()};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())};
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    out << header().join(QLatin1Char(',')) << "\r\n";
    ExportSummary summary;
    if (progress)
        progress(0, *total);
    const auto streamed = search.forEach(filter, kPageSize, [&](const QList<Profile> &rows) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            return false;
        }
        for (const Profile &p : rows)
            out << line(p) << "\r\n";
        summary.rows += rows.size();
        if (progress)
            progress(summary.rows, std::max(*total, summary.rows));
        return true;
    });
    if (!streamed.ok()) {
        file.cancelWriting();
        return Error{streamed.error()};
    }
    if (summary.cancelled || (cancel && cancel->load())) {
        summary.cancelled = true;
        file.cancelWriting();
        return summary;
    }
    out.flush();
    if (!file.commit())
        return Error{QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())};
    return summary;
}

} // namespace insighta
