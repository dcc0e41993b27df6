#include "core/profiles/QueryPhrases.h"

#include "core/profiles/Countries.h"
#include "core/profiles/CountryAliases.h"
#include "core/profiles/EditDistance.h"

#include <QSet>

#include <algorithm>

namespace insighta::query {

const PhraseTable &PhraseTable::instance()
{
    static const PhraseTable table;
    return table;
}

const Phrase *PhraseTable::find(const QString &key) const
{
    const auto it = m_phrases.constFind(key);
    return it == m_phrases.cend() ? nullptr : &*it;
}

PhraseTable::PhraseTable()
{
    // Our own words first; the country names never override them (no ISO name is one of
    // these words).
    auto words = [this](std::initializer_list<const char *> list, const Phrase &phrase) {
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
    words({"senior", "seniors", "elderly", "elder", "elders", "pensioner", "pensioners", "old people", "old persons",
           "old folks"},
          group(AgeGroup::Senior));
    words({"young", "youth", "youths", "youngster", "youngsters"}, Phrase{PhraseKind::Young, {}, {}, {}});
    // Words that carry no condition but are clearly part of the language: stop words, never
    // reported as "not understood".
    words({"people",   "person",   "persons",   "individual", "individuals", "profile",  "profiles",  "user",
           "users",    "everyone", "everybody", "folks",      "all",         "any",      "the",       "a",
           "an",       "and",      "or",        "with",       "who",         "whose",    "are",       "is",
           "that",     "those",    "these",     "show",       "me",          "find",     "list",      "get",
           "give",     "display",  "search",    "for",        "only",        "resident", "residents", "citizen",
           "citizens", "national", "nationals", "living",     "live",        "lives",    "based",     "residing",
           "reside",   "from",     "in",        "of",         "at",          "aged",     "age",       "ages",
           "year",     "years",    "yrs",       "old",        "their",       "his",      "her",       "both",
           "gender",   "genders",  "sexes",     "between",    "born",        "located",  "country",   "countries",
           "by",       "records",  "entries",   "anyone",     "anybody",     "being",    "be",        "to"},
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

void PhraseTable::add(const QString &key, const Phrase &phrase)
{
    if (m_phrases.contains(key))
        return; // the first meaning wins: our words, then aliases, then ISO names
    m_phrases.insert(key, phrase);
    m_maxWords = std::max(m_maxWords, int(key.count(QLatin1Char(' '))) + 1);
}

// ---------------------------------------------------------------------------------------------

const Vocabulary &Vocabulary::instance()
{
    static const Vocabulary vocabulary;
    return vocabulary;
}

namespace {

QString meaningOf(const Phrase &phrase)
{
    switch (phrase.kind) {
    case PhraseKind::Country:
        return QStringLiteral("country:") + phrase.codes.join(QLatin1Char(','));
    case PhraseKind::Gender:
        return QStringLiteral("gender:") + genderName(phrase.gender);
    case PhraseKind::AgeGroup:
        return QStringLiteral("group:") + ageGroupName(phrase.group);
    case PhraseKind::Young:
        return QStringLiteral("young");
    case PhraseKind::Region:
    case PhraseKind::Filler:
        break;
    }
    return {};
}

bool isTargetKind(PhraseKind kind)
{
    return kind == PhraseKind::Country || kind == PhraseKind::Gender || kind == PhraseKind::AgeGroup
        || kind == PhraseKind::Young;
}

// Age words: corrected like gender and country words.
constexpr const char *kAgeWords[]
    = {"older", "younger",  "above",   "below",   "under",   "between",   "oldest",   "youngest", "eldest",
       "years", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "twenties"};

// Words the matchers read: known (so never corrected into something else), only suggested.
// clang-format off
constexpr const char *kMatcherWords[] = {
    "sorted", "sort", "ordered", "order", "ascending", "descending", "asc", "desc", "first", "newest", "latest",
    "earliest", "recent", "recently", "most", "least", "alphabetically", "alphabetical", "name", "names", "created",
    "date", "creation", "added", "probability", "confidence", "certainty", "likelihood", "likely", "sure", "certain",
    "confident", "confidently", "definitely", "percent", "per", "cent", "than", "over", "more", "less", "greater",
    "fewer", "higher", "lower", "plus", "up", "min", "minimum", "max", "maximum", "not", "no", "non", "except",
    "excluding", "exclude", "outside", "other", "but", "apart", "aside", "just", "necessarily", "yr", "yo", "olds",
    "record", "entry", "accounts", "account", "additions", "signups", "registered", "imported", "imports",
    "nationality", "sex", "origin", "about", "teens", "highest", "lowest", "probable", "on", "nor"
};
// clang-format on

} // namespace

Vocabulary::Vocabulary()
{
    addPhraseTable();
    for (const char *word : kAgeWords)
        addKnown(QString::fromLatin1(word), QStringLiteral("word:") + QString::fromLatin1(word), true);
    for (const char *word : kMatcherWords)
        addKnown(QString::fromLatin1(word), QStringLiteral("word:") + QString::fromLatin1(word), false);
}

void Vocabulary::addPhraseTable()
{
    const PhraseTable &table = PhraseTable::instance();
    for (auto it = table.all().cbegin(); it != table.all().cend(); ++it) {
        const QStringList words = it.key().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const bool target = isTargetKind(it.value().kind);
        if (it.value().kind == PhraseKind::Country)
            addDisplay(it.key(), it.value());
        if (words.size() == 1) {
            addKnown(words.front(), target ? meaningOf(it.value()) : QStringLiteral("word:") + words.front(), target);
            continue;
        }
        // A word of a longer name ("africa" of "south africa") may be corrected on its own: the
        // phrase then matches with the corrected word.
        for (const QString &word : words)
            addKnown(word, QStringLiteral("word:") + word, target);
    }
}

// How a country word is shown in "nigria -> Nigeria": a country's own name as the ISO table
// writes it, any other country word (demonyms, parts of names) capitalised.
void Vocabulary::addDisplay(const QString &key, const Phrase &phrase)
{
    for (const QString &word : key.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!m_display.contains(word))
            m_display.insert(word, word.left(1).toUpper() + word.mid(1));
    }
    if (phrase.codes.size() == 1 && !key.contains(QLatin1Char(' '))) {
        const QString name = Countries::instance().nameFor(phrase.codes.front());
        if (Countries::nameLookupKey(name) == key)
            m_display.insert(key, name);
    }
}

void Vocabulary::addKnown(const QString &word, const QString &meaning, bool target)
{
    if (m_known.contains(word)) {
        if (!target)
            return;
        // A target meaning wins over a plain word: "teens" is an age group and a decade.
        QList<Entry> &entries = m_byLength[word.size()];
        for (Entry &entry : entries) {
            if (entry.word == word && !entry.target) {
                entry.target = true;
                entry.meaning = meaning;
            }
        }
        return;
    }
    m_known.insert(word);
    m_byLength[word.size()].append(Entry{word, meaning, target});
}

Spelling Vocabulary::spell(const QString &word) const
{
    Spelling spelling;
    const int limit = typoThreshold(word.size());
    if (limit == 0 || isKnown(word))
        return spelling;
    int best = limit + 1;
    QList<const Entry *> closest;
    for (qsizetype length = word.size() - limit; length <= word.size() + limit; ++length) {
        const auto it = m_byLength.constFind(length);
        if (it == m_byLength.cend())
            continue;
        for (const Entry &entry : *it) {
            const int d = editDistance(word, entry.word, std::min(best, limit));
            if (d < best) {
                best = d;
                closest.clear();
            }
            if (d == best && d <= limit)
                closest.append(&entry);
        }
    }
    if (closest.isEmpty())
        return spelling;
    // Deterministic: the closest in length first, then alphabetical.
    std::sort(closest.begin(), closest.end(), [&word](const Entry *a, const Entry *b) {
        const auto da = std::abs(a->word.size() - word.size());
        const auto db = std::abs(b->word.size() - word.size());
        return da != db ? da < db : a->word < b->word;
    });
    const bool oneMeaning = std::all_of(closest.cbegin(), closest.cend(), [&closest](const Entry *e) {
        return e->target && e->meaning == closest.front()->meaning;
    });
    if (oneMeaning) {
        spelling.corrected = closest.front()->word;
        return spelling;
    }
    for (const Entry *entry : std::as_const(closest)) {
        // Short filler words ("all" for "tall", "the", "and") are one edit from too much to be a
        // useful guess: the same reason short words are never corrected.
        if (!entry->target && entry->word.size() <= 3)
            continue;
        const QString shown = display(entry->word);
        if (!spelling.suggestions.contains(shown) && spelling.suggestions.size() < 3)
            spelling.suggestions << shown;
    }
    return spelling;
}

QString Vocabulary::display(const QString &word) const
{
    return m_display.value(word, word);
}

} // namespace insighta::query
