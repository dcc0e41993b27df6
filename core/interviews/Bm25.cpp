#include "core/interviews/Bm25.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace insighta::bm25 {

namespace {

const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"a",    "an",   "and",   "are",   "as",    "at",    "be",    "but",   "by",   "did",   "do",   "does",
              "for",  "from", "had",   "has",   "have",  "he",    "her",   "his",   "how",  "i",     "if",   "in",
              "into", "is",   "it",    "its",   "me",    "my",    "of",    "on",    "or",   "our",   "she",  "so",
              "than", "that", "the",   "their", "them",  "then",  "there", "these", "they", "this",  "to",   "us",
              "was",  "we",   "were",  "what",  "when",  "where", "which", "who",   "why",  "will",  "with", "would",
              "you",  "your", "about", "can",   "could", "tell",  "any",   "all",   "been", "being", "just", "also"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

QString stem(const QString &word)
{
    // A deliberately tiny stemmer: enough to match plurals and third-person verbs.
    if (word.size() > 4 && word.endsWith(QLatin1String("ies")))
        return word.left(word.size() - 3) + QLatin1Char('y');
    if (word.size() > 3 && word.endsWith(QLatin1Char('s')) && !word.endsWith(QLatin1String("ss")))
        return word.left(word.size() - 1);
    return word;
}

} // namespace

QStringList tokenize(const QString &text, bool dropStopWords)
{
    QStringList out;
    QString current;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        if (!dropStopWords)
            out.append(current);
        else if (!stopWords().contains(current))
            out.append(stem(current));
        current.clear();
    };
    const QString folded = text.toCaseFolded();
    for (const QChar c : folded) {
        if (c.isLetterOrNumber())
            current.append(c);
        else if (c == QLatin1Char('\'') || c == QChar(0x2019))
            continue; // "don't" -> "dont"
        else
            flush();
    }
    flush();
    return out;
}

QList<Hit> rank(const QString &query, const QList<TranscriptTurn> &turns, int k, Parameters parameters)
{
    const QStringList queryTerms = [&] {
        QStringList terms = tokenize(query);
        terms.removeDuplicates();
        return terms;
    }();
    if (queryTerms.isEmpty() || turns.isEmpty() || k <= 0)
        return {};

    const int n = int(turns.size());
    QList<QHash<QString, int>> frequencies(n);
    QList<int> lengths(n);
    QHash<QString, int> documentFrequency;
    double totalLength = 0;
    for (int i = 0; i < n; ++i) {
        const QStringList words = tokenize(turns.at(i).text);
        lengths[i] = int(words.size());
        totalLength += words.size();
        for (const QString &w : words)
            ++frequencies[i][w];
        for (auto it = frequencies[i].cbegin(); it != frequencies[i].cend(); ++it)
            ++documentFrequency[it.key()];
    }
    const double averageLength = totalLength > 0 ? totalLength / n : 1.0;

    QList<Hit> hits;
    for (int i = 0; i < n; ++i) {
        double score = 0;
        for (const QString &term : queryTerms) {
            const int tf = frequencies.at(i).value(term);
            if (tf == 0)
                continue;
            const int df = documentFrequency.value(term);
            const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
            const double norm = tf + parameters.k1 * (1 - parameters.b + parameters.b * lengths.at(i) / averageLength);
            score += idf * (tf * (parameters.k1 + 1)) / norm;
        }
        if (score > 0)
            hits.append({i, score});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.score > b.score; });
    if (hits.size() > k)
        hits.resize(k);
    return hits;
}

} // namespace insighta::bm25
