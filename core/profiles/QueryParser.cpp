#include "core/profiles/QueryParser.h"

#include "core/profiles/Countries.h"
#include "core/profiles/QueryPhrases.h"
#include "core/profiles/QueryTokens.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

namespace insighta {

using query::Phrase;
using query::PhraseKind;
using query::PhraseTable;
using query::Token;
using query::TokenKind;
using query::Vocabulary;

namespace {

// "confidently female", "definitely Nigerian": a probability of at least this much. 0.9 is the
// usual bar for "confident" in the name- and country-guessing services the data comes from, and
// a tenth of the profiles or fewer fall below it for a typical name.
constexpr double kConfident = 0.90;

struct Bound
{
    std::optional<int> min;
    std::optional<int> max;
    int term = -1; // index into terms
};

QString rangeValue(int min, int max)
{
    return QStringLiteral("%1\u2013%2").arg(min).arg(max);
}

QString probabilityValue(double p)
{
    return QString::number(p, 'f', 2);
}

enum class Side { None, Min, Max };

struct Comparison
{
    Side side = Side::None;
    int age = 0;
    qsizetype end = 0; // one past the last token
};

class Parse
{
public:
    explicit Parse(const QString &query)
        : m_query(query)
        , m_tokens(query::tokenize(query))
        , m_allCaps(query.toUpper() == query)
    {
    }

    ParsedQuery run();

private:
    // Token helpers -----------------------------------------------------------------------
    bool isWord(qsizetype i, const char *word) const
    {
        return i >= 0 && i < m_tokens.size() && m_tokens.at(i).kind == TokenKind::Word
            && m_tokens.at(i).norm == QLatin1String(word);
    }
    bool isAnyWord(qsizetype i, std::initializer_list<const char *> words) const
    {
        for (const char *word : words) {
            if (isWord(i, word))
                return true;
        }
        return false;
    }
    // An integer age: not a decimal, and not a percentage ("at least 80%" is no age).
    bool isAge(qsizetype i) const
    {
        return i < m_tokens.size() && m_tokens.at(i).kind == TokenKind::Number && m_tokens.at(i).integer
            && !isKind(i + 1, TokenKind::Percent) && !isAnyWord(i + 1, {"percent"});
    }
    bool isKind(qsizetype i, TokenKind kind) const { return i < m_tokens.size() && m_tokens.at(i).kind == kind; }
    int ageAt(qsizetype i) const { return m_tokens.at(i).number; }
    QString textOf(qsizetype from, qsizetype to) const
    {
        return m_query.mid(m_tokens.at(from).start, m_tokens.at(to - 1).end - m_tokens.at(from).start);
    }

    qsizetype skipYears(qsizetype i) const;
    std::pair<qsizetype, Side> suffixBound(qsizetype i) const;
    std::optional<Comparison> comparisonAt(qsizetype i) const;
    std::optional<int> decadeAt(qsizetype i) const;
    std::pair<const Phrase *, qsizetype> phraseAt(qsizetype i) const;
    bool codeAt(qsizetype i) const;
    qsizetype skipCountryPreposition(qsizetype i) const;

    // Recording -----------------------------------------------------------------------------
    int addTerm(QueryTerm::Kind kind, qsizetype from, qsizetype to, const QString &value);
    void addSpan(QuerySpan::Role role, qsizetype from, qsizetype to, const QStringList &suggestions = {});
    void addRange(qsizetype from, qsizetype to, int a, int b);
    void addSide(qsizetype from, qsizetype to, Side side, int age);
    // A matcher found a negation or probability the filter cannot express: the query is refused.
    qsizetype refuse(const QString &message)
    {
        if (m_refusal.isEmpty())
            m_refusal = message;
        return 0;
    }

    // Matchers: each returns the number of tokens it consumed at i (0 = no match). ----------
    qsizetype matchNegation(qsizetype i);
    qsizetype matchNegated(qsizetype i, qsizetype at);
    qsizetype matchExcludedCountries(qsizetype i, qsizetype k);
    qsizetype matchProbability(qsizetype i);
    qsizetype matchProbabilityWords(qsizetype i);
    qsizetype matchSurePercent(qsizetype i);
    qsizetype matchAge(qsizetype i);
    qsizetype matchSort(qsizetype i);
    qsizetype matchSuperlative(qsizetype i);
    qsizetype matchCode(qsizetype i);
    qsizetype matchPhrase(qsizetype i);

    void correctTypos();
    void scan();
    QString combine(ParsedQuery &result);
    QString combineGender(ProfileFilter &filter) const;
    QString combineAges(ParsedQuery &result);
    QString combineCountries(ProfileFilter &filter) const;

    const QString m_query;
    QList<Token> m_tokens;
    const bool m_allCaps;

    QList<QueryTerm> m_terms;
    QList<QuerySpan> m_spans;
    QList<Bound> m_bounds;
    QList<Gender> m_genders;
    QList<Gender> m_excludedGenders;
    QList<AgeGroup> m_groups;
    QStringList m_countries;
    QStringList m_excludedCountries;
    QStringList m_includeTexts; // the words that named included countries
    QStringList m_excludeTexts;
    QStringList m_unrecognised;
    std::optional<double> m_minGenderProbability;
    std::optional<double> m_minCountryProbability;
    int m_youngTerm = -1;
    std::optional<std::pair<SortKey, SortOrder>> m_sort;
    QString m_refusal;
    QHash<qsizetype, QString> m_written; // token index -> the typo as written, for corrected tokens
};

// ---------------------------------------------------------------------------------------------
// Helpers

// "years", "years old", "yrs of age", "year-olds": optional unit after an age. Returns the
// index after it.
qsizetype Parse::skipYears(qsizetype i) const
{
    qsizetype j = i;
    if (isKind(j, TokenKind::Dash) && isAnyWord(j + 1, {"year", "years", "yr", "yrs"}))
        ++j;
    if (!isAnyWord(j, {"year", "years", "yr", "yrs", "yo"}))
        return i;
    ++j;
    if (isKind(j, TokenKind::Dash) && isAnyWord(j + 1, {"old", "olds"}))
        ++j;
    if (isAnyWord(j, {"old", "olds"}))
        return j + 1;
    if (isWord(j, "of") && isWord(j + 1, "age"))
        return j + 2;
    return j;
}

// After "N" (at i): "+", "and above", "or older", "or younger", "and under". Returns tokens
// consumed and the side.
std::pair<qsizetype, Side> Parse::suffixBound(qsizetype i) const
{
    if (isKind(i, TokenKind::Plus))
        return {1, Side::Min};
    if (isAnyWord(i, {"and", "or"})) {
        if (isAnyWord(i + 1, {"above", "over", "older", "up", "more", "greater"}))
            return {2, Side::Min};
        if (isAnyWord(i + 1, {"below", "under", "younger", "less", "fewer"}))
            return {2, Side::Max};
    }
    if (isWord(i, "plus"))
        return {1, Side::Min};
    return {0, Side::None};
}

// "above 30", "older than the age of 30", "at most 30 years", "> 30": one side of the ages.
std::optional<Comparison> Parse::comparisonAt(qsizetype i) const
{
    Side side = Side::None;
    qsizetype j = i;
    if (isAnyWord(i, {"above", "over", "min", "minimum"})) {
        side = Side::Min;
        j = i + 1;
    } else if (isAnyWord(i, {"older", "more", "greater"}) && isWord(i + 1, "than")) {
        side = Side::Min;
        j = i + 2;
    } else if (isWord(i, "at") && isWord(i + 1, "least")) {
        side = Side::Min;
        j = i + 2;
    } else if (isAnyWord(i, {"below", "under", "max", "maximum"})) {
        side = Side::Max;
        j = i + 1;
    } else if (isAnyWord(i, {"younger", "less"}) && isWord(i + 1, "than")) {
        side = Side::Max;
        j = i + 2;
    } else if ((isWord(i, "at") && isWord(i + 1, "most")) || (isWord(i, "up") && isWord(i + 1, "to"))) {
        side = Side::Max;
        j = i + 2;
    } else if (isKind(i, TokenKind::Compare)) {
        side = m_tokens.at(i).norm.startsWith(QLatin1Char('>')) ? Side::Min : Side::Max;
        j = i + 1;
    }
    if (side == Side::None)
        return std::nullopt;
    // "over the age of 30", "min age 18"
    if (isWord(j, "the") && isWord(j + 1, "age") && isWord(j + 2, "of"))
        j += 3;
    else if (isWord(j, "age"))
        j += isWord(j + 1, "of") ? 2 : 1;
    if (!isAge(j))
        return std::nullopt;
    return Comparison{side, ageAt(j), skipYears(j + 1)};
}

std::optional<int> Parse::decadeAt(qsizetype i) const
{
    if (isKind(i, TokenKind::Decade) && ageAt(i) % 10 == 0)
        return ageAt(i);
    static const QHash<QString, int> words{
        {QStringLiteral("teens"), 10},     {QStringLiteral("twenties"), 20}, {QStringLiteral("thirties"), 30},
        {QStringLiteral("forties"), 40},   {QStringLiteral("fifties"), 50},  {QStringLiteral("sixties"), 60},
        {QStringLiteral("seventies"), 70}, {QStringLiteral("eighties"), 80}, {QStringLiteral("nineties"), 90},
    };
    if (isKind(i, TokenKind::Word) && words.contains(m_tokens.at(i).norm))
        return words.value(m_tokens.at(i).norm);
    return std::nullopt;
}

// The longest phrase of the table starting at i, and the index after it. A dash between words
// is part of the phrase ("guinea-bissau", "grown-up"). Longest first settles "equatorial guinea"
// against "guinea" and "isle of man" against "man".
std::pair<const Phrase *, qsizetype> Parse::phraseAt(qsizetype i) const
{
    const PhraseTable &table = PhraseTable::instance();
    QList<qsizetype> wordIndexes;
    qsizetype k = i;
    while (k < m_tokens.size() && wordIndexes.size() < table.maxWords()) {
        if (m_tokens.at(k).kind == TokenKind::Word) {
            wordIndexes.append(k);
            ++k;
        } else if (!wordIndexes.isEmpty() && m_tokens.at(k).kind == TokenKind::Dash && k + 1 < m_tokens.size()
                   && m_tokens.at(k + 1).kind == TokenKind::Word) {
            ++k;
        } else {
            break;
        }
    }
    for (qsizetype count = wordIndexes.size(); count > 0; --count) {
        QStringList words;
        for (qsizetype w = 0; w < count; ++w)
            words << m_tokens.at(wordIndexes.at(w)).norm;
        if (const Phrase *phrase = table.find(words.join(QLatin1Char(' '))))
            return {phrase, wordIndexes.at(count - 1) + 1};
    }
    return {nullptr, i};
}

// Two-letter codes count only when written in capitals ("NG", never "ng"). Codes that are also
// English words ("IN", "IT", "US", "ME", "NO") - and any code in a query typed all in capitals -
// count only right after a country preposition ("from IT"), so "WOMEN IN NIGERIA" is not India.
bool Parse::codeAt(qsizetype i) const
{
    if (i >= m_tokens.size())
        return false;
    const Token &token = m_tokens.at(i);
    if (token.kind != TokenKind::Word || token.text.size() != 2)
        return false;
    for (const QChar c : token.text) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return false;
    }
    if (!Countries::instance().byCode(token.text))
        return false;
    static const QSet<QString> englishWords{
        QStringLiteral("in"), QStringLiteral("is"), QStringLiteral("it"), QStringLiteral("at"), QStringLiteral("be"),
        QStringLiteral("by"), QStringLiteral("do"), QStringLiteral("go"), QStringLiteral("me"), QStringLiteral("my"),
        QStringLiteral("no"), QStringLiteral("so"), QStringLiteral("to"), QStringLiteral("am"), QStringLiteral("as"),
        QStringLiteral("an"), QStringLiteral("or"), QStringLiteral("on"), QStringLiteral("us"), QStringLiteral("pe"),
        QStringLiteral("id"), QStringLiteral("hi"),
    };
    if (m_allCaps || englishWords.contains(token.norm)) {
        qsizetype p = i - 1;
        if (p >= 0 && isWord(p, "the"))
            --p;
        if (p < 0 || !isAnyWord(p, {"from", "in", "of", "than", "outside", "except", "excluding"}))
            return false;
    }
    return true;
}

// "from", "in", "living in", "the", "people from": the words between a negation and its country.
qsizetype Parse::skipCountryPreposition(qsizetype i) const
{
    qsizetype j = i;
    while (isAnyWord(j,
                     {"from", "in", "of", "the", "living", "based", "residing", "people", "those", "anyone", "persons",
                      "being", "a", "an"}))
        ++j;
    return j;
}

// ---------------------------------------------------------------------------------------------
// Recording

QuerySpan::Role roleOf(QueryTerm::Kind kind)
{
    return kind == QueryTerm::Kind::Sort ? QuerySpan::Role::Sort : QuerySpan::Role::Filter;
}

// Records a term over the text of tokens [from, to), and its span.
int Parse::addTerm(QueryTerm::Kind kind, qsizetype from, qsizetype to, const QString &value)
{
    QueryTerm term;
    term.kind = kind;
    term.position = m_tokens.at(from).start;
    term.length = m_tokens.at(to - 1).end - term.position;
    term.text = m_query.mid(term.position, term.length);
    term.value = value;
    m_terms.append(term);
    const int index = int(m_terms.size() - 1);
    m_spans.append(QuerySpan{roleOf(kind), term.text, term.position, term.length, index, {}});
    return index;
}

void Parse::addSpan(QuerySpan::Role role, qsizetype from, qsizetype to, const QStringList &suggestions)
{
    const qsizetype position = m_tokens.at(from).start;
    const qsizetype length = m_tokens.at(to - 1).end - position;
    m_spans.append(QuerySpan{role, m_query.mid(position, length), position, length, -1, suggestions});
}

void Parse::addRange(qsizetype from, qsizetype to, int a, int b)
{
    const int lo = std::min(a, b);
    const int hi = std::max(a, b);
    const int term = addTerm(QueryTerm::Kind::AgeRange, from, to, lo == hi ? QString::number(lo) : rangeValue(lo, hi));
    m_bounds.append(Bound{lo, hi, term});
}

void Parse::addSide(qsizetype from, qsizetype to, Side side, int age)
{
    if (side == Side::Min)
        m_bounds.append(Bound{age, std::nullopt, addTerm(QueryTerm::Kind::MinAge, from, to, QString::number(age))});
    else
        m_bounds.append(Bound{std::nullopt, age, addTerm(QueryTerm::Kind::MaxAge, from, to, QString::number(age))});
}

// ---------------------------------------------------------------------------------------------
// Negation: "not from X", "except X", "outside X", "excluding X", "non-X", "other than X",
// "not male", "no older than 40". Each becomes a condition the filter can hold exactly, or the
// query is refused; a negation is never dropped.

qsizetype Parse::matchNegation(qsizetype i)
{
    // "not only women", "not just men": "not" negates nothing here.
    if (isWord(i, "not") && isAnyWord(i + 1, {"only", "just", "necessarily"})) {
        addSpan(QuerySpan::Role::StopWord, i, i + 2);
        return 2;
    }
    qsizetype at = 0; // where the negated words start
    if (isAnyWord(i, {"not", "except", "excluding", "exclude", "outside", "besides"}))
        at = i + 1;
    else if (isWord(i, "no") && !codeAt(i))
        at = i + 1;
    else if (isWord(i, "but") && isWord(i + 1, "not"))
        at = i + 2;
    else if ((isWord(i, "other") && isWord(i + 1, "than"))
             || (isAnyWord(i, {"apart", "aside"}) && isWord(i + 1, "from")))
        at = i + 2;
    else if (isWord(i, "non"))
        at = isKind(i + 1, TokenKind::Dash) ? i + 2 : i + 1;
    if (at == 0)
        return 0;
    if (isWord(i, "except") && isWord(at, "for"))
        ++at;
    return matchNegated(i, at);
}

qsizetype Parse::matchNegated(qsizetype i, qsizetype at)
{
    const QString negation = textOf(i, at);
    // "no older than 40" is at most 40, "not under 18" at least 18: people mean the bound
    // itself is still in ("no older than 40" includes 40), so the side flips and N stays.
    if (const auto comparison = comparisonAt(at)) {
        addSide(i, comparison->end, comparison->side == Side::Min ? Side::Max : Side::Min, comparison->age);
        return comparison->end - i;
    }
    if (isWord(at, "between") || isAnyWord(at, {"aged"}) || decadeAt(at) || (isWord(at, "in") && decadeAt(at + 2)))
        return refuse(QStringLiteral("Unable to search for \"%1\": ages outside a range are two ranges, which one "
                                     "filter cannot express. Search for the younger and the older ones separately.")
                          .arg(textOf(i, std::min<qsizetype>(at + 2, m_tokens.size()))));
    const qsizetype k = skipCountryPreposition(at);
    const auto [phrase, end] = phraseAt(k);
    if (phrase && phrase->kind == PhraseKind::Gender) {
        // Every profile is male or female, so "not male" is exactly "female".
        m_excludedGenders.append(phrase->gender);
        const Gender other = phrase->gender == Gender::Male ? Gender::Female : Gender::Male;
        addTerm(QueryTerm::Kind::Gender, i, end, genderName(other));
        return end - i;
    }
    if (phrase && phrase->kind == PhraseKind::AgeGroup
        && (phrase->group == AgeGroup::Child || phrase->group == AgeGroup::Senior)) {
        // The youngest and the oldest group leave one range behind; the middle ones leave two.
        const bool child = phrase->group == AgeGroup::Child;
        addSide(i, end, child ? Side::Min : Side::Max,
                child ? ageRangeOf(AgeGroup::Child).max + 1 : ageRangeOf(AgeGroup::Senior).min - 1);
        return end - i;
    }
    if (phrase && (phrase->kind == PhraseKind::AgeGroup || phrase->kind == PhraseKind::Young))
        return refuse(QStringLiteral("Unable to search for \"%1\": the ages outside that group are two ranges, "
                                     "which one filter cannot express. Search for the younger and the older ones "
                                     "separately.")
                          .arg(textOf(i, end)));
    if (phrase && phrase->kind == PhraseKind::Region)
        return refuse(QStringLiteral("Unable to search for \"%1\": the search knows countries, not regions, so it "
                                     "cannot leave a region out. Name the countries instead.")
                          .arg(textOf(i, end)));
    if ((phrase && phrase->kind == PhraseKind::Country) || codeAt(k))
        return matchExcludedCountries(i, k);
    const QString next = at < m_tokens.size() ? textOf(i, at + 1) : negation;
    return refuse(QStringLiteral("Unable to search for \"%1\": a negation must come before a country, a gender, an "
                                 "age group or an age bound, e.g. \"not from Nigeria\", \"not male\", "
                                 "\"no older than 40\".")
                      .arg(next));
}

// The countries after a negation, several joined by and/or/nor: "except Kenyans and Ghanaians".
qsizetype Parse::matchExcludedCountries(qsizetype i, qsizetype k)
{
    QStringList codes;
    qsizetype end = k;
    while (true) {
        const auto [phrase, after] = phraseAt(k);
        if (phrase && phrase->kind == PhraseKind::Country) {
            codes << phrase->codes;
            end = after;
        } else if (codeAt(k)) {
            codes << m_tokens.at(k).text;
            end = k + 1;
        } else {
            break;
        }
        if (!isAnyWord(end, {"and", "or", "nor"}))
            break;
        const qsizetype next = skipCountryPreposition(end + 1 + (isWord(end + 1, "not") ? 1 : 0));
        const auto [nextPhrase, nextEnd] = phraseAt(next);
        if (!(nextPhrase && nextPhrase->kind == PhraseKind::Country) && !codeAt(next))
            break;
        k = next;
    }
    codes.removeDuplicates();
    m_excludedCountries << codes;
    m_excludeTexts << QStringLiteral("\"%1\"").arg(textOf(i, end));
    addTerm(QueryTerm::Kind::ExcludeCountry, i, end, codes.join(QLatin1Char(',')));
    return end - i;
}

// ---------------------------------------------------------------------------------------------
// Probabilities: "gender probability above 0.9", "country probability >= 50%", "at least 80%
// sure of their country", "90% likely male", "confidently female".

qsizetype Parse::matchProbability(qsizetype i)
{
    if (qsizetype used = matchProbabilityWords(i))
        return used;
    if (qsizetype used = matchSurePercent(i))
        return used;
    // "confidently female", "definitely Nigerian": the word after says which probability.
    if (isAnyWord(i, {"confidently", "definitely"})) {
        const auto [phrase, end] = phraseAt(i + 1);
        if (phrase && phrase->kind == PhraseKind::Gender) {
            m_minGenderProbability = std::max(m_minGenderProbability.value_or(0), kConfident);
            addTerm(QueryTerm::Kind::MinGenderProbability, i, i + 1, probabilityValue(kConfident));
            return 1;
        }
        if (phrase && phrase->kind == PhraseKind::Country) {
            m_minCountryProbability = std::max(m_minCountryProbability.value_or(0), kConfident);
            addTerm(QueryTerm::Kind::MinCountryProbability, i, i + 1, probabilityValue(kConfident));
            return 1;
        }
    }
    return 0;
}

qsizetype Parse::matchProbabilityWords(qsizetype i)
{
    // (gender|sex|country|nationality) (probability|confidence|certainty|likelihood)
    const bool gender = isAnyWord(i, {"gender", "sex"});
    if (!(gender || isAnyWord(i, {"country", "nationality"}))
        || !isAnyWord(i + 1, {"probability", "confidence", "certainty", "likelihood"}))
        return 0;
    qsizetype j = i + 2;
    if (isAnyWord(j, {"of", "is"}))
        ++j;
    bool minimum = true;
    if (isAnyWord(j, {"above", "over", "min", "minimum"}))
        j += 1;
    else if ((isAnyWord(j, {"more", "greater", "higher"}) && isWord(j + 1, "than"))
             || (isWord(j, "at") && isWord(j + 1, "least")))
        j += 2;
    else if (isAnyWord(j, {"no", "not"}) && isAnyWord(j + 1, {"less", "lower"}) && isWord(j + 2, "than"))
        j += 3;
    else if (isKind(j, TokenKind::Compare))
        minimum = m_tokens.at(j++).norm.startsWith(QLatin1Char('>'));
    else if (isAnyWord(j, {"below", "under", "max", "maximum"}) || (isWord(j, "at") && isWord(j + 1, "most"))
             || (isAnyWord(j, {"less", "lower"}) && isWord(j + 1, "than")))
        minimum = false;
    else
        return 0;
    if (!minimum)
        return refuse(QStringLiteral("Unable to search for \"%1\": only a minimum probability can be searched for "
                                     "(e.g. \"gender probability above 0.9\").")
                          .arg(textOf(i, std::min<qsizetype>(j + 2, m_tokens.size()))));
    if (!isKind(j, TokenKind::Number))
        return 0;
    double value = m_tokens.at(j).real;
    qsizetype end = j + 1;
    const bool percent = isKind(end, TokenKind::Percent) || isWord(end, "percent");
    if (percent)
        ++end;
    // "above 0.9" and "above 90%" are the same; "above 90" can only mean a percentage.
    if (percent || value > 1.0)
        value /= 100.0;
    auto &minimumOf = gender ? m_minGenderProbability : m_minCountryProbability;
    minimumOf = std::max(minimumOf.value_or(0), value);
    addTerm(gender ? QueryTerm::Kind::MinGenderProbability : QueryTerm::Kind::MinCountryProbability, i, end,
            probabilityValue(value));
    return end - i;
}

// [at least|over|...] N% (sure|certain|confident|likely) [of their] (country|gender) — or
// followed by the gender or country word it is about ("90% likely male"), which stays a term of
// its own.
qsizetype Parse::matchSurePercent(qsizetype i)
{
    qsizetype j = i;
    if (isAnyWord(j, {"above", "over"}))
        j += 1;
    else if ((isAnyWord(j, {"more", "greater"}) && isWord(j + 1, "than"))
             || (isWord(j, "at") && isWord(j + 1, "least")))
        j += 2;
    else if (isKind(j, TokenKind::Compare) && m_tokens.at(j).norm.startsWith(QLatin1Char('>')))
        j += 1;
    if (!isKind(j, TokenKind::Number))
        return 0;
    double value = m_tokens.at(j).real;
    qsizetype k = j + 1;
    if (isKind(k, TokenKind::Percent) || isWord(k, "percent")) {
        value /= 100.0;
        ++k;
    } else if (m_tokens.at(j).integer || value > 1.0) {
        return 0; // "at least 30 sure" is no probability
    }
    if (!isAnyWord(k, {"sure", "certain", "confident", "likely", "probable"}))
        return 0;
    ++k;
    qsizetype about = k;
    while (isAnyWord(about,
                     {"of", "about", "on", "their", "the", "his", "her", "to", "be", "a", "an", "that", "they", "are",
                      "is", "from"}))
        ++about;
    std::optional<bool> gender;
    qsizetype end = k;
    if (isAnyWord(about, {"gender", "sex"})) {
        gender = true;
        end = about + 1;
    } else if (isAnyWord(about, {"country", "nationality", "origin"})) {
        gender = false;
        end = about + 1;
    } else if (const auto [phrase, after] = phraseAt(about); phrase) {
        Q_UNUSED(after);
        if (phrase->kind == PhraseKind::Gender)
            gender = true;
        else if (phrase->kind == PhraseKind::Country)
            gender = false;
        end = about; // the gender or country word is a term of its own
    }
    if (!gender)
        return refuse(QStringLiteral("Unable to search for \"%1\": say which probability, e.g. \"90% sure of their "
                                     "gender\", \"80% sure of their country\" or \"90% likely male\".")
                          .arg(textOf(i, k)));
    auto &minimumOf = *gender ? m_minGenderProbability : m_minCountryProbability;
    minimumOf = std::max(minimumOf.value_or(0), value);
    addTerm(*gender ? QueryTerm::Kind::MinGenderProbability : QueryTerm::Kind::MinCountryProbability, i, end,
            probabilityValue(value));
    return end - i;
}

// ---------------------------------------------------------------------------------------------
// Ages

qsizetype Parse::matchAge(qsizetype i)
{
    // "in their 30s", "in his forties"
    if (isWord(i, "in") && isAnyWord(i + 1, {"their", "his", "her", "the"})) {
        if (const auto decade = decadeAt(i + 2); decade && *decade >= 20) {
            addRange(i, i + 3, *decade, *decade + 9);
            return 3;
        }
    }
    if (const auto decade = decadeAt(i); decade && (isKind(i, TokenKind::Decade) || *decade >= 20)) {
        addRange(i, i + 1, *decade, *decade + 9);
        return 1;
    }
    // between [the] [ages|age] [of] N (and|to|-) M [years]
    if (isWord(i, "between")) {
        qsizetype j = i + 1;
        if (isWord(j, "the"))
            ++j;
        if (isAnyWord(j, {"ages", "age"}))
            ++j;
        if (isWord(j, "of"))
            ++j;
        if (isAge(j) && (isAnyWord(j + 1, {"and", "to"}) || isKind(j + 1, TokenKind::Dash)) && isAge(j + 2)) {
            const qsizetype end = skipYears(j + 3);
            addRange(i, end, ageAt(j), ageAt(j + 2));
            return end - i;
        }
        return 0;
    }
    // aged|age|ages [between] N ... / from N to M
    if (isAnyWord(i, {"aged", "age", "ages", "from"})) {
        const bool from = isWord(i, "from");
        qsizetype j = i + 1;
        if (!from && isWord(j, "between"))
            ++j;
        if (!isAge(j))
            return 0;
        if ((isAnyWord(j + 1, {"to", "and"}) || isKind(j + 1, TokenKind::Dash)) && isAge(j + 2)) {
            const qsizetype end = skipYears(j + 3);
            addRange(i, end, ageAt(j), ageAt(j + 2));
            return end - i;
        }
        if (from)
            return 0;
        const qsizetype afterUnit = skipYears(j + 1);
        const auto [length, side] = suffixBound(afterUnit);
        if (side != Side::None) {
            addSide(i, afterUnit + length, side, ageAt(j));
            return afterUnit + length - i;
        }
        addRange(i, afterUnit, ageAt(j), ageAt(j)); // "aged 30" is exactly 30
        return afterUnit - i;
    }
    // Lower bounds: above/over/older than/at least/more than N; upper: below/under/younger than...
    if (const auto comparison = comparisonAt(i)) {
        addSide(i, comparison->end, comparison->side, comparison->age);
        return comparison->end - i;
    }
    // A bare number: N-M, N to M, N+, N and above, N or younger, N years old.
    if (isAge(i)) {
        if ((isKind(i + 1, TokenKind::Dash) || isWord(i + 1, "to")) && isAge(i + 2)) {
            const qsizetype end = skipYears(i + 3);
            addRange(i, end, ageAt(i), ageAt(i + 2));
            return end - i;
        }
        const qsizetype afterUnit = skipYears(i + 1);
        const auto [length, suffix] = suffixBound(afterUnit);
        if (suffix != Side::None) {
            addSide(i, afterUnit + length, suffix, ageAt(i));
            return afterUnit + length - i;
        }
        // "30 years old", "30-year-olds": exactly that age (the unit must say it is an age).
        if (afterUnit > i + 1) {
            addRange(i, afterUnit, ageAt(i), ageAt(i));
            return afterUnit - i;
        }
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Sorts

qsizetype Parse::matchSort(qsizetype i)
{
    auto set = [this](qsizetype from, qsizetype to, SortKey key, SortOrder order) {
        m_sort = {key, order};
        addTerm(QueryTerm::Kind::Sort, from, to, sortKeyName(key) + QLatin1Char(' ') + sortOrderName(order));
        return to - from;
    };
    // "oldest first", "youngest first", "newest first", "most recent first"
    if (isWord(i + 1, "first")) {
        if (isAnyWord(i, {"oldest", "eldest"}))
            return set(i, i + 2, SortKey::Age, SortOrder::Desc);
        if (isWord(i, "youngest"))
            return set(i, i + 2, SortKey::Age, SortOrder::Asc);
        if (isAnyWord(i, {"newest", "latest", "recent"}))
            return set(i, i + 2, SortKey::CreatedAt, SortOrder::Desc);
        if (isAnyWord(i, {"earliest"}))
            return set(i, i + 2, SortKey::CreatedAt, SortOrder::Asc);
    }
    if (isWord(i, "most") && isWord(i + 1, "recent") && isWord(i + 2, "first"))
        return set(i, i + 3, SortKey::CreatedAt, SortOrder::Desc);
    if (isAnyWord(i, {"alphabetically", "alphabetical"}))
        return set(i, i + 1, SortKey::Name, SortOrder::Asc);
    if (qsizetype used = matchSuperlative(i))
        return used;

    // [sorted|sort|ordered|order] by KEY [asc|desc|...]
    qsizetype j = i;
    if (isAnyWord(j, {"sorted", "sort", "ordered", "order"}) && isWord(j + 1, "by"))
        j += 2;
    else if (isWord(j, "by"))
        j += 1;
    else
        return 0;
    std::optional<SortKey> key;
    if (isWord(j, "age")) {
        key = SortKey::Age;
        j += 1;
    } else if (isAnyWord(j, {"name", "names"})) {
        key = SortKey::Name;
        j += 1;
    } else if (isAnyWord(j, {"country", "countries"}) && !isWord(j + 1, "probability")) {
        key = SortKey::Country;
        j += 1;
    } else if (isWord(j, "gender") && isAnyWord(j + 1, {"probability", "confidence"})) {
        key = SortKey::GenderProbability;
        j += 2;
    } else if (isWord(j, "created") && isWord(j + 1, "at")) {
        key = SortKey::CreatedAt;
        j += 2;
    } else if (isAnyWord(j, {"created", "date", "creation"})) {
        key = SortKey::CreatedAt;
        j += 1;
        if (isAnyWord(j, {"added", "created", "date"}))
            ++j;
    }
    if (!key)
        return 0;
    // Unstated order: ascending for age, name and country; newest / most confident first.
    SortOrder order
        = (*key == SortKey::CreatedAt || *key == SortKey::GenderProbability) ? SortOrder::Desc : SortOrder::Asc;
    if (isAnyWord(j, {"asc", "ascending", "ascendingly"})) {
        order = SortOrder::Asc;
        ++j;
    } else if (isAnyWord(j, {"desc", "descending", "descendingly"})) {
        order = SortOrder::Desc;
        ++j;
    } else if (isWord(j + 1, "first")
               && isAnyWord(j, {"oldest", "youngest", "newest", "latest", "earliest", "highest", "lowest"})) {
        const bool ascending = *key == SortKey::Age ? isAnyWord(j, {"youngest", "lowest"})
                                                    : isAnyWord(j, {"oldest", "earliest", "lowest"});
        order = ascending ? SortOrder::Asc : SortOrder::Desc;
        j += 2;
    }
    return set(i, j, *key, order);
}

// "oldest women", "youngest men", "newest profiles", "earliest added", "most confident". The
// word after "oldest" tells the two meanings apart: a word for records ("oldest profiles",
// "oldest entries", "oldest added") means the earliest created; anything else ("oldest women",
// "oldest people", "oldest" alone) means the greatest age.
qsizetype Parse::matchSuperlative(qsizetype i)
{
    auto set = [this](qsizetype from, qsizetype to, SortKey key, SortOrder order) {
        m_sort = {key, order};
        addTerm(QueryTerm::Kind::Sort, from, to, sortKeyName(key) + QLatin1Char(' ') + sortOrderName(order));
        return to - from;
    };
    auto isRecordWord = [this](qsizetype k) {
        return isAnyWord(k,
                         {"profiles", "profile", "records", "record", "entries", "entry", "accounts", "account",
                          "additions", "signups", "added", "created", "registered", "imported", "imports"});
    };
    const qsizetype record = isRecordWord(i + 1) ? 2 : 1;
    if (isAnyWord(i, {"oldest", "eldest"}))
        return record == 2 ? set(i, i + 2, SortKey::CreatedAt, SortOrder::Asc)
                           : set(i, i + 1, SortKey::Age, SortOrder::Desc);
    if (isWord(i, "youngest"))
        return set(i, i + 1, SortKey::Age, SortOrder::Asc);
    if (isAnyWord(i, {"newest", "latest"}))
        return set(i, i + record, SortKey::CreatedAt, SortOrder::Desc);
    if (isWord(i, "earliest") || (isWord(i, "first") && isAnyWord(i + 1, {"added", "created", "registered"})))
        return set(i, i + record, SortKey::CreatedAt, SortOrder::Asc);
    if (isWord(i, "most") && isAnyWord(i + 1, {"recent", "recently"}))
        return set(i, i + 2 + (isRecordWord(i + 2) ? 1 : 0), SortKey::CreatedAt, SortOrder::Desc);
    if (isAnyWord(i, {"most", "least"}) && isAnyWord(i + 1, {"confident", "certain", "likely", "probable"}))
        return set(i, i + 2, SortKey::GenderProbability, isWord(i, "most") ? SortOrder::Desc : SortOrder::Asc);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Countries and the phrase table

qsizetype Parse::matchCode(qsizetype i)
{
    if (!codeAt(i))
        return 0;
    m_countries.append(m_tokens.at(i).text);
    m_includeTexts << QStringLiteral("\"%1\"").arg(m_tokens.at(i).text);
    addTerm(QueryTerm::Kind::Country, i, i + 1, m_tokens.at(i).text);
    return 1;
}

qsizetype Parse::matchPhrase(qsizetype i)
{
    const auto [phrase, end] = phraseAt(i);
    if (!phrase)
        return 0;
    switch (phrase->kind) {
    case PhraseKind::Country:
        m_countries << phrase->codes;
        m_includeTexts << QStringLiteral("\"%1\"").arg(textOf(i, end));
        addTerm(QueryTerm::Kind::Country, i, end, phrase->codes.join(QLatin1Char(',')));
        break;
    case PhraseKind::Region:
        m_unrecognised << textOf(i, end);
        addSpan(QuerySpan::Role::Ignored, i, end);
        break;
    case PhraseKind::Gender:
        m_genders.append(phrase->gender);
        addTerm(QueryTerm::Kind::Gender, i, end, genderName(phrase->gender));
        break;
    case PhraseKind::AgeGroup:
        m_groups.append(phrase->group);
        addTerm(QueryTerm::Kind::AgeGroup, i, end, ageGroupName(phrase->group));
        break;
    case PhraseKind::Young:
        if (m_youngTerm < 0)
            m_youngTerm = addTerm(QueryTerm::Kind::Young, i, end, rangeValue(16, 24));
        else
            addSpan(QuerySpan::Role::StopWord, i, end); // said twice, means it once
        break;
    case PhraseKind::Filler:
        addSpan(QuerySpan::Role::StopWord, i, end);
        break;
    }
    return end - i;
}

// ---------------------------------------------------------------------------------------------
// The parse

// Words the language does not know, but which are one or two edits from exactly one word it
// does (a gender, age or country word), are read as that word. Known words are never touched,
// so one real country never becomes another ("niger" stays Niger).
void Parse::correctTypos()
{
    const Vocabulary &vocabulary = Vocabulary::instance();
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        Token &token = m_tokens[i];
        if (token.kind != TokenKind::Word || vocabulary.isKnown(token.norm) || codeAt(i))
            continue;
        const query::Spelling spelling = vocabulary.spell(token.norm);
        if (spelling.corrected.isEmpty())
            continue;
        m_written.insert(i, token.text);
        token.norm = spelling.corrected;
    }
}

void Parse::scan()
{
    for (qsizetype i = 0; i < m_tokens.size();) {
        qsizetype used = matchNegation(i);
        if (!used)
            used = matchProbability(i);
        if (!used)
            used = matchAge(i);
        if (!used)
            used = matchSort(i);
        if (!used)
            used = matchCode(i);
        if (!used)
            used = matchPhrase(i);
        if (!used) {
            const Token &token = m_tokens.at(i);
            if (token.kind == TokenKind::Word || token.kind == TokenKind::Number || token.kind == TokenKind::Decade) {
                m_unrecognised << token.text;
                QStringList suggestions;
                if (m_written.contains(i)) {
                    // Corrected, but the corrected word means nothing here either.
                    suggestions << Vocabulary::instance().display(token.norm);
                    m_written.remove(i);
                } else if (token.kind == TokenKind::Word) {
                    suggestions = Vocabulary::instance().spell(token.norm).suggestions;
                }
                addSpan(QuerySpan::Role::Ignored, i, i + 1, suggestions);
            } else {
                addSpan(QuerySpan::Role::StopWord, i, i + 1); // a stray dash, plus or sign
            }
            used = 1;
        }
        i += used;
    }
}

ParsedQuery Parse::run()
{
    correctTypos();
    scan();
    ParsedQuery result;
    result.terms = m_terms; // already in query order: the scan goes left to right
    result.unrecognised = m_unrecognised;
    std::stable_sort(m_spans.begin(), m_spans.end(),
                     [](const QuerySpan &a, const QuerySpan &b) { return a.position < b.position; });
    result.spans = m_spans;
    QList<qsizetype> corrected = m_written.keys();
    std::sort(corrected.begin(), corrected.end());
    for (const qsizetype i : std::as_const(corrected)) {
        const Token &token = m_tokens.at(i);
        result.corrections << QueryCorrection{token.text, Vocabulary::instance().display(token.norm), token.start,
                                              token.end - token.start};
    }

    QString error = m_refusal;
    if (error.isEmpty() && m_terms.isEmpty())
        error = QueryParser::unableToInterpret();
    if (error.isEmpty())
        error = combine(result);
    if (!error.isEmpty()) {
        result.error = error;
        result.examples = QueryParser::exampleQueries();
    }
    return result;
}

QString Parse::combine(ParsedQuery &result)
{
    ProfileFilter &filter = result.filter;
    QString error = combineGender(filter);
    if (error.isEmpty())
        error = combineAges(result);
    if (error.isEmpty())
        error = combineCountries(filter);
    if (!error.isEmpty())
        return error;
    filter.minGenderProbability = m_minGenderProbability;
    filter.minCountryProbability = m_minCountryProbability;
    if (m_sort) {
        filter.sortBy = m_sort->first;
        filter.order = m_sort->second;
        filter.sortExplicit = true;
    }
    QString why;
    if (filter.isContradictory(&why))
        return QStringLiteral("Contradictory query: %1.").arg(why);
    return {};
}

// Naming both genders is no gender condition; "not male" leaves only "female".
QString Parse::combineGender(ProfileFilter &filter) const
{
    QList<Gender> allowed = m_genders.isEmpty() ? QList<Gender>{Gender::Male, Gender::Female} : m_genders;
    allowed.removeIf([this](Gender g) { return m_excludedGenders.contains(g); });
    if (allowed.isEmpty())
        return QStringLiteral("Contradictory query: it leaves out every gender.");
    const bool male = allowed.contains(Gender::Male);
    const bool female = allowed.contains(Gender::Female);
    if (male != female)
        filter.gender = male ? Gender::Male : Gender::Female;
    return {};
}

QString Parse::combineAges(ParsedQuery &result)
{
    ProfileFilter &filter = result.filter;
    // Explicit bounds: the tightest of each side.
    std::optional<int> minAge;
    std::optional<int> maxAge;
    for (const Bound &bound : std::as_const(m_bounds)) {
        if (bound.min)
            minAge = std::max(minAge.value_or(*bound.min), *bound.min);
        if (bound.max)
            maxAge = std::min(maxAge.value_or(*bound.max), *bound.max);
    }
    auto quoted = [this](const Bound &bound) { return QStringLiteral("\"%1\"").arg(m_terms.value(bound.term).text); };
    const auto youngIt = std::find_if(result.terms.begin(), result.terms.end(),
                                      [](const QueryTerm &t) { return t.kind == QueryTerm::Kind::Young; });
    if (youngIt != result.terms.end()) {
        // "young" is 16-24; an explicit bound replaces that side. A bound that leaves nothing of
        // 16-24 contradicts it: say so rather than run an empty search.
        QStringList offending;
        for (const Bound &bound : std::as_const(m_bounds)) {
            if ((bound.min && *bound.min > 24) || (bound.max && *bound.max < 16))
                offending << quoted(bound);
        }
        if (!offending.isEmpty())
            return QStringLiteral("Contradictory query: \"%1\" means ages 16\u201324, which contradicts %2.")
                .arg(youngIt->text, offending.join(QStringLiteral(" and ")));
        const int lo = minAge.value_or(16);
        const int hi = maxAge.value_or(24);
        youngIt->value = rangeValue(lo, hi);
        minAge = lo;
        maxAge = hi;
    }
    // Bounds that cannot both hold: name each offending term once. A range ("aged 30-40")
    // bounds both sides, so it is the culprit on the one side it loses on, never on both.
    if (minAge && maxAge && *minAge > *maxAge && youngIt == result.terms.end()) {
        QStringList tooHigh;
        QStringList tooLow;
        for (const Bound &bound : std::as_const(m_bounds)) {
            if (bound.min && *bound.min > *maxAge)
                tooHigh << quoted(bound);
            else if (bound.max && *bound.max < *minAge)
                tooLow << quoted(bound);
        }
        if (!tooHigh.isEmpty() && !tooLow.isEmpty())
            return QStringLiteral("Contradictory query: %1 contradicts %2.")
                .arg(tooHigh.join(QStringLiteral(" and ")), tooLow.join(QStringLiteral(" and ")));
    }

    // Age groups: one is kept as age_group; several adjacent ones become one age range.
    QList<AgeGroup> groups;
    for (AgeGroup group : std::as_const(m_groups)) {
        if (!groups.contains(group))
            groups.append(group);
    }
    std::sort(groups.begin(), groups.end());
    if (groups.size() == 1) {
        filter.ageGroup = groups.first();
    } else if (groups.size() > 1) {
        for (qsizetype g = 1; g < groups.size(); ++g) {
            if (int(groups.at(g)) != int(groups.at(g - 1)) + 1) {
                return QStringLiteral("Unable to search for %1 and %2 at once: the age groups are not "
                                      "adjacent. Search for each separately.")
                    .arg(ageGroupName(groups.at(g - 1)), ageGroupName(groups.at(g)));
            }
        }
        const int lo = ageRangeOf(groups.first()).min;
        const int hi = ageRangeOf(groups.last()).max;
        if (lo > 0)
            minAge = std::max(minAge.value_or(lo), lo);
        if (hi < kMaxAge)
            maxAge = std::min(maxAge.value_or(hi), hi);
    }
    filter.minAge = minAge;
    filter.maxAge = maxAge;
    return {};
}

// All countries named, in query order, duplicates dropped; the excluded ones beside them. Naming
// a country and excluding it ("nigerians not from nigeria") leaves nothing.
QString Parse::combineCountries(ProfileFilter &filter) const
{
    for (const QString &code : std::as_const(m_countries)) {
        if (!filter.countryIds.contains(code))
            filter.countryIds.append(code);
    }
    for (const QString &code : std::as_const(m_excludedCountries)) {
        if (!filter.excludeCountryIds.contains(code))
            filter.excludeCountryIds.append(code);
    }
    if (!filter.countryIds.isEmpty()
        && std::all_of(filter.countryIds.cbegin(), filter.countryIds.cend(),
                       [&filter](const QString &code) { return filter.excludeCountryIds.contains(code); }))
        return QStringLiteral("Contradictory query: %1 contradicts %2.")
            .arg(m_includeTexts.join(QStringLiteral(" and ")), m_excludeTexts.join(QStringLiteral(" and ")));
    return {};
}

} // namespace

QString queryTermKindName(QueryTerm::Kind kind)
{
    switch (kind) {
    case QueryTerm::Kind::Gender:
        return QStringLiteral("gender");
    case QueryTerm::Kind::AgeGroup:
        return QStringLiteral("age_group");
    case QueryTerm::Kind::Young:
        return QStringLiteral("young");
    case QueryTerm::Kind::MinAge:
        return QStringLiteral("min_age");
    case QueryTerm::Kind::MaxAge:
        return QStringLiteral("max_age");
    case QueryTerm::Kind::AgeRange:
        return QStringLiteral("age_range");
    case QueryTerm::Kind::Country:
        return QStringLiteral("country");
    case QueryTerm::Kind::Sort:
        return QStringLiteral("sort");
    case QueryTerm::Kind::ExcludeCountry:
        return QStringLiteral("exclude_country");
    case QueryTerm::Kind::MinGenderProbability:
        return QStringLiteral("min_gender_probability");
    case QueryTerm::Kind::MinCountryProbability:
        return QStringLiteral("min_country_probability");
    }
    return {};
}

QString querySpanRoleName(QuerySpan::Role role)
{
    switch (role) {
    case QuerySpan::Role::Filter:
        return QStringLiteral("filter");
    case QuerySpan::Role::Sort:
        return QStringLiteral("sort");
    case QuerySpan::Role::StopWord:
        return QStringLiteral("stop_word");
    case QuerySpan::Role::Ignored:
        return QStringLiteral("ignored");
    }
    return {};
}

QString ParsedQuery::ignoredText() const
{
    const QString words = ignoredWords();
    return words.isEmpty() ? QString() : QStringLiteral("ignored: ") + words;
}

QString ParsedQuery::ignoredWords() const
{
    QStringList parts;
    for (const QuerySpan &span : spans) {
        if (span.role != QuerySpan::Role::Ignored)
            continue;
        QString part = QStringLiteral("\"%1\"").arg(span.text);
        if (!span.suggestions.isEmpty()) {
            QStringList options = span.suggestions;
            const QString last = options.takeLast();
            part += QStringLiteral(" (did you mean %1?)")
                        .arg(options.isEmpty() ? last
                                               : options.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last);
        }
        parts << part;
    }
    return parts.join(QStringLiteral(", "));
}

QString ParsedQuery::correctionsText() const
{
    QStringList parts;
    for (const QueryCorrection &correction : corrections)
        parts << correction.written + QStringLiteral(" \u2192 ") + correction.corrected;
    return parts.join(QStringLiteral(", "));
}

ParsedQuery QueryParser::parse(const QString &query)
{
    return Parse(query).run();
}

QStringList QueryParser::exampleQueries()
{
    return {
        QStringLiteral("young males from nigeria"),
        QStringLiteral("females above 30"),
        QStringLiteral("adult males from kenya"),
        QStringLiteral("nigerian women between 20 and 45"),
        QStringLiteral("teenagers in ghana sorted by age"),
        QStringLiteral("women in their 50s, oldest first"),
        QStringLiteral("men not from nigeria"),
    };
}

QString QueryParser::unableToInterpret()
{
    return QStringLiteral("Unable to interpret query");
}

} // namespace insighta
