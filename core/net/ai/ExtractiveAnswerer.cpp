#include "core/net/ai/ExtractiveAnswerer.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace insighta::net {

namespace {

const QSet<QString> &stopWords()
{
    static const QSet<QString> words{
        QStringLiteral("a"),     QStringLiteral("an"),    QStringLiteral("and"),   QStringLiteral("are"),
        QStringLiteral("as"),    QStringLiteral("at"),    QStringLiteral("be"),    QStringLiteral("but"),
        QStringLiteral("by"),    QStringLiteral("can"),   QStringLiteral("did"),   QStringLiteral("do"),
        QStringLiteral("does"),  QStringLiteral("for"),   QStringLiteral("from"),  QStringLiteral("had"),
        QStringLiteral("has"),   QStringLiteral("have"),  QStringLiteral("he"),    QStringLiteral("her"),
        QStringLiteral("his"),   QStringLiteral("how"),   QStringLiteral("i"),     QStringLiteral("in"),
        QStringLiteral("is"),    QStringLiteral("it"),    QStringLiteral("its"),   QStringLiteral("me"),
        QStringLiteral("my"),    QStringLiteral("not"),   QStringLiteral("of"),    QStringLiteral("on"),
        QStringLiteral("or"),    QStringLiteral("our"),   QStringLiteral("she"),   QStringLiteral("so"),
        QStringLiteral("that"),  QStringLiteral("the"),   QStringLiteral("their"), QStringLiteral("them"),
        QStringLiteral("then"),  QStringLiteral("there"), QStringLiteral("they"),  QStringLiteral("this"),
        QStringLiteral("to"),    QStringLiteral("was"),   QStringLiteral("we"),    QStringLiteral("were"),
        QStringLiteral("what"),  QStringLiteral("when"),  QStringLiteral("where"), QStringLiteral("which"),
        QStringLiteral("who"),   QStringLiteral("why"),   QStringLiteral("will"),  QStringLiteral("with"),
        QStringLiteral("would"), QStringLiteral("you"),   QStringLiteral("your"),  QStringLiteral("about"),
        QStringLiteral("tell"),  QStringLiteral("any"),   QStringLiteral("all"),   QStringLiteral("if"),
    };
    return words;
}

// A light stemmer: enough that "managed", "manages" and "managing" meet.
QString stem(QString word)
{
    for (const char *suffix : {"ing", "ed", "es", "s"}) {
        const QLatin1String s(suffix);
        if (word.size() > qsizetype(s.size()) + 3 && word.endsWith(s)) {
            word.chop(s.size());
            break;
        }
    }
    return word;
}

} // namespace

QStringList ExtractiveAnswerer::terms(const QString &text)
{
    static const QRegularExpression wordPattern(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList result;
    auto it = wordPattern.globalMatch(text.toLower());
    while (it.hasNext()) {
        const QString word = it.next().captured();
        if (word.size() < 2 || stopWords().contains(word))
            continue;
        result << stem(word);
    }
    return result;
}

QStringList ExtractiveAnswerer::sentences(const QString &passage)
{
    static const QRegularExpression boundary(QStringLiteral("(?<=[.!?])\\s+|\\n+"));
    QStringList result;
    for (const QString &piece : passage.split(boundary, Qt::SkipEmptyParts)) {
        const QString sentence = piece.simplified();
        if (!sentence.isEmpty())
            result << sentence;
    }
    return result;
}

ExtractiveAnswerer::Answer ExtractiveAnswerer::answer(const QString &question, const QStringList &passages,
                                                      int maxSentences)
{
    struct Candidate
    {
        int order;
        QString text;
        double score;
    };
    QList<Candidate> candidates;
    QHash<QString, int> documentFrequency;
    QList<QSet<QString>> sentenceTerms;
    for (const QString &passage : passages) {
        for (const QString &sentence : sentences(passage)) {
            const QStringList words = terms(sentence);
            const QSet<QString> unique(words.begin(), words.end());
            for (const QString &word : unique)
                documentFrequency[word] += 1;
            sentenceTerms.append(unique);
            candidates.append({int(candidates.size()), sentence, 0.0});
        }
    }
    const QStringList questionWords = terms(question);
    const QSet<QString> wanted(questionWords.begin(), questionWords.end());
    const double count = double(candidates.size());
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        double score = 0;
        for (const QString &word : wanted) {
            if (sentenceTerms[i].contains(word))
                score += std::log(1.0 + count / double(documentFrequency.value(word, 1))); // rarer words weigh more
        }
        // Prefer informative sentences over fragments, mildly.
        candidates[i].score = score > 0 ? score + 0.01 * std::min<double>(double(sentenceTerms[i].size()), 20) : 0;
    }
    QList<Candidate> ranked = candidates;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    QList<Candidate> chosen;
    for (const Candidate &candidate : ranked) {
        if (candidate.score <= 0 || int(chosen.size()) >= maxSentences)
            break;
        chosen.append(candidate);
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate &a, const Candidate &b) { return a.order < b.order; });
    Answer answer;
    for (const Candidate &candidate : chosen)
        answer.sentences << candidate.text;
    answer.text = answer.sentences.isEmpty() ? QStringLiteral("No passage mentions what was asked.")
                                             : answer.sentences.join(QLatin1Char(' '));
    return answer;
}

} // namespace insighta::net
