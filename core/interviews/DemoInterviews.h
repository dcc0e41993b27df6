#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace insighta {

struct DemoTurn
{
    QString speaker; // "interviewer" or "candidate"
    QString text;
    int offsetSeconds = 0; // from the interview start
};

struct DemoAssessment
{
    QString status; // pending, generating, ready, failed
    QString summary;
    QString scorecardJson;
    QString strengthsJson;
    QString concernsJson;
    QString recommendation;
    QString error;
};

struct DemoInterview
{
    QString id; // stable UUID
    QString candidateName;
    QString candidateEmail;
    QString role;
    QString status;
    QDateTime scheduledAt;
    QDateTime startedAt;
    QDateTime endedAt;
    QList<DemoTurn> turns;
    // Which turns also exist as transcript_turns rows: all, some, or none (the fallback cases).
    enum class StoredTurns { All, Some, None } storedTurns = StoredTurns::All;
    QList<DemoAssessment> assessments;

    // The transcript as the live session stored it:
    // {"session_started_at": ISO, "messages": [{"speaker","text","at": ISO}]}
    QJsonObject transcriptJson() const;
    // Whether turn i is stored as a row (StoredTurns::Some drops every third turn).
    bool isTurnStored(int index) const;
};

// A handful of interviews covering every case the Interviews page handles.
QList<DemoInterview> demoInterviews();

} // namespace insighta
