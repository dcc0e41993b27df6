#include "app/cli/commands/Commands.h"
#include "app/cli/commands/QueryReport.h"
#include "app/cli/commands/SearchOptions.h"

#include "core/db/Connection.h"
#include "core/db/ProfileSearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace insighta::cli {

namespace {

QJsonObject profileJson(const Profile &p)
{
    return QJsonObject{{QStringLiteral("id"), p.id},
                       {QStringLiteral("name"), p.name},
                       {QStringLiteral("gender"), genderName(p.gender)},
                       {QStringLiteral("gender_probability"), p.genderProbability},
                       {QStringLiteral("age"), p.age},
                       {QStringLiteral("age_group"), ageGroupName(p.ageGroup)},
                       {QStringLiteral("country_id"), p.countryId},
                       {QStringLiteral("country_name"), p.countryName},
                       {QStringLiteral("country_probability"), p.countryProbability},
                       {QStringLiteral("created_at"), p.createdAt.toUTC().toString(Qt::ISODateWithMs)}};
}

QString fit(const QString &text, int width)
{
    return text.size() > width ? text.left(width - 1) + QChar(0x2026) : text.leftJustified(width);
}

} // namespace

// insighta search ["QUERY"] [filter options] [--sort-by F] [--order asc|desc] [--limit N] [--json]
int runSearch(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Search profiles with a plain-English query, filter options, or both. "
                       "Prints the exact number of matches and the first N profiles."));
    parser.addHelpOption();
    addFilterOptions(parser);
    parser.addOption({QStringLiteral("limit"), QStringLiteral("Profiles to print, 1 to 10000 (default 20)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as one JSON object.")});
    addDatabaseOption(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("search"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    bool ok = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return usageError(io, QStringLiteral("search"),
                          QStringLiteral("--limit needs a whole number from 1 to 10000."));
    const bool json = parser.isSet(QStringLiteral("json"));
    int exitCode = Success;
    const auto request = filterFromOptions(parser, io, QStringLiteral("search"), json, &exitCode);
    if (!request)
        return exitCode;
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;

    Connection connection(*url, QStringLiteral("cli-search"));
    if (!connection.ok()) {
        io.err << "insighta search: " << connection.error() << "\n";
        return BackendFailure;
    }
    ProfileSearch search(connection.database(), connection.kind());
    const auto total = search.count(request->filter);
    const auto page = total.ok() ? search.firstPage(request->filter, limit) : Result<ProfilePage>(Error{total.error()});
    if (!page.ok()) {
        io.err << "insighta search: " << page.error() << "\n";
        return BackendFailure;
    }
    const ProfileFilter &filter = request->filter;
    if (json) {
        QJsonArray data;
        for (const Profile &p : page->rows)
            data.append(profileJson(p));
        QVariantMap echoed = filter.toVariantMap();
        echoed.insert(QStringLiteral("sort_by"), sortKeyName(filter.sortBy));
        echoed.insert(QStringLiteral("order"), sortOrderName(filter.order));
        // A search without a query reports empty lists, so scripts need not test for the keys.
        QJsonObject object = queryReportJson(request->parsed.value_or(ParsedQuery{}));
        object.insert(QStringLiteral("status"), QStringLiteral("success"));
        object.insert(QStringLiteral("filter"), QJsonObject::fromVariantMap(echoed));
        object.insert(QStringLiteral("canonical"), filter.canonical());
        object.insert(QStringLiteral("total"), *total);
        object.insert(QStringLiteral("limit"), limit);
        object.insert(QStringLiteral("count"), page->rows.size());
        object.insert(QStringLiteral("data"), data);
        io.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << "\n";
        return Success;
    }
    const QLocale locale(QLocale::English);
    io.out << locale.toString(*total) << (*total == 1 ? " profile" : " profiles") << " match " << filter.canonical()
           << "\n";
    if (request->parsed) {
        for (const QString &line : queryReportLines(*request->parsed))
            io.out << line << "\n";
    }
    if (page->rows.isEmpty())
        return Success;
    io.out << "\n"
           << fit(QStringLiteral("NAME"), 32) << " " << fit(QStringLiteral("GENDER"), 7) << " "
           << QStringLiteral("AGE").rightJustified(3) << " " << fit(QStringLiteral("GROUP"), 9) << " "
           << fit(QStringLiteral("COUNTRY"), 24) << " " << QStringLiteral("P(G)").rightJustified(5) << " "
           << QStringLiteral("P(C)").rightJustified(5) << "  CREATED (UTC)\n";
    for (const Profile &p : page->rows)
        io.out << fit(p.name, 32) << " " << fit(genderName(p.gender), 7) << " "
               << QString::number(p.age).rightJustified(3) << " " << fit(ageGroupName(p.ageGroup), 9) << " "
               << fit(p.countryId + QStringLiteral(" ") + p.countryName, 24) << " "
               << QString::number(p.genderProbability, 'f', 2).rightJustified(5) << " "
               << QString::number(p.countryProbability, 'f', 2).rightJustified(5) << "  "
               << p.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "\n";
    if (*total > page->rows.size())
        io.out << "\nShowing the first " << page->rows.size() << " of " << locale.toString(*total) << " (sorted by "
               << sortKeyName(filter.sortBy) << " " << sortOrderName(filter.order)
               << "); use --limit for more, or insighta export for all.\n";
    return Success;
}

} // namespace insighta::cli
