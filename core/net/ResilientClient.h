#pragma once

#include "core/net/CircuitBreaker.h"
#include "core/net/Clock.h"
#include "core/net/HttpTypes.h"
#include "core/net/RetryBudget.h"
#include "core/net/RetryPolicy.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace insighta::net {

struct HttpRequest
{
    QString operation; // for log lines: "generate-assessment"
    QString provider; // budget and breaker key: "gemini"
    QUrl url;
    QByteArray method = "POST";
    HeaderList headers;
    QByteArray body;
    bool idempotent = true; // may an ambiguous failure (sent, no answer) be retried?
    qint64 timeoutMs = 120'000; // overall, retries included, from send()
    std::optional<qint64> deadlineMs; // absolute on the client's clock; wins over timeoutMs
    // Provider quirks: re-classify a response (an error inside a 200 body, say).
    std::function<Classification(const HttpResponse &, const Classification &)> inspect;
    // A local server that refuses connections is not running: open the circuit at once.
    bool tripOnUnreachable = false;
};

struct AttemptRecord
{
    int attempt = 0;
    Classification outcome;
    qint64 startedAtMs = 0;
    qint64 waitAfterMs = -1; // the planned wait before the next attempt; -1 = none
};

struct CallResult
{
    enum class Status { Succeeded, Failed, CircuitOpen, Cancelled };
    Status status = Status::Failed;
    HttpResponse response; // the last attempt's
    Classification last;
    QList<AttemptRecord> attempts;
    QString error; // readable, redacted
    bool deadlineExceeded = false;

    bool ok() const { return status == Status::Succeeded; }
    // The chain moves on for everything except a user cancel and a spent deadline.
    bool worthTryingElsewhere() const { return status != Status::Cancelled && !deadlineExceeded; }
    // Whether the same call later could succeed without anyone changing anything: an open
    // circuit, a spent deadline, or a last outcome that is transient by nature.
    bool mayPassLater() const;
};

// What the UI shows for a provider: "Gemini: circuit open, next probe in 40 s".
struct ProviderHealth
{
    QString provider;
    CircuitBreaker::State state = CircuitBreaker::State::Closed;
    qint64 nextProbeInMs = 0;
    int budgetTokens = 0;
    QString text;
};

class ResilientClient;

// One call in flight. Lives in the client's thread; cancel() from there (or queue it).
class Call : public QObject
{
    Q_OBJECT
public:
    void cancel();

private:
    friend class ResilientClient;
    Call(ResilientClient *client, HttpRequest request, QObject *context, std::function<void(const CallResult &)> done);
    void startAttempt();
    void sendHop(); // one request of the attempt: the first, or one after a same-origin redirect
    void onFinished();
    bool followRedirect(QNetworkReply *reply, int status); // true when the next hop went out
    HttpResponse readResponse(QNetworkReply *reply, int status) const;
    Classification classifyAttempt(const HttpResponse &response, qint64 now);
    void onSucceeded(const Classification &outcome);
    void onFailed(const Classification &outcome, qint64 now);
    RetryDecision decideRetry(const Classification &outcome, qint64 now, int &cost);
    void finish(CallResult::Status status, const QString &error);
    QString label() const;

    ResilientClient *m_client;
    HttpRequest m_request;
    QPointer<QObject> m_context;
    std::function<void(const CallResult &)> m_done;
    qint64 m_deadlineMs = 0;
    int m_attempt = 0;
    int m_redirects = 0; // within the current attempt
    QUrl m_hopUrl;
    QByteArray m_hopMethod;
    QByteArray m_hopBody;
    QString m_redirectError; // a redirect that was refused, for the outcome
    int m_lastRetryCost = 0;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_tooLarge = false; // the body passed maxResponseBytes and the attempt was aborted
    bool m_finished = false;
    QPointer<QNetworkReply> m_reply;
    QObject *m_timer = nullptr; // destroying it cancels the pending timer
    CallResult m_result;
};

// Applies the RetryPolicy to QNetworkAccessManager requests, with a retry budget and a circuit
// breaker per provider, one log line per attempt, and observable provider health. Lives in one
// thread (the one it was created in or moved to); its calls run there, asynchronously.
class ResilientClient : public QObject
{
    Q_OBJECT
public:
    explicit ResilientClient(QObject *parent = nullptr);
    ResilientClient(Clock *clock, RandomSource random, QObject *parent = nullptr);
    ~ResilientClient() override;

    void setRetryConfig(const RetryConfig &config) { m_policy = RetryPolicy(config); }
    const RetryPolicy &policy() const { return m_policy; }
    void setBudgetConfig(const RetryBudget::Config &config) { m_budgetConfig = config; }
    void setBreakerConfig(const CircuitBreaker::Config &config) { m_breakerConfig = config; }
    void setProviderLabel(const QString &provider, const QString &label) { m_labels.insert(provider, label); }
    // Bodies are read into memory: a server (or whatever answers at a configured URL) that sends
    // more than this is cut off and the call fails for good. Default 8 MiB, far above any reply
    // of the providers we talk to.
    static constexpr qint64 kDefaultMaxResponseBytes = 8 * 1024 * 1024;
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }
    qint64 maxResponseBytes() const { return m_maxResponseBytes; }
    // Values to mask in every log line and error (API keys).
    void addSecret(const QString &secret);
    Clock *clock() const { return m_clock; }

    // Starts a call; `done` runs on this thread unless `context` died. The returned Call can be
    // cancelled until `done` ran.
    QPointer<Call> send(HttpRequest request, QObject *context, std::function<void(const CallResult &)> done);

    ProviderHealth health(const QString &provider) const;
    QString label(const QString &provider) const;

    // Totals for benchmarks and the UI.
    qint64 attemptsStarted() const { return m_attemptsStarted; }

signals:
    void healthChanged(const QString &provider, const QString &text);

private:
    friend class Call;
    struct ProviderState
    {
        RetryBudget budget;
        CircuitBreaker breaker;
    };
    ProviderState &state(const QString &provider);
    void notifyHealth(const QString &provider);
    QString redacted(const QString &text) const;

    QNetworkAccessManager *m_nam;
    Clock *m_clock;
    RandomSource m_random;
    RetryPolicy m_policy;
    RetryBudget::Config m_budgetConfig;
    CircuitBreaker::Config m_breakerConfig;
    QHash<QString, ProviderState> m_states;
    QHash<QString, QString> m_labels;
    QHash<QString, QString> m_lastHealthText;
    QStringList m_secrets;
    qint64 m_attemptsStarted = 0;
    qint64 m_maxResponseBytes = kDefaultMaxResponseBytes;
};

} // namespace insighta::net
