#pragma once

#include "core/common/Result.h"
#include "core/interviews/InterviewTypes.h"

#include <QByteArray>
#include <QJsonObject>

namespace insighta::assessment {

// The assessment a provider must return, and the checks applied before anything is stored.
//   {"summary": string, "scorecard": [{"competency": string, "score": 1..5, "evidence": [string]}],
//    "strengths": [string], "concerns": [string], "recommendation": "strong_hire"|"hire"|"no_hire"|"strong_no_hire"}

// The JSON schema handed to the provider (structured output).
QJsonObject jsonSchema();

QStringList recommendations();
// "Strong hire", "Hire", ... for display.
QString recommendationLabel(const QString &recommendation);

// Validates a provider's reply text. A surrounding Markdown code fence is tolerated (some
// models add one even in JSON mode); everything else must match the schema exactly. The error
// names the field and what was wrong: "scorecard[1].score must be a whole number from 1 to 5
// (got 7)".
Result<AssessmentContent> parse(const QByteArray &reply);
Result<AssessmentContent> validate(const QJsonObject &object);

// The object form (for storing and for re-validating what was stored).
QJsonObject toJson(const AssessmentContent &content);

// The scorecard, strengths and concerns columns as stored.
QString scorecardToJson(const QList<ScorecardEntry> &scorecard);
QString stringListToJson(const QStringList &list);

// Re-assembles a stored ready assessment's columns and validates them like a reply.
Result<AssessmentContent> fromColumns(const QString &summary, const QString &scorecardJson,
                                      const QString &strengthsJson, const QString &concernsJson,
                                      const QString &recommendation);

// The turn a quote comes from: the turn whose text contains the quote (ignoring case,
// spacing and punctuation), else the turn sharing most of its words (at least 60 %).
// Empty when no turn fits.
QString turnForQuote(const QString &quote, const QList<TranscriptTurn> &turns);

} // namespace insighta::assessment
