#include "core/net/ResilientClient.h"

#include "core/common/Logging.h"
#include "core/net/Redact.h"
#include "core/net/Redirects.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace insighta::net {

namespace {

bool countsAsFailure(OutcomeKind kind)
{
    switch (kind) {
    case OutcomeKind::Transient:
    case OutcomeKind::Throttled:
    case OutcomeKind::Ambiguous:
    case OutcomeKind::TimedOut:
    case OutcomeKind::Unreachable:
        return true;
    default:
        return false;
    }
}

// Secrets carried by the request itself (so they are masked even if nobody registered them).
QStringList secretsOf(const HttpRequest &request)
{
    QStringList secrets;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization") {
            const QByteArray token = value.startsWith("Bearer ") ? value.mid(7) : value;
            secrets << QString::fromUtf8(token.trimmed());
        } else if (lower == "x-goog-api-key" || lower == "x-api-key" || lower == "api-key") {
            secrets << QString::fromUtf8(value.trimmed());
        }
    }
    return secrets;
}

} // namespace

bool CallResult::mayPassLater() const
{
    if (status == Status::Succeeded || status == Status::Cancelled)
        return false;
    // The failures that count against a host's health are the ones that heal with time.
    return status == Status::CircuitOpen || deadlineExceeded || countsAsFailure(last.kind);
}

// ---------------------------------------------------------------------------------------------

Call::Call(ResilientClient *client, HttpRequest request, QObject *context, std::function<void(const CallResult &)> done)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_context(context)
    , m_done(std::move(done))
{
    m_deadlineMs = m_request.deadlineMs.value_or(client->m_clock->nowMs() + m_request.timeoutMs);
    if (context)
        connect(context, &QObject::destroyed, this, [this] {
            m_done = nullptr;
            cancel();
        });
}

QString Call::label() const
{
    return m_client->label(m_request.provider);
}

void Call::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // finished() follows and reports the cancel
        return;
    }
    delete m_timer; // a pending retry wait
    m_timer = nullptr;
    finish(CallResult::Status::Cancelled, QStringLiteral("Cancelled."));
}

void Call::startAttempt()
{
    if (m_cancelled || m_finished)
        return;
    auto &state = m_client->state(m_request.provider);
    const qint64 now = m_client->m_clock->nowMs();
    if (now >= m_deadlineMs) {
        m_result.deadlineExceeded = true;
        finish(CallResult::Status::Failed, QStringLiteral("%1 did not answer before the deadline.").arg(label()));
        return;
    }
    if (!state.breaker.allow(now)) {
        const qint64 probe = state.breaker.nextProbeInMs(now);
        m_client->notifyHealth(m_request.provider);
        finish(CallResult::Status::CircuitOpen,
               probe > 0 ? QStringLiteral("%1 is failing; the next try is in %2.").arg(label(), formatDuration(probe))
                         : QStringLiteral("%1 is failing; a test request is under way.").arg(label()));
        return;
    }
    ++m_attempt;
    ++m_client->m_attemptsStarted;
    m_timedOut = false;
    m_tooLarge = false;

    AttemptRecord record;
    record.attempt = m_attempt;
    record.startedAtMs = now;
    m_result.attempts.append(record);

    m_redirects = 0;
    m_hopUrl = m_request.url;
    m_hopMethod = m_request.method;
    m_hopBody = m_request.body;
    sendHop();

    const qint64 timeout = std::min(m_client->m_policy.config().attemptTimeoutMs, m_deadlineMs - now);
    m_timer = new QObject(this);
    m_client->m_clock->schedule(timeout, m_timer, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

void Call::sendHop()
{
    m_tooLarge = false;
    QNetworkRequest request(m_hopUrl);
    for (const auto &[name, value] : m_request.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // Redirects are followed in onFinished (see Redirects.h); QNAM only reports them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Our own timer bounds the attempt (per-attempt timeout, clipped to the overall deadline).
    request.setTransferTimeout(0);

    m_reply = m_client->m_nam->sendCustomRequest(request, m_hopMethod, m_hopBody);
    connect(m_reply, &QNetworkReply::finished, this, &Call::onFinished);
    // readAll() at the end would take whatever the server sends: stop at the cap instead.
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        const qint64 cap = m_client->m_maxResponseBytes;
        if (m_reply && !m_tooLarge && (received > cap || total > cap)) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
}

void Call::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (followRedirect(reply, status))
        return;
    delete m_timer;
    m_timer = nullptr;

    const HttpResponse response = readResponse(reply, status);
    const qint64 now = m_client->m_clock->nowMs();
    const Classification outcome = classifyAttempt(response, now);
    m_result.response = response;
    m_result.last = outcome;
    m_result.attempts.last().outcome = outcome;

    if (outcome.kind == OutcomeKind::Cancelled) {
        finish(CallResult::Status::Cancelled, QStringLiteral("Cancelled."));
        return;
    }
    if (outcome.isSuccess())
        onSucceeded(outcome);
    else
        onFailed(outcome, now);
}

bool Call::followRedirect(QNetworkReply *reply, int status)
{
    if (m_cancelled || m_timedOut || m_tooLarge || reply->error() != QNetworkReply::NoError)
        return false;
    const RedirectStep step = nextRedirect(m_hopUrl, m_hopMethod, status, reply->rawHeader("Location"), m_redirects);
    if (!step.follow) {
        m_redirectError = step.error;
        return false;
    }
    ++m_redirects;
    m_hopUrl = step.url;
    m_hopMethod = step.method;
    if (!step.keepBody)
        m_hopBody.clear();
    sendHop(); // the attempt's timer keeps running across hops
    return true;
}

HttpResponse Call::readResponse(QNetworkReply *reply, int status) const
{
    HttpResponse response;
    response.status = status;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.append({name.toLower(), value});
    response.body = m_tooLarge ? QByteArray() : reply->read(m_client->m_maxResponseBytes);
    response.networkError = reply->error();
    response.errorString = reply->errorString();
    response.cancelled = m_cancelled;
    response.timedOut = m_timedOut && !m_cancelled;
    return response;
}

Classification Call::classifyAttempt(const HttpResponse &response, qint64 now)
{
    Classification outcome = classify(response, now);
    if (m_request.inspect && !response.cancelled && !response.timedOut && !m_tooLarge)
        outcome = m_request.inspect(response, outcome);
    if (!m_redirectError.isEmpty()) {
        // The same request would be redirected the same way again.
        outcome.kind = OutcomeKind::ClientError;
        outcome.detail = std::exchange(m_redirectError, QString());
    }
    if (m_tooLarge && !m_cancelled) {
        // Not a transient failure: the same request would get the same answer.
        outcome.kind = OutcomeKind::ClientError;
        const qint64 cap = m_client->m_maxResponseBytes;
        outcome.detail = cap % (1 << 20) == 0 ? QStringLiteral("the response is larger than %1 MiB").arg(cap >> 20)
                                              : QStringLiteral("the response is larger than %1 bytes").arg(cap);
    }
    return outcome;
}

void Call::onSucceeded(const Classification &outcome)
{
    auto &state = m_client->state(m_request.provider);
    state.budget.onSuccess(m_lastRetryCost);
    state.breaker.onSuccess();
    m_client->notifyHealth(m_request.provider);
    qCInfo(lcNet).noquote() << QStringLiteral("attempt %1/%2 for %3 on %4 succeeded: %5")
                                   .arg(m_attempt)
                                   .arg(m_client->m_policy.config().maxAttempts)
                                   .arg(m_request.operation, label(), outcome.detail);
    finish(CallResult::Status::Succeeded, QString());
}

void Call::onFailed(const Classification &outcome, qint64 now)
{
    auto &state = m_client->state(m_request.provider);
    if (outcome.kind == OutcomeKind::Unreachable && m_request.tripOnUnreachable)
        state.breaker.trip(now);
    else if (countsAsFailure(outcome.kind))
        state.breaker.onFailure(now);
    else
        state.breaker.onSuccess(); // the server answered: it is up, even if it said no

    int cost = 0;
    const RetryDecision decision = decideRetry(outcome, now, cost);
    const QString line = QStringLiteral("attempt %1/%2 for %3 on %4 failed: %5, %6")
                             .arg(m_attempt)
                             .arg(m_client->m_policy.config().maxAttempts)
                             .arg(m_request.operation, label(), outcome.detail, decision.reason);
    qCWarning(lcNet).noquote() << m_client->redacted(line);
    m_client->notifyHealth(m_request.provider);

    if (!decision.retry) {
        m_result.deadlineExceeded = decision.failedFast || now >= m_deadlineMs;
        QString error = QStringLiteral("%1: %2 (%3).").arg(label(), outcome.detail, decision.reason);
        finish(CallResult::Status::Failed, m_client->redacted(error));
        return;
    }
    m_lastRetryCost = cost;
    m_result.attempts.last().waitAfterMs = decision.delayMs;
    m_timer = new QObject(this);
    m_client->m_clock->schedule(decision.delayMs, m_timer, [this] {
        delete m_timer;
        m_timer = nullptr;
        startAttempt();
    });
}

// The policy's answer, then the two things that can still say no: an open circuit and the
// retry budget (which charges `cost` for the retry it grants).
RetryDecision Call::decideRetry(const Classification &outcome, qint64 now, int &cost)
{
    auto &state = m_client->state(m_request.provider);
    RetryDecision decision
        = m_client->m_policy.decide(m_attempt, outcome, m_request.idempotent, now, m_deadlineMs, m_client->m_random());
    if (decision.retry && state.breaker.state(now) != CircuitBreaker::State::Closed) {
        decision.retry = false;
        decision.reason = QStringLiteral("circuit open, not retrying");
    }
    if (decision.retry && !state.budget.tryAcquire(outcome.kind == OutcomeKind::TimedOut, &cost)) {
        decision.retry = false;
        decision.reason = QStringLiteral("retry budget exhausted, not retrying");
    }
    return decision;
}

void Call::finish(CallResult::Status status, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.status = status;
    m_result.error = error;
    if (status == CallResult::Status::Cancelled) {
        // A cancelled half-open probe must not keep the circuit waiting for it forever.
        auto &state = m_client->state(m_request.provider);
        if (state.breaker.state(m_client->m_clock->nowMs()) == CircuitBreaker::State::HalfOpen)
            state.breaker.onFailure(m_client->m_clock->nowMs());
    }
    auto done = std::move(m_done);
    m_done = nullptr;
    if (done) // dropped already if the context died
        done(m_result);
    deleteLater();
}

// ---------------------------------------------------------------------------------------------

ResilientClient::ResilientClient(QObject *parent)
    : ResilientClient(nullptr, {}, parent)
{
}

ResilientClient::ResilientClient(Clock *clock, RandomSource random, QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_clock(clock ? clock : SystemClock::instance())
    , m_random(random ? std::move(random) : defaultRandomSource())
{
    // TLS verification stays at Qt's default (verify peer); it is never relaxed here.
    // QNAM follows no redirect: Call follows those within the same origin itself (Redirects.h),
    // since every request carries a key (Authorization, x-goog-api-key) that QNAM would send to
    // wherever a redirect points.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ResilientClient::~ResilientClient() = default;

void ResilientClient::addSecret(const QString &secret)
{
    if (!secret.isEmpty() && !m_secrets.contains(secret))
        m_secrets.append(secret);
}

QString ResilientClient::redacted(const QString &text) const
{
    return redact(text, m_secrets);
}

QPointer<Call> ResilientClient::send(HttpRequest request, QObject *context,
                                     std::function<void(const CallResult &)> done)
{
    for (const QString &secret : secretsOf(request))
        addSecret(secret);
    auto *call = new Call(this, std::move(request), context, std::move(done));
    QPointer<Call> handle(call);
    call->startAttempt();
    return handle;
}

ResilientClient::ProviderState &ResilientClient::state(const QString &provider)
{
    auto it = m_states.find(provider);
    if (it == m_states.end())
        it = m_states.insert(provider, ProviderState{RetryBudget(m_budgetConfig), CircuitBreaker(m_breakerConfig)});
    return it.value();
}

QString ResilientClient::label(const QString &provider) const
{
    return m_labels.value(provider, provider);
}

ProviderHealth ResilientClient::health(const QString &provider) const
{
    ProviderHealth health;
    health.provider = provider;
    const auto it = m_states.constFind(provider);
    const qint64 now = m_clock->nowMs();
    if (it != m_states.constEnd()) {
        health.state = it->breaker.state(now);
        health.nextProbeInMs = it->breaker.nextProbeInMs(now);
        health.budgetTokens = it->budget.tokens();
    } else {
        health.budgetTokens = m_budgetConfig.capacity;
    }
    switch (health.state) {
    case CircuitBreaker::State::Closed:
        health.text = QStringLiteral("%1: available").arg(label(provider));
        break;
    case CircuitBreaker::State::Open:
        health.text = QStringLiteral("%1: circuit open, next probe in %2")
                          .arg(label(provider), formatDuration(std::max<qint64>(1000, health.nextProbeInMs)));
        break;
    case CircuitBreaker::State::HalfOpen:
        health.text = QStringLiteral("%1: probing").arg(label(provider));
        break;
    }
    return health;
}

void ResilientClient::notifyHealth(const QString &provider)
{
    const ProviderHealth current = health(provider);
    // Only the state change is news; the countdown is for whoever polls health().
    const QString key = breakerStateName(current.state);
    if (m_lastHealthText.value(provider) == key)
        return;
    m_lastHealthText.insert(provider, key);
    emit healthChanged(provider, current.text);
}

} // namespace insighta::net
