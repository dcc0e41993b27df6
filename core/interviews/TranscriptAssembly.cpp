#include "core/interviews/TranscriptAssembly.h"

#include "core/profiles/Uuid.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace insighta::transcript {

QString turnId(const QString &interviewId, int index)
{
    return uuidV5(interviewId + QStringLiteral("/turn/") + QString::number(index)).toString(QUuid::WithoutBraces);
}

QString formatElapsed(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    return QStringLiteral("%1:%2:%3")
        .arg(h, 2, 10, QLatin1Char('0'))
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(s, 2, 10, QLatin1Char('0'));
}

namespace {

QDateTime parseIso(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString normalisedText(const QString &text)
{
    return text.simplified().toCaseFolded();
}

} // namespace

QDateTime transcriptOrigin(const QDateTime &interviewStartedAt, const QJsonObject &transcriptJson,
                           const QList<StoredTurn> &stored)
{
    if (interviewStartedAt.isValid())
        return interviewStartedAt.toUTC();
    const QDateTime session = parseIso(transcriptJson.value(QStringLiteral("session_started_at")).toString());
    if (session.isValid())
        return session;
    QDateTime earliest;
    for (const StoredTurn &t : stored)
        if (t.startedAt.isValid() && (!earliest.isValid() || t.startedAt < earliest))
            earliest = t.startedAt.toUTC();
    const QJsonArray messages = transcriptJson.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue m : messages) {
        const QDateTime at = parseIso(m.toObject().value(QStringLiteral("at")).toString());
        if (at.isValid() && (!earliest.isValid() || at < earliest))
            earliest = at;
    }
    return earliest;
}

JsonTurns turnsFromJson(const QString &interviewId, const QByteArray &transcriptJson)
{
    JsonTurns out;
    if (transcriptJson.trimmed().isEmpty())
        return out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(transcriptJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out.warning = QCoreApplication::translate("Transcript", "The stored session transcript is not valid JSON (%1).")
                          .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                            : QStringLiteral("not an object"));
        return out;
    }
    const QJsonObject root = doc.object();
    out.sessionStartedAt = parseIso(root.value(QStringLiteral("session_started_at")).toString());
    const QJsonArray messages = root.value(QStringLiteral("messages")).toArray();
    int skipped = 0;
    for (int i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        const QString text = m.value(QStringLiteral("text")).toString();
        const QDateTime at = parseIso(m.value(QStringLiteral("at")).toString());
        if (text.trimmed().isEmpty() || !at.isValid()) {
            ++skipped;
            continue;
        }
        TranscriptTurn turn;
        // The index in the session, not in the kept list, so ids stay stable even when a
        // malformed message is skipped.
        turn.id = turnId(interviewId, i);
        turn.sequence = i + 1;
        turn.speaker = m.value(QStringLiteral("speaker")).toString();
        turn.text = text;
        turn.at = at;
        turn.origin = TranscriptTurn::Origin::Rebuilt;
        out.turns.append(turn);
    }
    if (skipped > 0)
        out.warning = QCoreApplication::translate("Transcript",
                                                  "%1 message(s) of the stored session had no text or time and were "
                                                  "left out.")
                          .arg(skipped);
    return out;
}

Transcript assemble(const QString &interviewId, const QDateTime &interviewStartedAt, const QList<StoredTurn> &stored,
                    const QByteArray &transcriptJson)
{
    Transcript result;
    QList<TranscriptTurn> turns;
    QSet<QString> ids;
    QSet<int> sequences;
    for (const StoredTurn &s : stored) {
        TranscriptTurn t;
        t.id = s.id;
        t.sequence = s.sequence;
        t.speaker = s.speaker;
        t.text = s.text;
        t.at = s.startedAt.toUTC();
        t.origin = TranscriptTurn::Origin::Stored;
        ids.insert(t.id);
        sequences.insert(t.sequence);
        turns.append(t);
    }
    result.storedCount = int(turns.size());

    const JsonTurns fromJson = turnsFromJson(interviewId, transcriptJson);
    result.warning = fromJson.warning;
    auto duplicatesStored = [&](const TranscriptTurn &candidate) {
        if (ids.contains(candidate.id) || sequences.contains(candidate.sequence))
            return true;
        // A stored turn written with another id scheme: same words, same speaker, same moment.
        const QString text = normalisedText(candidate.text);
        for (int i = 0; i < result.storedCount; ++i) {
            const TranscriptTurn &s = turns.at(i);
            if (s.speaker == candidate.speaker && qAbs(s.at.secsTo(candidate.at)) <= 1
                && normalisedText(s.text) == text)
                return true;
        }
        return false;
    };
    for (const TranscriptTurn &t : fromJson.turns) {
        if (duplicatesStored(t))
            continue;
        turns.append(t);
        ++result.rebuiltCount;
    }

    std::stable_sort(turns.begin(), turns.end(), [](const TranscriptTurn &a, const TranscriptTurn &b) {
        if (a.at != b.at)
            return a.at < b.at;
        return a.sequence < b.sequence;
    });

    QJsonObject root;
    if (!transcriptJson.trimmed().isEmpty())
        root = QJsonDocument::fromJson(transcriptJson).object();
    const QDateTime origin = transcriptOrigin(interviewStartedAt, root, stored);
    for (TranscriptTurn &t : turns) {
        t.elapsedSeconds = origin.isValid() ? qMax<qint64>(0, origin.secsTo(t.at)) : 0;
        t.elapsed = formatElapsed(t.elapsedSeconds);
    }
    result.turns = turns;
    if (turns.isEmpty())
        result.source = TranscriptSource::Empty;
    else if (result.rebuiltCount == 0)
        result.source = TranscriptSource::Stored;
    else if (result.storedCount == 0)
        result.source = TranscriptSource::Rebuilt;
    else
        result.source = TranscriptSource::Merged;
    return result;
}

QString bannerText(const Transcript &transcript)
{
    const int n = transcript.rebuiltCount;
    switch (transcript.source) {
    case TranscriptSource::Rebuilt:
        return n == 1 ? QCoreApplication::translate("Transcript",
                                                    "No transcript turns were stored for this interview. This turn "
                                                    "was rebuilt from the session's saved transcript.")
                      : QCoreApplication::translate("Transcript",
                                                    "No transcript turns were stored for this interview. These %1 "
                                                    "turns were rebuilt from the session's saved transcript.")
                            .arg(n);
    case TranscriptSource::Merged:
        return n == 1 ? QCoreApplication::translate("Transcript",
                                                    "1 turn was missing from the stored transcript and was rebuilt "
                                                    "from the session's saved transcript (marked ↺).")
                      : QCoreApplication::translate("Transcript",
                                                    "%1 turns were missing from the stored transcript and were "
                                                    "rebuilt from the session's saved transcript (marked ↺).")
                            .arg(n);
    case TranscriptSource::Empty:
    case TranscriptSource::Stored:
        break;
    }
    return {};
}

} // namespace insighta::transcript
