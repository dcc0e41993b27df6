#include "core/interviews/TranscriptAssembly.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace insighta;

namespace {

const QString kInterview = QStringLiteral("0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
const QDateTime kStart(QDate(2026, 1, 1), QTime(10, 0), QTimeZone::utc());

struct Message
{
    const char *speaker;
    const char *text;
    int offset; // seconds after kStart
};

// The session as it was recorded: five messages, the last one more than an hour in.
const Message kMessages[] = {
    {"interviewer", "Tell me about your last project.", 5}, {"candidate", "I built a streaming CSV importer.", 12},
    {"interviewer", "How did it handle failures?", 70},     {"candidate", "Each batch was its own transaction.", 75},
    {"interviewer", "Thanks, that's all.", 3725},
};

// Literal ids: UUID v5 of "<interview>/turn/<index>" in our namespace. Written out, not
// recomputed, so a change to the derivation breaks this test instead of silently changing ids.
const char *const kIds[] = {
    "e7ca1965-736f-5503-af6b-0e01599031f7", "aa587709-05be-5eff-95b0-bd7d044638a2",
    "89bf67f4-cdc0-5998-9352-5608f6b148df", "8a98dd80-c6d3-5d37-9db6-3cc8ebe2a266",
    "6b672cc6-ecb9-52ac-94ce-6924d22404ec",
};
const char *const kElapsed[] = {"00:00:05", "00:00:12", "00:01:10", "00:01:15", "01:02:05"};

QByteArray sessionJson()
{
    QJsonArray messages;
    for (const Message &m : kMessages)
        messages.append(QJsonObject{{QStringLiteral("speaker"), QString::fromUtf8(m.speaker)},
                                    {QStringLiteral("text"), QString::fromUtf8(m.text)},
                                    {QStringLiteral("at"), kStart.addSecs(m.offset).toString(Qt::ISODateWithMs)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("session_started_at"), kStart.toString(Qt::ISODateWithMs)},
                                     {QStringLiteral("messages"), messages}})
        .toJson(QJsonDocument::Compact);
}

StoredTurn stored(int index)
{
    const Message &m = kMessages[index];
    return {QString::fromLatin1(kIds[index]), index + 1, QString::fromUtf8(m.speaker), QString::fromUtf8(m.text),
            kStart.addSecs(m.offset)};
}

TranscriptTurn expected(int index, TranscriptTurn::Origin origin)
{
    const Message &m = kMessages[index];
    TranscriptTurn t;
    t.id = QString::fromLatin1(kIds[index]);
    t.sequence = index + 1;
    t.speaker = QString::fromUtf8(m.speaker);
    t.text = QString::fromUtf8(m.text);
    t.at = kStart.addSecs(m.offset);
    t.elapsedSeconds = m.offset;
    t.elapsed = QString::fromLatin1(kElapsed[index]);
    t.origin = origin;
    return t;
}

} // namespace

class TestTranscriptAssembly : public QObject
{
    Q_OBJECT

private slots:
    void formatElapsed_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("00:00:00");
        QTest::newRow("seconds") << qint64(59) << QStringLiteral("00:00:59");
        QTest::newRow("minute") << qint64(60) << QStringLiteral("00:01:00");
        QTest::newRow("hour") << qint64(3725) << QStringLiteral("01:02:05");
        QTest::newRow("past 99 hours") << qint64(360000) << QStringLiteral("100:00:00");
        QTest::newRow("negative clamps") << qint64(-5) << QStringLiteral("00:00:00");
    }
    void formatElapsed()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(transcript::formatElapsed(seconds), text);
    }

    void turnIdIsTheSeedersDerivation()
    {
        QCOMPARE(transcript::turnId(kInterview, 0), QString::fromLatin1(kIds[0]));
        QCOMPARE(transcript::turnId(kInterview, 4), QString::fromLatin1(kIds[4]));
    }

    void complete()
    {
        QList<StoredTurn> turns;
        for (int i = 0; i < 5; ++i)
            turns << stored(i);
        const Transcript t = transcript::assemble(kInterview, kStart, turns, sessionJson());
        QCOMPARE(t.source, TranscriptSource::Stored);
        QCOMPARE(t.storedCount, 5);
        QCOMPARE(t.rebuiltCount, 0);
        QCOMPARE(t.turns.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(t.turns.at(i), expected(i, TranscriptTurn::Origin::Stored));
        QVERIFY(transcript::bannerText(t).isEmpty());
    }

    void partial()
    {
        // Turns 2 and 4 (0-based 1 and 3) never reached the table.
        const QList<StoredTurn> turns{stored(0), stored(2), stored(4)};
        const Transcript t = transcript::assemble(kInterview, kStart, turns, sessionJson());
        QCOMPARE(t.source, TranscriptSource::Merged);
        QCOMPARE(t.storedCount, 3);
        QCOMPARE(t.rebuiltCount, 2);
        QCOMPARE(t.turns.size(), 5);
        QCOMPARE(t.turns.at(0), expected(0, TranscriptTurn::Origin::Stored));
        QCOMPARE(t.turns.at(1), expected(1, TranscriptTurn::Origin::Rebuilt));
        QCOMPARE(t.turns.at(2), expected(2, TranscriptTurn::Origin::Stored));
        QCOMPARE(t.turns.at(3), expected(3, TranscriptTurn::Origin::Rebuilt));
        QCOMPARE(t.turns.at(4), expected(4, TranscriptTurn::Origin::Stored));
        QVERIFY(transcript::bannerText(t).contains(QStringLiteral("2 turns were missing")));
    }

    void none()
    {
        const Transcript t = transcript::assemble(kInterview, kStart, {}, sessionJson());
        QCOMPARE(t.source, TranscriptSource::Rebuilt);
        QCOMPARE(t.storedCount, 0);
        QCOMPARE(t.rebuiltCount, 5);
        QCOMPARE(t.turns.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(t.turns.at(i), expected(i, TranscriptTurn::Origin::Rebuilt));
        QVERIFY(transcript::bannerText(t).contains(QStringLiteral("rebuilt from the session")));
    }

    void storedTurnsWithOtherIdsAreNotDuplicated()
    {
        // Rows written by another client: random ids and sequences counted from 100, same
        // words and times as the session. Nothing may appear twice.
        QList<StoredTurn> turns;
        for (int i = 0; i < 5; ++i) {
            StoredTurn s = stored(i);
            s.id = QStringLiteral("00000000-0000-4000-8000-00000000000%1").arg(i);
            s.sequence = 100 + i;
            turns << s;
        }
        const Transcript t = transcript::assemble(kInterview, kStart, turns, sessionJson());
        QCOMPARE(t.source, TranscriptSource::Stored);
        QCOMPARE(t.turns.size(), 5);
        QCOMPARE(t.turns.at(4).elapsed, QStringLiteral("01:02:05"));
    }

    void originFallsBackToTheSessionStart()
    {
        // No started_at on the interview: elapsed times count from session_started_at.
        const Transcript t = transcript::assemble(kInterview, QDateTime(), {}, sessionJson());
        QCOMPARE(t.turns.size(), 5);
        QCOMPARE(t.turns.at(0).elapsed, QStringLiteral("00:00:05"));
        QCOMPARE(t.turns.at(4).elapsed, QStringLiteral("01:02:05"));
    }

    void malformedMessagesAreSkippedWithStableIds()
    {
        QJsonObject root = QJsonDocument::fromJson(sessionJson()).object();
        QJsonArray messages = root.value(QStringLiteral("messages")).toArray();
        QJsonObject broken = messages.at(1).toObject();
        broken.remove(QStringLiteral("at"));
        messages[1] = broken;
        root.insert(QStringLiteral("messages"), messages);
        const Transcript t
            = transcript::assemble(kInterview, kStart, {}, QJsonDocument(root).toJson(QJsonDocument::Compact));
        QCOMPARE(t.turns.size(), 4);
        QCOMPARE(t.turns.at(1), expected(2, TranscriptTurn::Origin::Rebuilt));
        QVERIFY(t.warning.contains(QStringLiteral("1 message")));
    }

    void invalidJsonKeepsStoredTurns()
    {
        const Transcript t = transcript::assemble(kInterview, kStart, {stored(0)}, QByteArray("{not json"));
        QCOMPARE(t.source, TranscriptSource::Stored);
        QCOMPARE(t.turns.size(), 1);
        QVERIFY(!t.warning.isEmpty());
    }

    void nothingAtAll()
    {
        const Transcript t = transcript::assemble(kInterview, kStart, {}, QByteArray());
        QCOMPARE(t.source, TranscriptSource::Empty);
        QVERIFY(t.turns.isEmpty());
        QVERIFY(t.warning.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranscriptAssembly)
#include "tst_transcript_assembly.moc"
