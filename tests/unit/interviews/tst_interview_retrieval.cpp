#include "core/interviews/AskInterview.h"
#include "core/interviews/Bm25.h"
#include "core/interviews/TranscriptAssembly.h"

#include <QTest>

using namespace insighta;

namespace {

QList<TranscriptTurn> turns()
{
    const char *const texts[][2] = {
        {"interviewer", "How did you handle rows that failed validation?"},
        {"candidate", "Bad rows never failed the file. We wrote them to a rejects report with the line number."},
        {"interviewer", "What happened when the database connection dropped?"},
        {"candidate", "Each batch was its own transaction. We retried a failed batch with backoff and jitter."},
        {"interviewer", "Tell me about a disagreement with a teammate."},
        {"candidate", "A colleague wanted to load everything into memory. We benchmarked and chose streaming."},
    };
    QList<TranscriptTurn> out;
    for (int i = 0; i < 6; ++i) {
        TranscriptTurn t;
        t.id = QStringLiteral("turn-%1").arg(i);
        t.sequence = i + 1;
        t.speaker = QString::fromLatin1(texts[i][0]);
        t.text = QString::fromLatin1(texts[i][1]);
        t.elapsedSeconds = 30 * i + 5;
        t.elapsed = transcript::formatElapsed(t.elapsedSeconds);
        out << t;
    }
    return out;
}

QList<int> indexes(const QList<bm25::Hit> &hits)
{
    QList<int> out;
    for (const bm25::Hit &h : hits)
        out << h.index;
    return out;
}

} // namespace

class TestInterviewRetrieval : public QObject
{
    Q_OBJECT

private slots:
    void tokenize()
    {
        QCOMPARE(bm25::tokenize(QStringLiteral("How did the Batches fail? Don't retry!")),
                 (QStringList{QStringLiteral("batche"), QStringLiteral("fail"), QStringLiteral("dont"),
                              QStringLiteral("retry")}));
        QCOMPARE(bm25::tokenize(QStringLiteral("Søren's CSV-files"), false),
                 (QStringList{QStringLiteral("sørens"), QStringLiteral("csv"), QStringLiteral("files")}));
    }

    void rank_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("k");
        QTest::addColumn<QList<int>>("expected");
        // "batch" occurs twice in turn 3 and nowhere else.
        QTest::newRow("rare term") << QStringLiteral("batch") << 3 << QList<int>{3};
        // "failed" is in turns 0, 1 and 3; the shorter turn 0 wins, then 1 and 3 by length.
        QTest::newRow("shared term, length normalised") << QStringLiteral("failed") << 5 << QList<int>{0, 3, 1};
        QTest::newRow("two terms beat one") << QStringLiteral("failed database connection") << 2 << QList<int>{2, 0};
        QTest::newRow("plural matches singular") << QStringLiteral("colleagues") << 3 << QList<int>{5};
        QTest::newRow("stop words only") << QStringLiteral("what did you") << 3 << QList<int>{};
        QTest::newRow("no match") << QStringLiteral("kubernetes") << 3 << QList<int>{};
        QTest::newRow("k limits") << QStringLiteral("failed") << 1 << QList<int>{0};
    }
    void rank()
    {
        QFETCH(QString, query);
        QFETCH(int, k);
        QFETCH(QList<int>, expected);
        QCOMPARE(indexes(bm25::rank(query, turns(), k)), expected);
    }

    void scoresFollowTheFormula()
    {
        // One query term in one of two documents of equal length: idf = ln(1 + 1.5/1.5) = ln 2,
        // tf = 1, |d| = avgdl, so score = ln 2 * (1 * 2.2) / (1 + 1.2) = ln 2.
        QList<TranscriptTurn> two = turns().mid(0, 2);
        two[0].text = QStringLiteral("alpha beta");
        two[1].text = QStringLiteral("gamma delta");
        const QList<bm25::Hit> hits = bm25::rank(QStringLiteral("alpha"), two, 5);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).index, 0);
        QVERIFY(qAbs(hits.at(0).score - std::log(2.0)) < 1e-9);
    }

    void retrieveKeepsTranscriptOrder()
    {
        const QList<TranscriptTurn> context = ask::retrieve(QStringLiteral("failed database connection"), turns(), 2);
        QCOMPARE(context.size(), 2);
        QCOMPARE(context.at(0).id, QStringLiteral("turn-0"));
        QCOMPARE(context.at(1).id, QStringLiteral("turn-2"));
        const QString prompt = ask::userPrompt(QStringLiteral("q?"), QStringLiteral("Ada"), context);
        QVERIFY(prompt.contains(QStringLiteral("[00:00:05] Interviewer: How did you handle rows")));
        QVERIFY(prompt.endsWith(QStringLiteral("Question: q?")));
    }

    void offlineAnswerQuotesTheBestTurns()
    {
        const ask::Answer a
            = ask::offlineAnswer(QStringLiteral("How were failed batches retried?"), turns(), QStringLiteral("Ada"), 2);
        QVERIFY(a.offline);
        QVERIFY(a.text.startsWith(QStringLiteral("Offline answer (no AI provider reachable)")));
        QCOMPARE(a.citations.size(), 2);
        QCOMPARE(a.citations.at(0), (ask::Citation{QStringLiteral("turn-3"), QStringLiteral("00:01:35")}));
        QVERIFY(a.text.contains(QStringLiteral("[00:01:35] Ada: “Each batch was its own transaction.")));
    }

    void offlineAnswerWithNothingRelevant()
    {
        const ask::Answer a = ask::offlineAnswer(QStringLiteral("kubernetes"), turns(), QString());
        QVERIFY(a.offline);
        QVERIFY(a.citations.isEmpty());
        QVERIFY(a.text.contains(QStringLiteral("no part of the transcript matches")));
    }

    void citationsInAProviderAnswer()
    {
        const QString answer = QStringLiteral("They retried batches [00:01:35] and kept a rejects report [00:00:35]; "
                                              "again [00:01:35]. Unknown [00:09:59]. Short form [1:35].");
        const QList<ask::Citation> c = ask::extractCitations(answer, turns());
        QCOMPARE(c.size(), 2);
        QCOMPARE(c.at(0).turnId, QStringLiteral("turn-3"));
        QCOMPARE(c.at(1).turnId, QStringLiteral("turn-1"));
    }
};

QTEST_GUILESS_MAIN(TestInterviewRetrieval)
#include "tst_interview_retrieval.moc"
