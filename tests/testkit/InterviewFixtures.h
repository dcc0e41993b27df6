#pragma once

#include <QByteArray>
#include <QString>

namespace insighta::testkit {

// The id DemoSeeder gives its n-th demo interview (1-based).
QString demoInterviewId(int n);
// An OpenAI-compatible chat completion whose message is `text`, as Groq/OpenRouter send it.
QByteArray chatCompletion(const QString &text);
// An assessment reply that passes validation: 2 competencies (4 and 3), recommendation "hire",
// summary "Calm, structured answers."
QString validAssessmentJson();

} // namespace insighta::testkit
