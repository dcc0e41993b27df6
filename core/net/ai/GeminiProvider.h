#pragma once

#include "core/net/ai/AiProvider.h"

namespace insighta::net {

// Gemini generateContent: key in x-goog-api-key (never ?key=, which ends up in logs), JSON
// output with responseJsonSchema. Quirks: a blocked prompt is a 200 with no candidates
// (promptFeedback.blockReason) — final for this provider; MAX_TOKENS with no text (thinking
// models) — one more call with a larger output budget, which is not a transport retry.
class GeminiProvider : public AiProvider
{
public:
    using AiProvider::AiProvider;
    QString label() const override { return QStringLiteral("Gemini"); }
    void generate(const AiRequest &request, qint64 deadlineMs, ResilientClient *client, QObject *context,
                  std::shared_ptr<CallSlot> slot, std::function<void(const ProviderReply &)> done) override;

    // Reply parsing, public for tests: the text of non-thought parts, the finish reason, and
    // the block reason when there is no candidate.
    struct Parsed
    {
        QString text;
        QString finishReason;
        QString blockReason;
        bool malformed = false;
    };
    static Parsed parse(const QByteArray &body);

private:
    void send(const AiRequest &request, int maxTokens, bool secondChance, qint64 deadlineMs, ResilientClient *client,
              QObject *context, const std::shared_ptr<CallSlot> &slot,
              const std::function<void(const ProviderReply &)> &done, int attemptsSoFar);
};

} // namespace insighta::net
