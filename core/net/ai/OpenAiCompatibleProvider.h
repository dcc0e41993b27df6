#pragma once

#include "core/net/ai/AiProvider.h"

namespace insighta::net {

// POST {base}/chat/completions with a Bearer key: OpenRouter, Groq and a local Ollama.
// Quirks handled here:
// - OpenRouter reports failures that happen after generation started inside an HTTP 200
//   ({"error":{...}} or finish_reason "error"): classified by the embedded code, so a 502 inside
//   a 200 is retried like a 502.
// - Groq json_object mode needs the word "json" in the prompt; json_schema works only on some
//   models: on the 400 that says so, one more call in json_object mode.
// - Ollama ignores the key; 404 means the model is not pulled; connection refused means it is
//   not running: the circuit opens at once, no backoff.
// - finish_reason "length" with no text: one more call with a larger budget.
class OpenAiCompatibleProvider : public AiProvider
{
public:
    using AiProvider::AiProvider;
    QString label() const override { return labelFor(id()); }
    bool isConfigured() const override;
    void generate(const AiRequest &request, qint64 deadlineMs, ResilientClient *client, QObject *context,
                  std::shared_ptr<CallSlot> slot, std::function<void(const ProviderReply &)> done) override;

    // Re-classifies a 200 that carries an error. Public for tests.
    static Classification inspect(const HttpResponse &response, const Classification &outcome);

private:
    enum class JsonMode { None, Schema, Object };
    void send(const AiRequest &request, JsonMode mode, int maxTokens, bool secondChance, qint64 deadlineMs,
              ResilientClient *client, QObject *context, std::shared_ptr<CallSlot> slot,
              std::function<void(const ProviderReply &)> done, int attemptsSoFar);
};

} // namespace insighta::net
