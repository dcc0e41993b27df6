#include "core/interviews/AssessmentGeneration.h"

#include "core/common/Logging.h"
#include "core/interviews/AskInterview.h"
#include "core/interviews/AssessmentJson.h"
#include "core/interviews/InterviewRepository.h"

#include <QCoreApplication>

namespace insighta::assessment {

AiRequest generationRequest(const InterviewDetail &interview)
{
    AiRequest request;
    request.purpose = QStringLiteral("generate-assessment");
    request.systemPrompt = QStringLiteral(
        "You are an experienced hiring manager. Assess the candidate from the interview transcript only. "
        "Reply with JSON matching the schema: a short summary; a scorecard of 3 to 6 competencies, each scored "
        "1 (weak) to 5 (excellent) with one to three evidence quotes copied word for word from the candidate's "
        "turns; strengths; concerns; and a recommendation (strong_hire, hire, no_hire or strong_no_hire).");
    QString prompt = QStringLiteral("Role: %1\nCandidate: %2\n\nTranscript:\n")
                         .arg(interview.summary.role, interview.summary.candidateName);
    for (const TranscriptTurn &t : interview.transcript.turns)
        prompt += QStringLiteral("[%1] %2: %3\n")
                      .arg(t.elapsed, ask::speakerLabel(t.speaker, interview.summary.candidateName), t.text);
    request.userPrompt = prompt;
    request.jsonSchema = jsonSchema();
    return request;
}

Result<QString> storeReply(InterviewRepository &repository, const QString &assessmentId, const AiReply &reply)
{
    if (!reply.ok) {
        const QString error = reply.error.isEmpty()
            ? QCoreApplication::translate("Assessment", "The provider did not answer.")
            : reply.error;
        if (const Status s = repository.storeFailed(assessmentId, error); !s.ok())
            return Error{s.error()};
        return QStringLiteral("failed");
    }
    const auto content = parse(reply.text.toUtf8());
    if (!content.ok()) {
        qCWarning(lcInterviews).noquote()
            << "Assessment reply from" << reply.provider << "rejected:" << content.error();
        const QString error
            = QCoreApplication::translate("Assessment", "%1 (from %2)")
                  .arg(content.error(), reply.provider.isEmpty() ? QStringLiteral("?") : reply.provider);
        if (const Status s = repository.storeFailed(assessmentId, error); !s.ok())
            return Error{s.error()};
        return QStringLiteral("failed");
    }
    if (const Status s = repository.storeReady(assessmentId, content.value(), reply.provider, reply.model); !s.ok())
        return Error{s.error()};
    return QStringLiteral("ready");
}

AssessmentContent offlineAssessment(const InterviewDetail &interview, const QString &why)
{
    constexpr int kQuotes = 3;
    QList<TranscriptTurn> answers;
    for (const TranscriptTurn &turn : interview.transcript.turns) {
        if (turn.speaker == QLatin1String("candidate"))
            answers << turn;
    }
    std::stable_sort(answers.begin(), answers.end(),
                     [](const TranscriptTurn &a, const TranscriptTurn &b) { return a.text.size() > b.text.size(); });
    AssessmentContent content;
    content.summary = QCoreApplication::translate("Assessment",
                                                  "Offline extractive summary, not an assessment: no AI provider "
                                                  "answered (%1). The candidate's longest answers are quoted; "
                                                  "nothing is scored. Generate again when a provider is reachable.")
                          .arg(why.isEmpty() ? QCoreApplication::translate("Assessment", "no reply") : why);
    for (const TranscriptTurn &turn : answers.mid(0, kQuotes))
        content.strengths << QStringLiteral("[%1] %2").arg(turn.elapsed, turn.text);
    content.recommendation = QStringLiteral("not_assessed");
    return content;
}

} // namespace insighta::assessment
