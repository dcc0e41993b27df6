#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QObject>

#include <functional>
#include <memory>

namespace insighta {

class AiBackend;
class AskPanel;

// Ask-the-interview for the open interview: retrieves the turns that bear on a question, asks the
// AI backend, and shows the answer with its citations in the AskPanel. Without a reachable
// provider it answers offline (extractively) rather than failing. An answer that arrives after
// the user opened another interview is dropped.
class InterviewAsker : public QObject
{
    Q_OBJECT
public:
    using BackendSource = std::function<std::shared_ptr<AiBackend>()>;

    InterviewAsker(AskPanel *panel, BackendSource backend, QObject *parent = nullptr);

    void setInterview(const InterviewDetail &detail);
    void ask(const QString &question);

private:
    AskPanel *m_panel;
    BackendSource m_backend;
    QString m_interviewId;
    QString m_candidate;
    QList<TranscriptTurn> m_turns;
};

} // namespace insighta
