#include "app/cli/commands/SearchOptions.h"

#include "core/profiles/Countries.h"
#include "core/profiles/QueryParser.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace insighta::cli {

namespace {

void fail(Io &io, const QString &command, bool json, const QString &message, const QStringList &examples = {})
{
    if (json) {
        io.out << QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact))
               << "\n";
        return;
    }
    io.err << "insighta " << command << ": " << message << "\n";
    if (!examples.isEmpty()) {
        io.err << "Examples:\n";
        for (const QString &example : examples)
            io.err << "  insighta " << command << " \"" << example << "\"\n";
    }
}

std::optional<int> intOption(const QCommandLineParser &parser, const QString &name, QString *error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int value = parser.value(name).trimmed().toInt(&ok);
    if (!ok || value < 0 || value > kMaxAge) {
        *error = QStringLiteral("--%1 needs a whole number from 0 to %2, not '%3'.")
                     .arg(name)
                     .arg(kMaxAge)
                     .arg(parser.value(name));
        return std::nullopt;
    }
    return value;
}

std::optional<double> probabilityOption(const QCommandLineParser &parser, const QString &name, QString *error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double value = parser.value(name).trimmed().toDouble(&ok);
    if (!ok || value < 0.0 || value > 1.0) {
        *error = QStringLiteral("--%1 needs a number from 0 to 1, not '%2'.").arg(name, parser.value(name));
        return std::nullopt;
    }
    return value;
}

// The codes of a repeatable, comma-separated country option (codes or names); nullopt when the
// option is not set. A value that names no country sets *error.
std::optional<QStringList> countryCodes(const QCommandLineParser &parser, const QString &name, QString *error)
{
    const QStringList values = parser.values(name);
    if (values.isEmpty())
        return std::nullopt;
    QStringList codes;
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString text = part.trimmed();
            QString code;
            if (text.size() == 2 && Countries::instance().byCode(text))
                code = text.toUpper();
            else
                code = Countries::instance().codeForName(text);
            if (code.isEmpty()) {
                *error = QStringLiteral("--%1: '%2' is not an ISO 3166 country code or name.").arg(name, text);
                continue;
            }
            if (!codes.contains(code))
                codes << code;
        }
    }
    return codes;
}

} // namespace

void addFilterOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        QStringLiteral("query"),
        QStringLiteral("Optional plain-English query, e.g. \"nigerian women between 20 and 45\"."),
        QStringLiteral("[\"QUERY\"]"));
    parser.addOption({QStringLiteral("gender"), QStringLiteral("male or female."), QStringLiteral("G")});
    parser.addOption(
        {QStringLiteral("age-group"), QStringLiteral("child, teenager, adult or senior."), QStringLiteral("GROUP")});
    parser.addOption({QStringLiteral("min-age"), QStringLiteral("Youngest age, inclusive."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("max-age"), QStringLiteral("Oldest age, inclusive."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("country"),
                      QStringLiteral("Country code or name; repeat it or separate with commas for several."),
                      QStringLiteral("C")});
    parser.addOption({QStringLiteral("exclude-country"),
                      QStringLiteral("Leave out a country (code or name); repeat it or separate with commas for "
                                     "several."),
                      QStringLiteral("C")});
    parser.addOption({QStringLiteral("min-gender-probability"), QStringLiteral("0 to 1."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("min-country-probability"), QStringLiteral("0 to 1."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("sort-by"),
                      QStringLiteral("created_at (default), age, gender_probability, name or country."),
                      QStringLiteral("F")});
    parser.addOption({QStringLiteral("order"), QStringLiteral("asc or desc (default desc)."), QStringLiteral("O")});
}

std::optional<FilterRequest> filterFromOptions(const QCommandLineParser &parser, Io &io, const QString &command,
                                               bool json, int *exitCode)
{
    *exitCode = UnusableInput;
    FilterRequest request;
    request.query = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    ProfileFilter &filter = request.filter;
    if (!request.query.isEmpty()) {
        const ParsedQuery parsed = QueryParser::parse(request.query);
        if (!parsed.ok()) {
            fail(io, command, json, parsed.error, parsed.examples);
            return std::nullopt;
        }
        filter = parsed.filter;
        request.parsed = parsed;
    }
    QString error;
    if (parser.isSet(QStringLiteral("gender"))) {
        const Gender g = genderFromName(parser.value(QStringLiteral("gender")).trimmed().toLower());
        if (g == Gender::Unknown)
            error = QStringLiteral("--gender must be male or female, not '%1'.")
                        .arg(parser.value(QStringLiteral("gender")));
        filter.gender = g;
    }
    if (parser.isSet(QStringLiteral("age-group"))) {
        const AgeGroup g = ageGroupFromName(parser.value(QStringLiteral("age-group")).trimmed().toLower());
        if (g == AgeGroup::Unknown)
            error = QStringLiteral("--age-group must be child, teenager, adult or senior, not '%1'.")
                        .arg(parser.value(QStringLiteral("age-group")));
        filter.ageGroup = g;
    }
    if (const auto v = intOption(parser, QStringLiteral("min-age"), &error))
        filter.minAge = v;
    if (const auto v = intOption(parser, QStringLiteral("max-age"), &error))
        filter.maxAge = v;
    if (const auto v = probabilityOption(parser, QStringLiteral("min-gender-probability"), &error))
        filter.minGenderProbability = v;
    if (const auto v = probabilityOption(parser, QStringLiteral("min-country-probability"), &error))
        filter.minCountryProbability = v;
    if (const auto codes = countryCodes(parser, QStringLiteral("country"), &error))
        filter.countryIds = *codes;
    // Added to what the query left out: the option narrows, it never brings a country back.
    if (const auto codes = countryCodes(parser, QStringLiteral("exclude-country"), &error)) {
        for (const QString &code : *codes) {
            if (!filter.excludeCountryIds.contains(code))
                filter.excludeCountryIds << code;
        }
    }
    if (parser.isSet(QStringLiteral("sort-by"))) {
        const auto key = sortKeyFromName(parser.value(QStringLiteral("sort-by")).trimmed());
        if (!key)
            error = QStringLiteral("--sort-by must be one of created_at, age, gender_probability, name, country; "
                                   "not '%1'.")
                        .arg(parser.value(QStringLiteral("sort-by")));
        else
            filter.sortBy = *key;
        filter.sortExplicit = true;
    }
    if (parser.isSet(QStringLiteral("order"))) {
        const auto order = sortOrderFromName(parser.value(QStringLiteral("order")).trimmed());
        if (!order)
            error = QStringLiteral("--order must be asc or desc, not '%1'.").arg(parser.value(QStringLiteral("order")));
        else
            filter.order = *order;
        filter.sortExplicit = true;
    }
    if (!error.isEmpty()) {
        fail(io, command, json, error);
        return std::nullopt;
    }
    QString why;
    if (filter.isContradictory(&why)) {
        fail(io, command, json,
             why.isEmpty() ? QStringLiteral("These filters contradict each other: nothing can match.") : why);
        return std::nullopt;
    }
    *exitCode = Success;
    return request;
}

} // namespace insighta::cli
