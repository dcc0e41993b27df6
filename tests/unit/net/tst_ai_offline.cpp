#include "core/net/ai/AiService.h"
#include "core/net/ai/ExtractiveAnswerer.h"
#include "core/net/ai/GeminiProvider.h"
#include "core/net/ai/OpenAiCompatibleProvider.h"

#include <QJsonArray>
#include <QTest>

using namespace insighta::net;

class TestAiOffline : public QObject
{
    Q_OBJECT
private slots:
    void extractive_data()
    {
        QTest::addColumn<QString>("question");
        QTest::addColumn<QStringList>("passages");
        QTest::addColumn<QStringList>("expected");
        const QStringList interview{
            QStringLiteral("I studied physics in Nairobi. Then I moved to Berlin for a master's degree."),
            QStringLiteral("In Berlin I worked on payment systems.\nI led the migration to a new ledger in 2021!"),
            QStringLiteral("Outside work I climb and I cook.")};
        QTest::newRow("where studied") << QStringLiteral("Where did the candidate study physics?") << interview
                                       << QStringList{QStringLiteral("I studied physics in Nairobi.")};
        QTest::newRow("stemming") << QStringLiteral("Which migrations were led?") << interview
                                  << QStringList{QStringLiteral("I led the migration to a new ledger in 2021!")};
        QTest::newRow("several, in order")
            << QStringLiteral("Berlin payment work") << interview
            << QStringList{QStringLiteral("Then I moved to Berlin for a master's degree."),
                           QStringLiteral("In Berlin I worked on payment systems.")};
        QTest::newRow("nothing relevant") << QStringLiteral("salary expectations?") << interview << QStringList{};
        QTest::newRow("no passages") << QStringLiteral("anything") << QStringList{} << QStringList{};
    }
    void extractive()
    {
        QFETCH(QString, question);
        QFETCH(QStringList, passages);
        QFETCH(QStringList, expected);
        const auto answer = ExtractiveAnswerer::answer(question, passages, 2);
        QCOMPARE(answer.sentences, expected);
        QVERIFY(!answer.text.isEmpty());
    }

    void geminiParse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("finish");
        QTest::addColumn<QString>("blocked");
        QTest::newRow("text") << QByteArray(
            R"({"candidates":[{"content":{"parts":[{"text":"a"},{"text":"b"}]},"finishReason":"STOP"}]})")
                              << QStringLiteral("ab") << QStringLiteral("STOP") << QString();
        QTest::newRow("thought skipped") << QByteArray(
            R"({"candidates":[{"content":{"parts":[{"text":"hm","thought":true},{"text":"x"}]},"finishReason":"STOP"}]})")
                                         << QStringLiteral("x") << QStringLiteral("STOP") << QString();
        QTest::newRow("max tokens") << QByteArray(
            R"({"candidates":[{"content":{"parts":[]},"finishReason":"MAX_TOKENS"}]})")
                                    << QString() << QStringLiteral("MAX_TOKENS") << QString();
        QTest::newRow("blocked") << QByteArray(R"({"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}})")
                                 << QString() << QString() << QStringLiteral("PROHIBITED_CONTENT");
    }
    void geminiParse()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, text);
        QFETCH(QString, finish);
        QFETCH(QString, blocked);
        const auto parsed = GeminiProvider::parse(body);
        QCOMPARE(parsed.text, text);
        QCOMPARE(parsed.finishReason, finish);
        QCOMPARE(parsed.blockReason, blocked);
    }

    void errorInside200_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::newRow("fine") << QByteArray(R"({"choices":[{"message":{"content":"x"},"finish_reason":"stop"}]})")
                              << int(OutcomeKind::Success);
        QTest::newRow("502 inside") << QByteArray(R"({"error":{"code":502,"message":"x"}})")
                                    << int(OutcomeKind::Transient);
        QTest::newRow("429 inside") << QByteArray(R"({"error":{"code":429,"message":"x"}})")
                                    << int(OutcomeKind::Throttled);
        QTest::newRow("402 inside") << QByteArray(R"({"error":{"code":402,"message":"x"}})")
                                    << int(OutcomeKind::QuotaExhausted);
        QTest::newRow("finish error") << QByteArray(
            R"({"choices":[{"finish_reason":"error","message":{"content":""}}]})")
                                      << int(OutcomeKind::Transient);
        QTest::newRow("no choices") << QByteArray(R"({"id":"x"})") << int(OutcomeKind::Transient);
        QTest::newRow("not json") << QByteArray("<html>") << int(OutcomeKind::Transient);
    }
    void errorInside200()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        HttpResponse response;
        response.status = 200;
        response.body = body;
        const Classification c = OpenAiCompatibleProvider::inspect(response, classify(response, 0));
        QCOMPARE(outcomeName(c.kind), outcomeName(OutcomeKind(kind)));
    }

    void settingsFromStored()
    {
        const AiSettings settings = AiSettings::fromStored(
            QStringLiteral(" Groq, gemini,unknown,groq"),
            // (no raw string here: moc reads "//" inside one as a comment)
            QStringLiteral("{\"groq\":\"https://proxy.example.org/groq/v1/\",\"gemini\":\"not a url\"}"),
            QStringLiteral(R"({"gemini":"gemini-2.5-pro","groq":""})"));
        QCOMPARE(settings.order, (QStringList{QStringLiteral("groq"), QStringLiteral("gemini")}));
        QCOMPARE(settings.baseUrl(QStringLiteral("groq")), QUrl(QStringLiteral("https://proxy.example.org/groq/v1")));
        QCOMPARE(settings.baseUrl(QStringLiteral("gemini")), AiProvider::defaultBaseUrl(QStringLiteral("gemini")));
        QCOMPARE(settings.model(QStringLiteral("gemini")), QStringLiteral("gemini-2.5-pro"));
        QCOMPARE(settings.model(QStringLiteral("groq")), AiProvider::defaultModel(QStringLiteral("groq")));
    }

    void jsonAnswer_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral(R"({"score":1})") << true;
        QTest::newRow("fenced") << QStringLiteral("```json\n{\"score\":1}\n```") << true;
        QTest::newRow("missing required") << QStringLiteral(R"({"other":1})") << false;
        QTest::newRow("array") << QStringLiteral("[1]") << false;
        QTest::newRow("prose") << QStringLiteral("Score: 1") << false;
    }
    void jsonAnswer()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QString error;
        const QJsonObject schema{{QStringLiteral("required"), QJsonArray{QStringLiteral("score")}}};
        QCOMPARE(parseJsonAnswer(text, schema, &error).has_value(), ok);
        QCOMPARE(error.isEmpty(), ok);
    }
};

QTEST_GUILESS_MAIN(TestAiOffline)
#include "tst_ai_offline.moc"
