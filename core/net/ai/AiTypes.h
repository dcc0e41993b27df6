#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace insighta::net {

// One request to a language model, provider-neutral.
struct AiRequest
{
    QString operation; // for log lines: "generate-assessment"
    QString system; // system instruction; may be empty
    QString prompt;
    QJsonObject jsonSchema; // non-empty: the answer must be JSON matching this schema
    double temperature = 0.2;
    int maxOutputTokens = 2048;
    qint64 timeoutMs = 120'000; // overall, across providers and retries
    // When every provider fails, this produces a clearly labelled offline answer (no network).
    std::function<QString()> offlineFallback;
};

// What one provider made of a request.
struct ProviderReply
{
    bool ok = false;
    QString text;
    QString model;
    QString error; // readable, redacted
    bool tryNext = true; // false: cancelled or out of time — no other provider will help
    // The failure may pass on its own (network down, 5xx, rate limited, timed out): the same
    // request later could succeed. False for answers only a person can change (bad key, quota
    // spent, a bad request, a local server that is not running).
    bool laterMayHelp = false;
    // A spent quota whose reset the server named (a per-day 429's Retry-After or RetryInfo):
    // how long until the same request may pass. Not retried within the call.
    std::optional<qint64> retryAfterMs;
    int attempts = 0; // HTTP attempts made
};

// What the caller gets: the answer and who gave it, or a readable error.
struct AiResult
{
    bool ok = false;
    QString text; // the model's text (JSON text when a schema was given)
    QJsonObject json; // parsed, when a schema was given
    QString provider; // id: "gemini", "groq", ..., or "offline"
    QString providerLabel; // "Gemini", ..., "Offline summary"
    QString model;
    bool offline = false; // the offline fallback answered: say so in the UI
    bool cancelled = false;
    // When !ok: some provider failed in a way that may pass on its own (see
    // ProviderReply::laterMayHelp, and a circuit that is open for now). Background jobs retry
    // such failures later instead of giving up.
    bool laterMayHelp = false;
    // When !ok: the earliest quota reset some provider named (ProviderReply::retryAfterMs).
    std::optional<qint64> retryAfterMs;
    QString error; // readable, when !ok
    QStringList trail; // one line per provider tried: "Gemini: HTTP 401 (unauthorised)"
    int attempts = 0; // HTTP attempts across the chain
};

} // namespace insighta::net
