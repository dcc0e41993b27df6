#pragma once

#include "core/net/ai/AiService.h"

#include <QByteArray>
#include <QString>

namespace insighta::testkit {

class ScriptedHttpServer;

// The id DemoSeeder gives its n-th demo interview (1-based).
QString demoInterviewId(int n);
// An OpenAI-compatible chat completion whose message is `text`, as Groq/OpenRouter send it.
QByteArray chatCompletion(const QString &text);
// An assessment reply that passes validation: 2 competencies (4 and 3), recommendation "hire",
// summary "Calm, structured answers."
QString validAssessmentJson();
// Provider settings with Groq alone, served by `server` (model "llama-test").
net::AiSettings scriptedGroq(const ScriptedHttpServer &server,
                             const QString &apiKey = QStringLiteral("gsk_testKey123"));

} // namespace insighta::testkit
