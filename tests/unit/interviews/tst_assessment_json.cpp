#include "core/interviews/AssessmentJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace insighta;

namespace {

const char *const kValid = R"({
  "summary": "Solid engineer.",
  "scorecard": [
    {"competency": "System design", "score": 5, "evidence": ["We streamed the file."]},
    {"competency": "Communication", "score": 3, "evidence": []}
  ],
  "strengths": ["Measures first"],
  "concerns": [],
  "recommendation": "hire"
})";

// The valid reply with one change applied (a JSON Pointer-ish path and a new value, or removal).
QByteArray variant(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject o = QJsonDocument::fromJson(kValid).object();
    change(o);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void setScore(QJsonObject &o, int index, const QJsonValue &score)
{
    QJsonArray scorecard = o.value(QStringLiteral("scorecard")).toArray();
    QJsonObject entry = scorecard.at(index).toObject();
    if (score.isUndefined())
        entry.remove(QStringLiteral("score"));
    else
        entry.insert(QStringLiteral("score"), score);
    scorecard[index] = entry;
    o.insert(QStringLiteral("scorecard"), scorecard);
}

} // namespace

class TestAssessmentJson : public QObject
{
    Q_OBJECT

private slots:
    void validReply()
    {
        const auto parsed = assessment::parse(kValid);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        const AssessmentContent &c = parsed.value();
        QCOMPARE(c.summary, QStringLiteral("Solid engineer."));
        QCOMPARE(c.scorecard.size(), 2);
        QCOMPARE(c.scorecard.at(0).competency, QStringLiteral("System design"));
        QCOMPARE(c.scorecard.at(0).score, 5);
        QCOMPARE(c.scorecard.at(0).evidence, QStringList{QStringLiteral("We streamed the file.")});
        QCOMPARE(c.strengths, QStringList{QStringLiteral("Measures first")});
        QVERIFY(c.concerns.isEmpty());
        QCOMPARE(c.recommendation, QStringLiteral("hire"));
        // Round trip through the stored columns.
        const auto again = assessment::fromColumns(c.summary, assessment::scorecardToJson(c.scorecard),
                                                   assessment::stringListToJson(c.strengths),
                                                   assessment::stringListToJson(c.concerns), c.recommendation);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again.value(), c);
    }

    void codeFenceIsTolerated()
    {
        const QByteArray fenced = QByteArray("```json\n") + kValid + "\n```\n";
        QVERIFY(assessment::parse(fenced).ok());
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray("  ") << QStringLiteral("The provider's reply was empty.");
        QTest::newRow("not json") << QByteArray("Sure! Here is the assessment")
                                  << QStringLiteral("The provider's reply is not valid JSON: illegal value at "
                                                    "character 1.");
        QTest::newRow("array") << QByteArray("[1,2]")
                               << QStringLiteral("The provider's reply is JSON but not an object.");
        QTest::newRow("summary missing") << variant([](QJsonObject &o) { o.remove(QStringLiteral("summary")); })
                                         << QStringLiteral("The assessment has no 'summary' field.");
        QTest::newRow("summary wrong type")
            << variant([](QJsonObject &o) { o.insert(QStringLiteral("summary"), 42); })
            << QStringLiteral("The assessment's 'summary' must be text (got a number).");
        QTest::newRow("summary blank") << variant([](QJsonObject &o) {
            o.insert(QStringLiteral("summary"), QStringLiteral(" "));
        }) << QStringLiteral("The assessment's 'summary' is empty.");
        QTest::newRow("scorecard missing") << variant([](QJsonObject &o) { o.remove(QStringLiteral("scorecard")); })
                                           << QStringLiteral("The assessment has no 'scorecard' field.");
        QTest::newRow("scorecard not a list")
            << variant([](QJsonObject &o) { o.insert(QStringLiteral("scorecard"), QJsonObject()); })
            << QStringLiteral("The assessment's 'scorecard' must be a list (got an object).");
        QTest::newRow("scorecard empty") << variant([](QJsonObject &o) {
            o.insert(QStringLiteral("scorecard"), QJsonArray());
        }) << QStringLiteral("The assessment's 'scorecard' is empty.");
        QTest::newRow("entry not an object")
            << variant([](QJsonObject &o) { o.insert(QStringLiteral("scorecard"), QJsonArray{QStringLiteral("x")}); })
            << QStringLiteral("The assessment's 'scorecard[0]' must be an object (got text).");
        QTest::newRow("score above range") << variant([](QJsonObject &o) { setScore(o, 1, 7); })
                                           << QStringLiteral("The assessment's 'scorecard[1].score' must be a whole "
                                                             "number from 1 to 5 (got 7).");
        QTest::newRow("score zero") << variant([](QJsonObject &o) { setScore(o, 0, 0); })
                                    << QStringLiteral("The assessment's 'scorecard[0].score' must be a whole number "
                                                      "from 1 to 5 (got 0).");
        QTest::newRow("score fractional") << variant([](QJsonObject &o) { setScore(o, 0, 3.5); })
                                          << QStringLiteral("The assessment's 'scorecard[0].score' must be a whole "
                                                            "number from 1 to 5 (got 3.5).");
        // Found by fuzzing: beyond qint64 the whole-number check itself was undefined behaviour.
        QTest::newRow("score far beyond range") << variant([](QJsonObject &o) { setScore(o, 0, 4.1e81); })
                                                << QStringLiteral("The assessment's 'scorecard[0].score' must be a "
                                                                  "whole number from 1 to 5 (got 4.1e+81).");
        QTest::newRow("score as text") << variant([](QJsonObject &o) { setScore(o, 0, QStringLiteral("4")); })
                                       << QStringLiteral("The assessment's 'scorecard[0].score' must be a whole "
                                                         "number from 1 to 5 (got text).");
        QTest::newRow("score missing") << variant([](QJsonObject &o) { setScore(o, 1, QJsonValue::Undefined); })
                                       << QStringLiteral("The assessment has no 'scorecard[1].score' field.");
        QTest::newRow("evidence not a list") << variant([](QJsonObject &o) {
            QJsonArray s = o.value(QStringLiteral("scorecard")).toArray();
            QJsonObject e = s.at(0).toObject();
            e.insert(QStringLiteral("evidence"), QStringLiteral("quote"));
            s[0] = e;
            o.insert(QStringLiteral("scorecard"), s);
        }) << QStringLiteral("The assessment's 'scorecard[0].evidence' must be a list of text (got text).");
        QTest::newRow("strength not text") << variant([](QJsonObject &o) {
            o.insert(QStringLiteral("strengths"), QJsonArray{QStringLiteral("a"), 3});
        }) << QStringLiteral("The assessment's 'strengths[1]' must be text (got a number).");
        QTest::newRow("concerns missing") << variant([](QJsonObject &o) { o.remove(QStringLiteral("concerns")); })
                                          << QStringLiteral("The assessment has no 'concerns' field.");
        QTest::newRow("recommendation unknown")
            << variant([](QJsonObject &o) { o.insert(QStringLiteral("recommendation"), QStringLiteral("maybe")); })
            << QStringLiteral("The assessment's 'recommendation' must be one of strong_hire, hire, no_hire, "
                              "strong_no_hire (got \"maybe\").");
        QTest::newRow("recommendation null")
            << variant([](QJsonObject &o) { o.insert(QStringLiteral("recommendation"), QJsonValue::Null); })
            << QStringLiteral("The assessment's 'recommendation' must be text (got null).");
    }
    void invalid()
    {
        QFETCH(QByteArray, reply);
        QFETCH(QString, error);
        const auto parsed = assessment::parse(reply);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error(), error);
    }

    void schemaNamesEveryRequiredField()
    {
        const QJsonObject schema = assessment::jsonSchema();
        const QJsonArray required = schema.value(QStringLiteral("required")).toArray();
        QCOMPARE(required.size(), 5);
        const QJsonObject score = schema.value(QStringLiteral("properties"))
                                      .toObject()
                                      .value(QStringLiteral("scorecard"))
                                      .toObject()
                                      .value(QStringLiteral("items"))
                                      .toObject()
                                      .value(QStringLiteral("properties"))
                                      .toObject()
                                      .value(QStringLiteral("score"))
                                      .toObject();
        QCOMPARE(score.value(QStringLiteral("minimum")).toInt(), 1);
        QCOMPARE(score.value(QStringLiteral("maximum")).toInt(), 5);
    }

    void evidenceLinksToItsTurn_data()
    {
        QTest::addColumn<QString>("quote");
        QTest::addColumn<QString>("turnId");
        QTest::newRow("exact") << QStringLiteral("Each batch was its own transaction.") << QStringLiteral("t3");
        QTest::newRow("fragment, other case and punctuation")
            << QStringLiteral("each batch was its own transaction") << QStringLiteral("t3");
        QTest::newRow("paraphrase sharing most words")
            << QStringLiteral("batch was its own transaction, retried") << QStringLiteral("t3");
        QTest::newRow("unrelated") << QStringLiteral("I love painting landscapes") << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void evidenceLinksToItsTurn()
    {
        QFETCH(QString, quote);
        QFETCH(QString, turnId);
        QList<TranscriptTurn> turns;
        TranscriptTurn a;
        a.id = QStringLiteral("t1");
        a.text = QStringLiteral("How did it handle failures?");
        TranscriptTurn b;
        b.id = QStringLiteral("t3");
        b.text = QStringLiteral("Each batch was its own transaction. We retried it with backoff.");
        turns << a << b;
        QCOMPARE(assessment::turnForQuote(quote, turns), turnId);
    }
};

QTEST_GUILESS_MAIN(TestAssessmentJson)
#include "tst_assessment_json.moc"
