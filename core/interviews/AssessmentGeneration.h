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

} // namespace assessment
} // namespace insighta
