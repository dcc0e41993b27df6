#pragma once

#include "core/profiles/Profile.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace insighta::query {

// The words of the plain-English search language, shared by the parser and its typo
// correction. Internal to QueryParser; everything is in Countries::nameLookupKey() form.

enum class PhraseKind { Country, Region, Gender, AgeGroup, Young, Filler };

struct Phrase
{
    PhraseKind kind = PhraseKind::Filler;
    QStringList codes; // Country
    Gender gender = Gender::Unknown;
    AgeGroup group = AgeGroup::Unknown;
};

// Words and multi-word phrases with one meaning each: gender and age-group words, our country
// aliases and demonyms, the ISO names, filler words. Built once.
class PhraseTable
{
public:
    static const PhraseTable &instance();

    const Phrase *find(const QString &key) const;
    int maxWords() const { return m_maxWords; }
    const QHash<QString, Phrase> &all() const { return m_phrases; }

private:
    PhraseTable();
    void add(const QString &key, const Phrase &phrase);

    QHash<QString, Phrase> m_phrases;
    int m_maxWords = 1;
};

// What the vocabulary says about a word the parser does not know.
struct Spelling
{
    QString corrected; // the one word it is a typo of (empty: none, or more than one)
    QStringList suggestions; // close words for "did you mean", when not corrected
};

// Every word the language knows, and the words a typo may be corrected to: gender words, age
// words, country names and demonyms. The other known words (sort, probability, negation and
// filler words) are only ever suggested, never substituted.
class Vocabulary
{
public:
    static const Vocabulary &instance();

    bool isKnown(const QString &word) const { return m_known.contains(word); }
    // For a word that is not known: the single correction within typoThreshold(), or the close
    // words when several meanings are equally close (niger/nigeria) or the word is no target.
    Spelling spell(const QString &word) const;
    // How a correction is shown: "Nigeria", "Kenyan", "females".
    QString display(const QString &word) const;

private:
    Vocabulary();
    void addPhraseTable(); // every word of every phrase in the PhraseTable
    void addKnown(const QString &word, const QString &meaning, bool target);
    void addDisplay(const QString &key, const Phrase &phrase);

    struct Entry
    {
        QString word;
        QString meaning; // equal meanings are one candidate ("female"/"females")
        bool target = false;
    };
    QSet<QString> m_known;
    QHash<qsizetype, QList<Entry>> m_byLength;
    QHash<QString, QString> m_display;
};

} // namespace insighta::query
