#include "app/cli/commands/Commands.h"
#include "app/cli/commands/QueryReport.h"

#include "core/profiles/QueryParser.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace insighta::cli {

namespace {

void writeJson(Io &io, const QJsonObject &object)
{
    io.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << "\n";
}

QString describeFilter(const QVariantMap &map)
{
    // Same key order as the spec's filter list, for people.
    static const char *const order[] = {"gender",
                                        "age_group",
                                        "min_age",
                                        "max_age",
                                        "country_id",
                                        "exclude_country_id",
                                        "min_gender_probability",
                                        "min_country_probability",
                                        "sort_by",
                                        "order"};
    QStringList parts;
    for (const char *key : order) {
        const QString name = QString::fromLatin1(key);
        if (map.contains(name))
            parts << name + QLatin1Char('=') + map.value(name).toString();
    }
    return parts.isEmpty() ? QStringLiteral("(none: every profile)") : parts.join(QLatin1Char(' '));
}

} // namespace

// insighta parse "QUERY" [--json]: the plain-English search language, no database.
int runParse(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Turn a plain-English query into a canonical filter."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the filter and canonical key as JSON.")});
    parser.addPositionalArgument(QStringLiteral("query"),
                                 QStringLiteral("The query, e.g. \"young males from nigeria\"."));
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("parse"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    // Several words without quotes are one query.
    const QString query = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (query.isEmpty())
        return usageError(io, QStringLiteral("parse"), QStringLiteral("a query is required"));
    const bool json = parser.isSet(QStringLiteral("json"));

    const ParsedQuery parsed = QueryParser::parse(query);
    if (!parsed.ok()) {
        if (json) {
            writeJson(io, QJsonObject{{QStringLiteral("error"), parsed.error}});
        } else {
            io.err << "insighta parse: " << parsed.error << "\n";
            // Only when nothing was understood: a refused negation's own words are not "unknown".
            if (parsed.error == QueryParser::unableToInterpret() && !parsed.unrecognised.isEmpty())
                io.err << "Not understood: " << parsed.unrecognised.join(QStringLiteral(", ")) << "\n";
            io.err << "Examples:\n";
            for (const QString &example : parsed.examples)
                io.err << "  insighta parse \"" << example << "\"\n";
        }
        return UnusableInput;
    }

    const QVariantMap filter = parsed.filter.toVariantMap();
    if (json) {
        QJsonObject object = queryReportJson(parsed);
        object.insert(QStringLiteral("filter"), QJsonObject::fromVariantMap(filter));
        object.insert(QStringLiteral("canonical"), parsed.filter.canonical());
        writeJson(io, object);
        return Success;
    }
    io.out << "Filter:         " << describeFilter(filter) << "\n";
    io.out << "Canonical:      " << parsed.filter.canonical() << "\n";
    io.out << "Understood:     ";
    QStringList understood;
    for (const QueryTerm &term : parsed.terms)
        understood << QStringLiteral("\"%1\" -> %2 %3").arg(term.text, queryTermKindName(term.kind), term.value);
    io.out << understood.join(QStringLiteral("; ")) << "\n";
    // The words not understood, with did-you-mean, and the typos read as other words.
    for (const QString &line : queryReportLines(parsed))
        io.out << line << "\n";
    return Success;
}

} // namespace insighta::cli
