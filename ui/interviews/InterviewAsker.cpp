#include "ui/interviews/InterviewAsker.h"

#include "core/common/Logging.h"
#include "core/interviews/AiBackend.h"
#include "core/interviews/AskInterview.h"
#include "ui/interviews/AskPanel.h"

namespace insighta {

InterviewAsker::InterviewAsker(AskPanel *panel, BackendSource backend, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_backend(std::move(backend))
{
}

void InterviewAsker::setInterview(const InterviewDetail &detail)
{
    m_interviewId = detail.summary.id;
    m_candidate = detail.summary.candidateName;
    m_turns = detail.transcript.turns;
}

void InterviewAsker::ask(const QString &question)
{
    if (m_turns.isEmpty())
        return;
    m_panel->addQuestion(question);
    const std::shared_ptr<AiBackend> ai = m_backend();
    if (!ai->available()) {
        m_panel->addAnswer(ask::offlineAnswer(question, m_turns, m_candidate));
        return;
    }
    const QList<TranscriptTurn> context = ask::retrieve(question, m_turns);
    AiRequest request;
    request.purpose = QStringLiteral("ask-interview");
    request.systemPrompt = ask::systemPrompt();
    request.userPrompt = ask::userPrompt(question, m_candidate, context);
    m_panel->setBusy(true);
    const QList<TranscriptTurn> turns = m_turns;
    const QString candidate = m_candidate;
    const QString interviewId = m_interviewId;
    ai->send(request, this, [this, question, turns, candidate, context, interviewId](const AiReply &reply) {
        m_panel->setBusy(false);
        if (interviewId != m_interviewId)
            return; // the user opened another interview meanwhile
        if (!reply.ok) {
            // No provider reachable: degrade to the extractive answer rather than failing.
            qCWarning(lcInterviews).noquote() << "Ask fell back to the offline answer:" << reply.error;
            m_panel->addAnswer(ask::offlineAnswer(question, turns, candidate));
            return;
        }
        ask::Answer answer;
        answer.text = reply.text;
        answer.provider = reply.provider;
        answer.model = reply.model;
        answer.citations = ask::extractCitations(reply.text, context);
        m_panel->addAnswer(answer);
    });
}

} // namespace insighta
