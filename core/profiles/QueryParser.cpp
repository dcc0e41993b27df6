#include "core/profiles/QueryParser.h"

#include "core/profiles/Countries.h"
#include "core/profiles/CountryAliases.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

namespace insighta {

namespace {

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TokenKind { Word, Number, Decade, Dash, Plus };

struct Token
{
    TokenKind kind = TokenKind::Word;
    QString text; // as written
    QString norm; // words: lower case, accents and apostrophes stripped
    qsizetype start = 0;
    qsizetype end = 0; // one past the last character
    int number = 0; // Number (integers only) and Decade ("30s" -> 30)
    bool integer = false; // Number: fits an int and has no decimals
};

bool isApostrophe(QChar c)
{
    return c == QLatin1Char('\'') || c == QChar(0x2019);
}

bool isDash(QChar c)
{
    // hyphen, figure dash, en dash, em dash, minus sign
    return c == QLatin1Char('-') || c == QChar(0x2012) || c == QChar(0x2013) || c == QChar(0x2014)
        || c == QChar(0x2212);
}

QList<Token> tokenize(const QString &query)
{
    QList<Token> tokens;
    const qsizetype n = query.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = query.at(i);
        if (c.isLetter()) {
            const qsizetype start = i;
            while (i < n) {
                const QChar d = query.at(i);
                if (d.isLetter() || d.isMark())
                    ++i;
                else if (isApostrophe(d) && i + 1 < n && query.at(i + 1).isLetter())
                    ++i; // "d'Ivoire"
                else
                    break;
            }
            Token token;
            token.kind = TokenKind::Word;
            token.text = query.mid(start, i - start);
            token.norm = Countries::nameLookupKey(token.text).remove(QLatin1Char(' '));
            token.start = start;
            token.end = i;
            tokens.append(token);
        } else if (c.isDigit()) {
            const qsizetype start = i;
            while (i < n && query.at(i).isDigit())
                ++i;
            bool decimal = false;
            if (i + 1 < n && query.at(i) == QLatin1Char('.') && query.at(i + 1).isDigit()) {
                decimal = true;
                ++i;
                while (i < n && query.at(i).isDigit())
                    ++i;
            }
            Token token;
            token.text = query.mid(start, i - start);
            token.norm = token.text;
            token.start = start;
            bool fits = false;
            const int value = token.text.toInt(&fits);
            token.integer = fits && !decimal;
            token.number = token.integer ? value : 0;
            token.kind = TokenKind::Number;
            // "30s", "30's": a decade, when nothing but the s follows.
            qsizetype s = i;
            if (s < n && isApostrophe(query.at(s)))
                ++s;
            if (token.integer && s < n && query.at(s).toLower() == QLatin1Char('s')
                && (s + 1 >= n || !query.at(s + 1).isLetter())) {
                token.kind = TokenKind::Decade;
                i = s + 1;
                token.text = query.mid(start, i - start);
            }
            token.end = i;
            tokens.append(token);
        } else if (isDash(c) || c == QLatin1Char('+')) {
            Token token;
            token.kind = c == QLatin1Char('+') ? TokenKind::Plus : TokenKind::Dash;
            token.text = c;
            token.norm = token.text;
            token.start = i;
            token.end = i + 1;
            tokens.append(token);
            ++i;
        } else {
            ++i; // every other character separates
        }
    }
    return tokens;
}

// ---------------------------------------------------------------------------------------------
// The phrase table: words and multi-word phrases with one meaning each

enum class PhraseKind { Country, Region, Gender, AgeGroup, Young, Filler };

struct Phrase
{
    PhraseKind kind = PhraseKind::Filler;
    QStringList codes; // Country
    Gender gender = Gender::Unknown;
    AgeGroup group = AgeGroup::Unknown;
};

class PhraseTable
{
public:
    static const PhraseTable &instance()
    {
        static const PhraseTable table;
        return table;
    }

    const Phrase *find(const QString &key) const
    {
        const auto it = m_phrases.constFind(key);
        return it == m_phrases.cend() ? nullptr : &*it;
    }
    int maxWords() const { return m_maxWords; }

private:
    PhraseTable()
    {
        // Our own words first; the country names never override them (no ISO name is one of
        // these words).
        auto words = [this](std::initializer_list<const char *> list, Phrase phrase) {
            for (const char *word : list)
                add(QString::fromLatin1(word), phrase);
        };
        Phrase male{PhraseKind::Gender, {}, Gender::Male, AgeGroup::Unknown};
        Phrase female{PhraseKind::Gender, {}, Gender::Female, AgeGroup::Unknown};
        words({"male", "males", "man", "men", "boy", "boys", "guy", "guys", "gentleman", "gentlemen"}, male);
        words({"female", "females", "woman", "women", "girl", "girls", "lady", "ladies"}, female);
        auto group = [](AgeGroup g) { return Phrase{PhraseKind::AgeGroup, {}, Gender::Unknown, g}; };
        words({"child", "children", "kid", "kids"}, group(AgeGroup::Child));
        words({"teen", "teens", "teenager", "teenagers", "teenage", "adolescent", "adolescents"},
              group(AgeGroup::Teenager));
        words({"adult", "adults", "grown up", "grown ups", "grownup", "grownups"}, group(AgeGroup::Adult));
        words({"senior", "seniors", "elderly", "elder", "elders", "pensioner", "pensioners", "old people",
               "old persons", "old folks"},
              group(AgeGroup::Senior));
        words({"young", "youth", "youths", "youngster", "youngsters"}, Phrase{PhraseKind::Young, {}, {}, {}});
        // Words that carry no condition but are clearly part of the language: never reported as
        // "not understood".
        words({"people",   "person",   "persons",   "individual", "individuals", "profile",  "profiles",  "user",
               "users",    "everyone", "everybody", "folks",      "all",         "any",      "the",       "a",
               "an",       "and",      "or",        "with",       "who",         "whose",    "are",       "is",
               "that",     "those",    "these",     "show",       "me",          "find",     "list",      "get",
               "give",     "display",  "search",    "for",        "only",        "resident", "residents", "citizen",
               "citizens", "national", "nationals", "living",     "live",        "lives",    "based",     "residing",
               "reside",   "from",     "in",        "of",         "at",          "aged",     "age",       "ages",
               "year",     "years",    "yrs",       "old",        "their",       "his",      "her",       "both",
               "gender",   "genders",  "sexes",     "between",    "born",        "located",  "country",   "countries",
               "by"},
              Phrase{});

        const auto &aliases = CountryAliases::instance().phrases();
        for (auto it = aliases.cbegin(); it != aliases.cend(); ++it) {
            Phrase phrase;
            phrase.kind = it.value().isEmpty() ? PhraseKind::Region : PhraseKind::Country;
            phrase.codes = it.value();
            add(it.key(), phrase);
        }
        for (const Country &country : Countries::instance().all()) {
            for (const QString &name : {country.name, country.commonName, country.officialName}) {
                if (!name.isEmpty())
                    add(Countries::nameLookupKey(name), Phrase{PhraseKind::Country, {country.alpha2}, {}, {}});
            }
        }
    }

    void add(const QString &key, const Phrase &phrase)
    {
        if (m_phrases.contains(key))
            return; // the first meaning wins: our words, then aliases, then ISO names
        m_phrases.insert(key, phrase);
        m_maxWords = std::max(m_maxWords, int(key.count(QLatin1Char(' '))) + 1);
    }

    QHash<QString, Phrase> m_phrases;
    int m_maxWords = 1;
};

// ---------------------------------------------------------------------------------------------
// The parse

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

class Parse
{
public:
    explicit Parse(const QString &query)
        : m_query(query)
        , m_tokens(tokenize(query))
        , m_allCaps(query.toUpper() == query)
    {
    }

    ParsedQuery run();

private:
    // Token helpers -----------------------------------------------------------------------
    bool isWord(qsizetype i, const char *word) const
    {
        return i < m_tokens.size() && m_tokens.at(i).kind == TokenKind::Word
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
    bool isAge(qsizetype i) const
    {
        return i < m_tokens.size() && m_tokens.at(i).kind == TokenKind::Number && m_tokens.at(i).integer;
    }
    bool isKind(qsizetype i, TokenKind kind) const { return i < m_tokens.size() && m_tokens.at(i).kind == kind; }
    int ageAt(qsizetype i) const { return m_tokens.at(i).number; }

    // "years", "years old", "yrs of age", "year-olds": optional unit after an age. Returns the
    // index after it.
    qsizetype skipYears(qsizetype i) const
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

    // After "N" (at i): "+", "and above", "or older", ... Returns tokens consumed and the side.
    enum class Side { None, Min, Max };
    std::pair<qsizetype, Side> suffixBound(qsizetype i) const
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

    // Records a term over the text of tokens [from, to).
    int addTerm(QueryTerm::Kind kind, qsizetype from, qsizetype to, const QString &value)
    {
        QueryTerm term;
        term.kind = kind;
        term.position = m_tokens.at(from).start;
        term.length = m_tokens.at(to - 1).end - term.position;
        term.text = m_query.mid(term.position, term.length);
        term.value = value;
        m_terms.append(term);
        return int(m_terms.size() - 1);
    }

    void addRange(qsizetype from, qsizetype to, int a, int b)
    {
        const int lo = std::min(a, b);
        const int hi = std::max(a, b);
        const int term
            = addTerm(QueryTerm::Kind::AgeRange, from, to, lo == hi ? QString::number(lo) : rangeValue(lo, hi));
        m_bounds.append(Bound{lo, hi, term});
    }
    void addSide(qsizetype from, qsizetype to, Side side, int age)
    {
        if (side == Side::Min)
            m_bounds.append(Bound{age, std::nullopt, addTerm(QueryTerm::Kind::MinAge, from, to, QString::number(age))});
        else
            m_bounds.append(Bound{std::nullopt, age, addTerm(QueryTerm::Kind::MaxAge, from, to, QString::number(age))});
    }

    // Matchers: each returns the number of tokens it consumed at i (0 = no match). ----------
    qsizetype matchAge(qsizetype i);
    qsizetype matchSort(qsizetype i);
    qsizetype matchCode(qsizetype i);
    qsizetype matchPhrase(qsizetype i);

    std::optional<int> decadeAt(qsizetype i) const
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

    const QString m_query;
    const QList<Token> m_tokens;
    const bool m_allCaps;

    QList<QueryTerm> m_terms;
    QList<Bound> m_bounds;
    QList<Gender> m_genders;
    QList<AgeGroup> m_groups;
    QStringList m_countries;
    QStringList m_unrecognised;
    int m_youngTerm = -1;
    std::optional<std::pair<SortKey, SortOrder>> m_sort;
};

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
    Side side = Side::None;
    qsizetype j = i;
    if (isAnyWord(i, {"above", "over"}) || (isWord(i, "min") || isWord(i, "minimum"))) {
        side = Side::Min;
        j = i + 1;
    } else if (isAnyWord(i, {"older", "more", "greater"}) && isWord(i + 1, "than")) {
        side = Side::Min;
        j = i + 2;
    } else if (isWord(i, "at") && isWord(i + 1, "least")) {
        side = Side::Min;
        j = i + 2;
    } else if (isAnyWord(i, {"below", "under"}) || isAnyWord(i, {"max", "maximum"})) {
        side = Side::Max;
        j = i + 1;
    } else if (isAnyWord(i, {"younger", "less"}) && isWord(i + 1, "than")) {
        side = Side::Max;
        j = i + 2;
    } else if ((isWord(i, "at") && isWord(i + 1, "most")) || (isWord(i, "up") && isWord(i + 1, "to"))) {
        side = Side::Max;
        j = i + 2;
    }
    if (side != Side::None) {
        // "over the age of 30", "min age 18"
        if (isWord(j, "the") && isWord(j + 1, "age") && isWord(j + 2, "of"))
            j += 3;
        else if (isWord(j, "age"))
            j += isWord(j + 1, "of") ? 2 : 1;
        if (!isAge(j))
            return 0;
        const qsizetype end = skipYears(j + 1);
        addSide(i, end, side, ageAt(j));
        return end - i;
    }
    // A bare number: N-M, N to M, N+, N and above, N years old.
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

qsizetype Parse::matchSort(qsizetype i)
{
    auto set = [this](qsizetype from, qsizetype to, SortKey key, SortOrder order) {
        m_sort = {key, order};
        addTerm(QueryTerm::Kind::Sort, from, to, sortKeyName(key) + QLatin1Char(' ') + sortOrderName(order));
        return to - from;
    };
    // "oldest first", "youngest first", "newest first", "most recent first"
    if (isWord(i + 1, "first")) {
        if (isWord(i, "oldest"))
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

// Two-letter codes count only when written in capitals ("NG", never "ng"). Codes that are also
// English words ("IN", "IT", "US", "ME") - and any code in a query typed all in capitals - count
// only right after a country preposition ("from IT"), so "WOMEN IN NIGERIA" is not India.
qsizetype Parse::matchCode(qsizetype i)
{
    const Token &token = m_tokens.at(i);
    if (token.kind != TokenKind::Word || token.text.size() != 2)
        return 0;
    for (const QChar c : token.text) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return 0;
    }
    if (!Countries::instance().byCode(token.text))
        return 0;
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
        if (p < 0 || !isAnyWord(p, {"from", "in", "of"}))
            return 0;
    }
    m_countries.append(token.text);
    addTerm(QueryTerm::Kind::Country, i, i + 1, token.text);
    return 1;
}

qsizetype Parse::matchPhrase(qsizetype i)
{
    const PhraseTable &table = PhraseTable::instance();
    // Gather up to maxWords word tokens from i; a dash between words is part of the phrase
    // ("guinea-bissau", "grown-up").
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
    // Longest phrase first: "equatorial guinea" before "guinea", "south sudan" before "sudan".
    for (qsizetype count = wordIndexes.size(); count > 0; --count) {
        QStringList words;
        for (qsizetype w = 0; w < count; ++w)
            words << m_tokens.at(wordIndexes.at(w)).norm;
        const Phrase *phrase = table.find(words.join(QLatin1Char(' ')));
        if (!phrase)
            continue;
        const qsizetype end = wordIndexes.at(count - 1) + 1;
        switch (phrase->kind) {
        case PhraseKind::Country:
            for (const QString &code : phrase->codes)
                m_countries.append(code);
            addTerm(QueryTerm::Kind::Country, i, end, phrase->codes.join(QLatin1Char(',')));
            break;
        case PhraseKind::Region:
            m_unrecognised << m_query.mid(m_tokens.at(i).start, m_tokens.at(end - 1).end - m_tokens.at(i).start);
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
            break;
        case PhraseKind::Filler:
            break;
        }
        return end - i;
    }
    return 0;
}

ParsedQuery Parse::run()
{
    ParsedQuery result;
    for (qsizetype i = 0; i < m_tokens.size();) {
        qsizetype used = matchAge(i);
        if (!used)
            used = matchSort(i);
        if (!used)
            used = matchCode(i);
        if (!used)
            used = matchPhrase(i);
        if (!used) {
            const Token &token = m_tokens.at(i);
            if (token.kind != TokenKind::Dash && token.kind != TokenKind::Plus)
                m_unrecognised << token.text;
            used = 1;
        }
        i += used;
    }
    result.terms = m_terms; // already in query order: the scan goes left to right
    result.unrecognised = m_unrecognised;

    auto fail = [&result](const QString &message) {
        result.error = message;
        result.examples = QueryParser::exampleQueries();
        return result;
    };
    if (m_terms.isEmpty())
        return fail(QueryParser::unableToInterpret());

    ProfileFilter &filter = result.filter;
    // Gender: naming both is no gender condition at all.
    const bool male = m_genders.contains(Gender::Male);
    const bool female = m_genders.contains(Gender::Female);
    if (male != female)
        filter.gender = male ? Gender::Male : Gender::Female;

    // Explicit bounds: the tightest of each side.
    std::optional<int> minAge;
    std::optional<int> maxAge;
    QStringList minTexts;
    QStringList maxTexts;
    for (const Bound &bound : std::as_const(m_bounds)) {
        const QString text = QStringLiteral("\"%1\"").arg(m_terms.value(bound.term).text);
        if (bound.min) {
            minAge = std::max(minAge.value_or(*bound.min), *bound.min);
            minTexts << text;
        }
        if (bound.max) {
            maxAge = std::min(maxAge.value_or(*bound.max), *bound.max);
            maxTexts << text;
        }
    }
    // terms were sorted; find the young term again by kind
    const auto youngIt = std::find_if(result.terms.begin(), result.terms.end(),
                                      [](const QueryTerm &t) { return t.kind == QueryTerm::Kind::Young; });
    if (youngIt != result.terms.end()) {
        // "young" is 16-24; an explicit bound replaces that side. A bound that leaves nothing of
        // 16-24 contradicts it: say so rather than run an empty search.
        const bool tooOld = minAge && *minAge > 24;
        const bool tooYoung = maxAge && *maxAge < 16;
        if (tooOld || tooYoung) {
            const QString bound
                = tooOld ? minTexts.join(QStringLiteral(" and ")) : maxTexts.join(QStringLiteral(" and "));
            return fail(QStringLiteral("Contradictory query: \"%1\" means ages 16\u201324, which contradicts %2.")
                            .arg(youngIt->text, bound));
        }
        const int lo = minAge.value_or(16);
        const int hi = maxAge.value_or(24);
        youngIt->value = rangeValue(lo, hi);
        minAge = lo;
        maxAge = hi;
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
                return fail(QStringLiteral("Unable to search for %1 and %2 at once: the age groups are not "
                                           "adjacent. Search for each separately.")
                                .arg(ageGroupName(groups.at(g - 1)), ageGroupName(groups.at(g))));
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

    for (const QString &code : std::as_const(m_countries)) {
        if (!filter.countryIds.contains(code))
            filter.countryIds.append(code);
    }
    if (m_sort) {
        filter.sortBy = m_sort->first;
        filter.order = m_sort->second;
        filter.sortExplicit = true;
    }

    QString why;
    if (filter.isContradictory(&why)) {
        if (minTexts.size() && maxTexts.size() && minAge && maxAge && *minAge > *maxAge && youngIt == result.terms.end()
            && groups.size() <= 1)
            return fail(QStringLiteral("Contradictory query: %1 contradicts %2.")
                            .arg(minTexts.join(QStringLiteral(" and ")), maxTexts.join(QStringLiteral(" and "))));
        return fail(QStringLiteral("Contradictory query: %1.").arg(why));
    }
    return result;
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
    }
    return {};
}

ParsedQuery QueryParser::parse(const QString &query)
{
    return Parse(query).run();
}

QStringList QueryParser::exampleQueries()
{
    return {
        QStringLiteral("young males from nigeria"),         QStringLiteral("females above 30"),
        QStringLiteral("adult males from kenya"),           QStringLiteral("nigerian women between 20 and 45"),
        QStringLiteral("teenagers in ghana sorted by age"), QStringLiteral("women in their 50s, oldest first"),
    };
}

QString QueryParser::unableToInterpret()
{
    return QStringLiteral("Unable to interpret query");
}

} // namespace insighta
