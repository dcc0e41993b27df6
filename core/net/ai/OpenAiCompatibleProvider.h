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
    // One request to the provider and what its reply leads to (a downgrade, a second chance).
    struct Send
    {
        AiRequest request;
        JsonMode mode = JsonMode::None;
        int maxTokens = 0;
        bool secondChance = false; // already retried with a larger token limit
        qint64 deadlineMs = 0;
        ResilientClient *client = nullptr;
        QObject *context = nullptr;
        std::shared_ptr<CallSlot> slot;
        std::function<void(const ProviderReply &)> done;
        int attemptsSoFar = 0;
    };
    void send(Send call);
    QJsonObject requestBody(const AiRequest &request, JsonMode mode, int maxTokens) const;
    HttpRequest httpRequest(const AiRequest &request, const QJsonObject &body, qint64 deadlineMs) const;
    void onReply(Send call, const CallResult &result);
    bool downgradesJsonMode(const Send &call, const CallResult &result) const;
    ProviderReply failureReply(const CallResult &result, int attempts) const;
};

} // namespace insighta::net
