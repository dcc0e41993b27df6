#pragma once

#include "core/common/Result.h"
#include "core/interviews/AiBackend.h"
#include "core/interviews/InterviewTypes.h"

namespace insighta {

class InterviewRepository;

namespace assessment {

// The request that asks a provider for an assessment of one interview: the whole transcript
// with times, and the JSON schema the reply must follow.
AiRequest generationRequest(const InterviewDetail &interview);

// Validates a provider's reply and stores the outcome on the assessment row: ready with the
// content, or failed with the validation (or provider) error. Returns the stored status.
Result<QString> storeReply(InterviewRepository &repository, const QString &assessmentId, const AiReply &reply);

// The offline extractive fallback, for when every provider stayed down: the candidate's longest
// answers quoted with their times, no scores and the recommendation "not_assessed" (nothing is
// judged without a model). `why` (the providers' error) goes into the summary. Pure.
AssessmentContent offlineAssessment(const InterviewDetail &interview, const QString &why);

// The provider name an offline assessment is stored with.
inline QString offlineProvider()
{
    return QStringLiteral("offline");
}

} // namespace assessment
} // namespace insighta
