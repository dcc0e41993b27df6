#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace insighta {

// The seam between the interview features and whatever answers AI requests (the provider
// chain in core/net). Interviews only need "send this prompt, maybe with a JSON schema, and
// tell me who answered"; retries, fallbacks and circuit breakers live behind it.
struct AiRequest
{
    QString purpose; // for logs: "generate-assessment", "ask-interview"
    QString systemPrompt;
    QString userPrompt;
    QJsonObject jsonSchema; // empty = free text
};

struct AiReply
{
    bool ok = false;
    QString text;
    QString provider;
    QString model;
    QString error; // readable, when !ok
    // When !ok: whether the same request could succeed later (the call was cancelled or ran out
    // of time). False when the providers gave a final answer (no provider, unauthorised, quota,
    // retries spent inside the network layer): a background job should not try again.
    bool retryable = false;
    // When !ok: a quota resets after this long (the server said so); a job waits that long.
    std::optional<qint64> retryAfterMs;
    int attempts = 0; // HTTP attempts made, when known
};

class AiBackend
{
public:
    virtual ~AiBackend() = default;
    // Whether any provider is configured; without one, features use their offline fallback.
    virtual bool available() const = 0;
    // Asynchronous; `done` is called once, in `context`'s thread, unless context is destroyed.
    virtual void send(const AiRequest &request, QObject *context, std::function<void(const AiReply &)> done) = 0;
};

// Nothing configured: every request fails at once with a readable message.
class NoAiBackend : public AiBackend
{
public:
    bool available() const override { return false; }
    void send(const AiRequest &request, QObject *context, std::function<void(const AiReply &)> done) override;
};

} // namespace insighta
