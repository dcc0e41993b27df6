#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QByteArray>
#include <QJsonObject>

namespace insighta::transcript {

// Pure functions that turn what the database holds into the transcript the view shows. The
// stored turns (transcript_turns) are the primary source; transcript_json, as the live session
// wrote it ({"session_started_at": ISO, "messages": [{"speaker","text","at": ISO}]}), fills in
// whatever is missing.

// The stable id of the index-th message (0-based) of an interview's session:
// UUID v5 of "<interviewId>/turn/<index>". Stored turns written by the session use the same
// derivation, so a rebuilt turn has the id its stored row would have had.
QString turnId(const QString &interviewId, int index);

// Elapsed time as HH:MM:SS (hours grow past 99 if they must; negative clamps to zero).
QString formatElapsed(qint64 seconds);

// The instant elapsed times count from: the interview's started_at, else the session's
// session_started_at, else the earliest turn.
QDateTime transcriptOrigin(const QDateTime &interviewStartedAt, const QJsonObject &transcriptJson,
                           const QList<StoredTurn> &stored);

struct JsonTurns
{
    QList<TranscriptTurn> turns; // elapsed not yet set
    QDateTime sessionStartedAt;
    QString warning;
};

// Parses transcript_json into turns with stable ids. Messages without text or a valid time are
// skipped (and counted in the warning); they never fail the whole transcript.
JsonTurns turnsFromJson(const QString &interviewId, const QByteArray &transcriptJson);

// Assembles the transcript: stored turns first; messages from transcript_json that match no
// stored turn (same id, same sequence, or same speaker and text within a second) are added;
// the result is ordered by time (then sequence) and every turn gets its elapsed time from
// the same origin.
Transcript assemble(const QString &interviewId, const QDateTime &interviewStartedAt, const QList<StoredTurn> &stored,
                    const QByteArray &transcriptJson);

// The banner text for a transcript that was (partly) rebuilt; empty when nothing was rebuilt.
QString bannerText(const Transcript &transcript);

} // namespace insighta::transcript
