#include "core/interviews/DemoInterviews.h"

#include "core/profiles/Uuid.h"

#include <QJsonArray>
#include <QTimeZone>

namespace insighta {

QJsonObject DemoInterview::transcriptJson() const
{
    QJsonArray messages;
    for (const DemoTurn &turn : turns) {
        messages.append(QJsonObject{
            {QStringLiteral("speaker"), turn.speaker},
            {QStringLiteral("text"), turn.text},
            {QStringLiteral("at"), startedAt.addSecs(turn.offsetSeconds).toString(Qt::ISODateWithMs)},
        });
    }
    return QJsonObject{
        {QStringLiteral("session_started_at"), startedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("messages"), messages},
    };
}

bool DemoInterview::isTurnStored(int index) const
{
    switch (storedTurns) {
    case StoredTurns::All:
        return true;
    case StoredTurns::None:
        return false;
    case StoredTurns::Some:
        return index % 3 != 2;
    }
    return true;
}

namespace {

QList<DemoTurn> backendTurns()
{
    return {
        {QStringLiteral("interviewer"),
         QStringLiteral("Thanks for joining. Could you walk me through a system you designed recently?"), 5},
        {QStringLiteral("candidate"),
         QStringLiteral("Sure. I designed an ingestion service that loads CSV uploads into PostgreSQL. We streamed the "
                        "file, validated each row and used COPY in batches of ten thousand rows."),
         18},
        {QStringLiteral("interviewer"), QStringLiteral("How did you handle rows that failed validation?"), 64},
        {QStringLiteral("candidate"),
         QStringLiteral("Bad rows never failed the file. We wrote them to a rejects report with the line number and "
                        "the reason, so the analyst could fix and re-upload them."),
         71},
        {QStringLiteral("interviewer"),
         QStringLiteral("What happened when the database connection dropped mid-import?"), 122},
        {QStringLiteral("candidate"),
         QStringLiteral("Each batch was its own transaction. We retried a failed batch with exponential backoff and "
                        "jitter, and committed batches stayed. A re-run skipped names that already existed."),
         130},
        {QStringLiteral("interviewer"), QStringLiteral("How did you measure performance?"), 190},
        {QStringLiteral("candidate"),
         QStringLiteral("We compared against psql copy on the same machine and tracked peak memory, which stayed flat "
                        "because we never held the whole file."),
         197},
        {QStringLiteral("interviewer"), QStringLiteral("Tell me about a disagreement with a teammate."), 260},
        {QStringLiteral("candidate"),
         QStringLiteral("A colleague wanted to load everything into memory first. I wrote a small benchmark with a "
                        "five million row file, we looked at the numbers together and chose streaming."),
         268},
    };
}

QList<DemoTurn> designTurns()
{
    return {
        {QStringLiteral("interviewer"), QStringLiteral("Welcome. What drew you to product design?"), 3},
        {QStringLiteral("candidate"),
         QStringLiteral("I like watching people use a tool and removing the moments where they hesitate."), 12},
        {QStringLiteral("interviewer"), QStringLiteral("Describe how you run a usability test."), 45},
        {QStringLiteral("candidate"),
         QStringLiteral("Five participants, a realistic task, and I stay quiet. I note where they click first and "
                        "where they give up."),
         52},
        {QStringLiteral("interviewer"), QStringLiteral("How do you work with engineers on constraints?"), 110},
        {QStringLiteral("candidate"),
         QStringLiteral("Early and often. I bring rough sketches to the engineers before anything is polished, so we "
                        "find the expensive parts together."),
         118},
        {QStringLiteral("interviewer"), QStringLiteral("What is a design decision you regret?"), 170},
        {QStringLiteral("candidate"),
         QStringLiteral("I once hid an export button in a menu to keep the screen clean. Support tickets doubled. "
                        "Discoverability matters more than tidiness."),
         176},
        {QStringLiteral("interviewer"), QStringLiteral("How do you handle accessibility?"), 230},
        {QStringLiteral("candidate"),
         QStringLiteral(
             "Contrast checks, keyboard paths for every action, and screen reader labels reviewed with real users."),
         236},
    };
}

QList<DemoTurn> dataTurns()
{
    return {
        {QStringLiteral("interviewer"),
         QStringLiteral("Let's start with SQL. How would you page through ten million rows?"), 4},
        {QStringLiteral("candidate"),
         QStringLiteral("With keyset pagination on an indexed sort key plus the id as a tie breaker, never OFFSET, so "
                        "page one thousand costs the same as page one."),
         11},
        {QStringLiteral("interviewer"), QStringLiteral("And exact counts for broad filters?"), 58},
        {QStringLiteral("candidate"),
         QStringLiteral(
             "A summary table maintained on import, grouped by the filter columns, and summed at query time."),
         63},
        {QStringLiteral("interviewer"), QStringLiteral("How do you validate an analysis before sharing it?"), 115},
        {QStringLiteral("candidate"),
         QStringLiteral("I reproduce the headline number a second way, check the row counts at each step, and ask a "
                        "colleague to review the query."),
         121},
    };
}

DemoAssessment readyAssessment()
{
    DemoAssessment a;
    a.status = QStringLiteral("ready");
    a.summary = QStringLiteral(
        "Strong backend engineer with practical experience of streaming imports, batching and failure handling. "
        "Communicates trade-offs with evidence.");
    a.scorecardJson = QStringLiteral(
        R"([{"competency":"System design","score":5,"evidence":["We streamed the file, validated each row and used COPY in batches of ten thousand rows."]},)"
        R"({"competency":"Reliability","score":4,"evidence":["We retried a failed batch with exponential backoff and jitter, and committed batches stayed."]},)"
        R"({"competency":"Collaboration","score":4,"evidence":["we looked at the numbers together and chose streaming."]}])");
    a.strengthsJson = QStringLiteral(R"(["Designs for failure from the start","Measures before deciding"])");
    a.concernsJson = QStringLiteral(R"(["Little said about observability in production"])");
    a.recommendation = QStringLiteral("hire");
    return a;
}

} // namespace

QList<DemoInterview> demoInterviews()
{
    const QDateTime base(QDate(2026, 10, 5), QTime(9, 0), QTimeZone::utc());
    QList<DemoInterview> list;

    DemoInterview complete;
    complete.id = uuidV5(QStringLiteral("demo-interview-1")).toString(QUuid::WithoutBraces);
    complete.candidateName = QStringLiteral("Adaeze Okafor");
    complete.candidateEmail = QStringLiteral("adaeze.okafor@example.com");
    complete.role = QStringLiteral("Backend Engineer");
    complete.status = QStringLiteral("completed");
    complete.scheduledAt = base;
    complete.startedAt = base.addSecs(120);
    complete.endedAt = complete.startedAt.addSecs(1800);
    complete.turns = backendTurns();
    complete.assessments = {readyAssessment()};
    list << complete;

    DemoInterview partial;
    partial.id = uuidV5(QStringLiteral("demo-interview-2")).toString(QUuid::WithoutBraces);
    partial.candidateName = QStringLiteral("Søren Müller");
    partial.candidateEmail = QStringLiteral("soren.muller@example.com");
    partial.role = QStringLiteral("Product Designer");
    partial.status = QStringLiteral("completed");
    partial.scheduledAt = base.addDays(1);
    partial.startedAt = partial.scheduledAt.addSecs(60);
    partial.endedAt = partial.startedAt.addSecs(1500);
    partial.turns = designTurns();
    partial.storedTurns = DemoInterview::StoredTurns::Some;
    DemoAssessment pending;
    pending.status = QStringLiteral("pending");
    partial.assessments = {pending};
    list << partial;

    DemoInterview jsonOnly;
    jsonOnly.id = uuidV5(QStringLiteral("demo-interview-3")).toString(QUuid::WithoutBraces);
    jsonOnly.candidateName = QStringLiteral("Wanjiru Kamau");
    jsonOnly.candidateEmail = QStringLiteral("wanjiru.kamau@example.com");
    jsonOnly.role = QStringLiteral("Data Analyst");
    jsonOnly.status = QStringLiteral("completed");
    jsonOnly.scheduledAt = base.addDays(2);
    jsonOnly.startedAt = jsonOnly.scheduledAt.addSecs(30);
    jsonOnly.endedAt = jsonOnly.startedAt.addSecs(1200);
    jsonOnly.turns = dataTurns();
    jsonOnly.storedTurns = DemoInterview::StoredTurns::None;
    DemoAssessment failed;
    failed.status = QStringLiteral("failed");
    failed.error = QStringLiteral("The provider's reply had no scorecard (field 'scorecard' missing).");
    jsonOnly.assessments = {failed};
    list << jsonOnly;

    DemoInterview generating = complete;
    generating.id = uuidV5(QStringLiteral("demo-interview-4")).toString(QUuid::WithoutBraces);
    generating.candidateName = QStringLiteral("Tunde Adeyemi");
    generating.candidateEmail = QStringLiteral("tunde.adeyemi@example.com");
    generating.scheduledAt = base.addDays(3);
    generating.startedAt = generating.scheduledAt.addSecs(90);
    generating.endedAt = generating.startedAt.addSecs(1700);
    DemoAssessment running;
    running.status = QStringLiteral("generating");
    generating.assessments = {running};
    list << generating;

    DemoInterview upcoming;
    upcoming.id = uuidV5(QStringLiteral("demo-interview-5")).toString(QUuid::WithoutBraces);
    upcoming.candidateName = QStringLiteral("Chloé Dubois");
    upcoming.candidateEmail = QStringLiteral("chloe.dubois@example.com");
    upcoming.role = QStringLiteral("Backend Engineer");
    upcoming.status = QStringLiteral("scheduled");
    upcoming.scheduledAt = base.addDays(60);
    upcoming.storedTurns = DemoInterview::StoredTurns::None;
    list << upcoming;

    return list;
}

} // namespace insighta
