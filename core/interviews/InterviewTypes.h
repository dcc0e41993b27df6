#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace insighta {

// Value types that travel between the interview worker thread and the UI. No Qt SQL types,
// no pointers: they are copied across threads.

// One row of the interview list.
struct InterviewSummary
{
    QString id;
    QString candidateName;
    QString candidateEmail;
    QString role;
    QString status; // scheduled, in_progress, completed, cancelled
    QDateTime scheduledAt;
    QDateTime startedAt;
    QDateTime endedAt;
    QString assessmentStatus; // of the latest assessment: pending, generating, ready, failed; empty = none
};

// The interview list's search and filters. Empty fields do not filter.
struct InterviewFilter
{
    QString text; // matches candidate name or email (case-insensitive substring)
    QString role; // exact role
    QDate from; // started (or scheduled) on or after
    QDate to; // started (or scheduled) on or before
    QString assessmentStatus; // pending, generating, ready, failed, or "none"
    int limit = 500;

    bool operator==(const InterviewFilter &) const = default;
};

// A transcript_turns row as stored.
struct StoredTurn
{
    QString id;
    int sequence = 0;
    QString speaker;
    QString text;
    QDateTime startedAt;
};

// A turn as the transcript view shows it.
struct TranscriptTurn
{
    enum class Origin { Stored, Rebuilt };
    QString id;
    int sequence = 0; // 1-based position in the session
    QString speaker; // "interviewer" or "candidate" (as the session wrote it)
    QString text;
    QDateTime at;
    qint64 elapsedSeconds = 0; // from the interview start
    QString elapsed; // HH:MM:SS
    Origin origin = Origin::Stored;

    bool operator==(const TranscriptTurn &) const = default;
};

// Which sources the assembled transcript came from; the view's banner says so.
enum class TranscriptSource {
    Empty, // no turns and no usable transcript_json
    Stored, // every turn from transcript_turns
    Rebuilt, // no stored turns: all rebuilt from transcript_json
    Merged, // some stored, the missing ones rebuilt from transcript_json
};

struct Transcript
{
    QList<TranscriptTurn> turns;
    TranscriptSource source = TranscriptSource::Empty;
    int storedCount = 0;
    int rebuiltCount = 0;
    QString warning; // e.g. transcript_json could not be parsed
};

struct ScorecardEntry
{
    QString competency;
    int score = 0; // 1..5
    QStringList evidence; // quotes from the transcript

    bool operator==(const ScorecardEntry &) const = default;
};

// The validated content of an assessment (what the provider must return).
struct AssessmentContent
{
    QString summary;
    QList<ScorecardEntry> scorecard;
    QStringList strengths;
    QStringList concerns;
    QString recommendation; // strong_hire, hire, no_hire, strong_no_hire

    bool operator==(const AssessmentContent &) const = default;
};

struct Assessment
{
    QString id;
    QString interviewId;
    QString status; // pending, generating, ready, failed
    AssessmentContent content; // meaningful when status is ready
    QString provider;
    QString model;
    qint64 jobId = 0; // 0 = none
    QDateTime generatedAt;
    QDateTime updatedAt;
    QString error;
};

// A queued email as stored in the emails table. The idempotency key is created here, once,
// when the email is queued; every send attempt reuses it, so a retry never sends twice.
struct QueuedEmail
{
    QString id;
    QString idempotencyKey;
    QString kind; // invitation, report
    QString interviewId;
    QStringList recipients;
    QString subject;
    QString payloadJson; // the Resend request body (from, to, subject, html, text, ...)
    QString status; // queued, sending, sent, held, failed
    QString providerId; // Resend's id once sent
    QString error;
    QDateTime createdAt;
    QDateTime sentAt;
};

// Everything the page shows for one interview.
struct InterviewDetail
{
    InterviewSummary summary;
    Transcript transcript;
    QList<Assessment> assessments; // newest first
    QList<QueuedEmail> emails; // newest first
    QString error; // when loading failed
};

struct InterviewListReply
{
    QList<InterviewSummary> interviews;
    QStringList roles; // every role in the database, for the filter
    QString error;
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::InterviewFilter)
Q_DECLARE_METATYPE(insighta::InterviewListReply)
Q_DECLARE_METATYPE(insighta::InterviewDetail)
