#include "ui/search/QueryRewrite.h"

#include "core/profiles/Countries.h"

#include <QCoreApplication>

namespace insighta {

namespace {

const QChar kEnDash(0x2013);

QString tr(const char *text)
{
    return QCoreApplication::translate("QueryRewrite", text);
}

// Other terms keep their kinds and nothing new goes unrecognised: the rewrite changed one term.
bool sameShapeExcept(const ParsedQuery &before, const ParsedQuery &after, int index)
{
    if (before.terms.size() != after.terms.size() || before.unrecognised != after.unrecognised)
        return false;
    for (qsizetype i = 0; i < before.terms.size(); ++i) {
        if (i != index && before.terms.at(i).kind != after.terms.at(i).kind)
            return false;
    }
    return true;
}

} // namespace

QStringList QueryRewrite::phrasesFor(QueryTerm::Kind kind, const QString &value)
{
    switch (kind) {
    case QueryTerm::Kind::Gender:
        if (value == genderName(Gender::Female))
            return {QStringLiteral("women"), QStringLiteral("females")};
        if (value == genderName(Gender::Male))
            return {QStringLiteral("men"), QStringLiteral("males")};
        return {};
    case QueryTerm::Kind::AgeGroup: {
        static const QHash<QString, QString> plurals{
            {QStringLiteral("child"), QStringLiteral("children")},
            {QStringLiteral("teenager"), QStringLiteral("teenagers")},
            {QStringLiteral("adult"), QStringLiteral("adults")},
            {QStringLiteral("senior"), QStringLiteral("seniors")},
        };
        if (!plurals.contains(value))
            return {};
        return {plurals.value(value), value};
    }
    case QueryTerm::Kind::Young:
        return {QStringLiteral("young")};
    case QueryTerm::Kind::MinAge:
        return {QStringLiteral("at least ") + value, QStringLiteral("aged ") + value + QLatin1Char('+')};
    case QueryTerm::Kind::MaxAge:
        return {QStringLiteral("at most ") + value, QStringLiteral("aged ") + value + QStringLiteral(" or younger")};
    case QueryTerm::Kind::AgeRange: {
        const QStringList parts = value.split(kEnDash);
        if (parts.size() == 1)
            return {QStringLiteral("aged ") + value};
        return {QStringLiteral("between %1 and %2").arg(parts.at(0), parts.at(1)),
                QStringLiteral("aged %1 to %2").arg(parts.at(0), parts.at(1))};
    }
    case QueryTerm::Kind::Country: {
        const Country *country = Countries::instance().byCode(value);
        if (!country)
            return {};
        QStringList phrases;
        for (const QString &name : {country->name, country->commonName, country->officialName}) {
            if (!name.isEmpty() && !phrases.contains(name))
                phrases << name;
        }
        // Capital codes count after "from" even when they are English words ("from IN").
        phrases << QStringLiteral("from ") + country->alpha2;
        return phrases;
    }
    case QueryTerm::Kind::ExcludeCountry: {
        const Country *country = Countries::instance().byCode(value);
        if (!country)
            return {};
        return {QStringLiteral("not from ") + country->name, QStringLiteral("except ") + country->name};
    }
    case QueryTerm::Kind::MinGenderProbability:
        return {QStringLiteral("with gender probability at least ") + value};
    case QueryTerm::Kind::MinCountryProbability:
        return {QStringLiteral("with country probability at least ") + value};
    case QueryTerm::Kind::Sort: {
        const QString key = value.section(QLatin1Char(' '), 0, 0);
        const QString order = value.section(QLatin1Char(' '), 1, 1);
        static const QHash<QString, QString> words{
            {QStringLiteral("created_at"), QStringLiteral("created")},
            {QStringLiteral("age"), QStringLiteral("age")},
            {QStringLiteral("name"), QStringLiteral("name")},
            {QStringLiteral("country"), QStringLiteral("country")},
            {QStringLiteral("gender_probability"), QStringLiteral("gender probability")},
        };
        if (!words.contains(key) || (order != QLatin1String("asc") && order != QLatin1String("desc")))
            return {};
        return {QStringLiteral("sorted by %1 %2").arg(words.value(key), order)};
    }
    }
    return {};
}

QueryRewrite::Edit QueryRewrite::replaceTerm(const QString &query, const ParsedQuery &parsed, int index,
                                             QueryTerm::Kind kind, const QString &value)
{
    if (index < 0 || index >= parsed.terms.size())
        return {{}, tr("That part of the query is gone; nothing was changed.")};
    const QueryTerm &term = parsed.terms.at(index);
    if (term.position < 0 || term.position + term.length > query.size())
        return {{}, tr("That part of the query is gone; nothing was changed.")};

    // The contradictions a person makes most often, said plainly before any parsing.
    const ProfileFilter &filter = parsed.filter;
    if (kind == QueryTerm::Kind::MinAge && filter.maxAge && value.toInt() > *filter.maxAge)
        return {{},
                tr("The minimum age (%1) cannot be above the maximum age (%2); the query was not changed.")
                    .arg(value)
                    .arg(*filter.maxAge)};
    if (kind == QueryTerm::Kind::MaxAge && filter.minAge && value.toInt() < *filter.minAge)
        return {{},
                tr("The maximum age (%1) cannot be below the minimum age (%2); the query was not changed.")
                    .arg(value)
                    .arg(*filter.minAge)};
    if (kind == QueryTerm::Kind::AgeRange) {
        const QStringList parts = value.split(kEnDash);
        if (parts.size() == 2 && parts.at(1).toInt() < parts.at(0).toInt())
            return {{},
                    tr("The age range cannot end (%1) below where it starts (%2); the query was not changed.")
                        .arg(parts.at(1), parts.at(0))};
    }

    QString parseError;
    for (const QString &phrase : phrasesFor(kind, value)) {
        QString rewritten = query;
        // "men with gender probability above 0.9": the term starts after "with", so the
        // phrase's own "with" is not written twice.
        const QString lead = phrase.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ');
        const QString before = query.left(term.position);
        const bool leadWritten = phrase.contains(QLatin1Char(' '))
            && (before.endsWith(QLatin1Char(' ') + lead, Qt::CaseInsensitive)
                || before.compare(lead, Qt::CaseInsensitive) == 0);
        const QString words = leadWritten ? phrase.mid(lead.size()) : phrase;
        rewritten.replace(term.position, term.length, words);
        const ParsedQuery again = QueryParser::parse(rewritten);
        if (!again.ok()) {
            if (parseError.isEmpty())
                parseError = again.error;
            continue;
        }
        if (!sameShapeExcept(parsed, again, index))
            continue;
        const QueryTerm &edited = again.terms.at(index);
        if (edited.kind == kind && edited.value == value)
            return {rewritten, {}};
    }
    if (!parseError.isEmpty())
        return {{},
                tr("%1 The query was not changed.")
                    .arg(parseError.endsWith(QLatin1Char('.')) ? parseError : parseError + QLatin1Char('.'))};
    return {{}, tr("The query cannot say that here; edit the text instead. Nothing was changed.")};
}

QString QueryRewrite::removeTerm(const QString &query, const QueryTerm &term)
{
    QString rewritten = query;
    if (term.position >= 0 && term.position + term.length <= rewritten.size())
        rewritten.remove(term.position, term.length);
    return rewritten.simplified();
}

} // namespace insighta
