#include "core/net/email/ResendClient.h"

#include "core/common/UntrustedText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace insighta::net {

namespace {

QJsonArray toArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &item : list)
        array.append(item);
    return array;
}

} // namespace

QByteArray Email::toJson() const
{
    QJsonObject body{
        {QStringLiteral("from"), from}, {QStringLiteral("to"), toArray(to)}, {QStringLiteral("subject"), subject}};
    if (!html.isEmpty())
        body.insert(QStringLiteral("html"), html);
    if (!text.isEmpty())
        body.insert(QStringLiteral("text"), text);
    if (!replyTo.isEmpty())
        body.insert(QStringLiteral("reply_to"), replyTo);
    if (!cc.isEmpty())
        body.insert(QStringLiteral("cc"), toArray(cc));
    if (!bcc.isEmpty())
        body.insert(QStringLiteral("bcc"), toArray(bcc));
    if (!tags.isEmpty()) {
        QJsonArray array;
        for (const auto &[name, value] : tags)
            array.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
        body.insert(QStringLiteral("tags"), array);
    }
    if (!attachments.isEmpty()) {
        QJsonArray array;
        for (const EmailAttachment &attachment : attachments)
            array.append(QJsonObject{{QStringLiteral("filename"), attachment.filename},
                                     {QStringLiteral("content"), QString::fromLatin1(attachment.content.toBase64())}});
        body.insert(QStringLiteral("attachments"), array);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

ResendClient::ResendClient(ResilientClient *client, const QString &apiKey, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_apiKey(apiKey)
{
    m_client->setProviderLabel(QStringLiteral("resend"), QStringLiteral("Resend"));
    m_client->addSecret(apiKey);
}

QString ResendClient::newIdempotencyKey()
{
    return QStringLiteral("insighta-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray ResendClient::userAgent()
{
    return QByteArray("InsightaDesk/") + INSIGHTA_VERSION;
}

void ResendClient::send(const Email &email, QObject *context, std::function<void(const EmailResult &)> done)
{
    QString problem;
    if (email.idempotencyKey.isEmpty() || email.idempotencyKey.size() > 256)
        problem = QStringLiteral("The email has no idempotency key (create it when queuing the email).");
    else if (email.to.isEmpty() || email.to.size() > kMaxRecipients)
        problem = QStringLiteral("An email needs between 1 and %1 recipients.").arg(kMaxRecipients);
    else if (email.from.isEmpty() || email.subject.isEmpty())
        problem = QStringLiteral("An email needs a sender and a subject.");
    else if (m_apiKey.isEmpty())
        problem = QStringLiteral("No Resend API key is set.");
    if (!problem.isEmpty()) {
        EmailResult result;
        result.status = EmailResult::Status::Failed;
        result.message = problem;
        if (done)
            done(result);
        return;
    }
    m_queue.enqueue({email, context, std::move(done)});
    pump();
}

void ResendClient::pump()
{
    if (m_queue.isEmpty() || m_pumpScheduled)
        return;
    const qint64 now = m_client->clock()->nowMs();
    if (now < m_nextSlotMs) {
        m_pumpScheduled = true;
        m_client->clock()->schedule(m_nextSlotMs - now, this, [this] {
            m_pumpScheduled = false;
            pump();
        });
        return;
    }
    m_nextSlotMs = now + m_spacingMs;
    dispatch(m_queue.dequeue(), now);
    pump();
}

// What Resend's answer means for the email (pure: the reply is a stranger's bytes).
EmailResult ResendClient::interpretReply(const CallResult &call)
{
    EmailResult result;
    result.attempts = int(call.attempts.size());
    const QJsonObject body = QJsonDocument::fromJson(call.response.body).object();
    const QString name = body.value(QLatin1String("name")).toString();
    const QString message = body.value(QLatin1String("message")).toString();
    if (call.ok()) {
        result.id = body.value(QLatin1String("id")).toString();
        result.status = result.id.isEmpty() ? EmailResult::Status::Retry : EmailResult::Status::Sent;
        result.message = result.id.isEmpty() ? QStringLiteral("Resend accepted the email but returned no id.")
                                             : QStringLiteral("Sent.");
    } else if (call.status == CallResult::Status::Cancelled) {
        result.status = EmailResult::Status::Cancelled;
        result.message = QStringLiteral("Cancelled.");
    } else if (call.last.kind == OutcomeKind::QuotaExhausted) {
        result.status = EmailResult::Status::Held;
        result.message = name == QLatin1String("monthly_quota_exceeded")
            ? QStringLiteral("The monthly Resend quota is used up; the email is held until it resets.")
            : QStringLiteral("The daily Resend quota is used up; the email is held until tomorrow.");
    } else if (call.last.httpStatus == 409 && name == QLatin1String("invalid_idempotent_request")) {
        result.status = EmailResult::Status::Failed;
        result.message = QStringLiteral("This email was already sent with different content (same idempotency key); "
                                        "it was not sent again.");
    } else if (call.last.kind == OutcomeKind::ClientError || call.last.kind == OutcomeKind::Unauthorized) {
        result.status = EmailResult::Status::Failed;
        result.message = message.isEmpty()
            ? call.error
            : QStringLiteral("Resend refused the email: %1").arg(printable(message.left(300)));
    } else {
        result.status = EmailResult::Status::Retry;
        result.message = call.error;
    }
    return result;
}

void ResendClient::dispatch(Queued queued, qint64 slotMs)
{
    HttpRequest http;
    http.operation = QStringLiteral("send-email");
    http.provider = QStringLiteral("resend");
    QUrl url = m_baseUrl;
    url.setPath(url.path() + QStringLiteral("/emails"));
    http.url = url;
    http.headers = {{"Authorization", "Bearer " + m_apiKey.toUtf8()},
                    {"Content-Type", "application/json"},
                    {"User-Agent", userAgent()},
                    {"Idempotency-Key", queued.email.idempotencyKey.toUtf8()}};
    http.body = queued.email.toJson();
    // With the key, Resend sends once however often we ask: an ambiguous failure may be retried.
    http.idempotent = true;
    http.timeoutMs = m_timeoutMs;

    auto context = queued.context;
    const bool hadContext = !context.isNull();
    auto done = std::move(queued.done);
    m_client->send(std::move(http), this, [context, hadContext, done, slotMs](const CallResult &call) {
        EmailResult result = interpretReply(call);
        result.dispatchedAtMs = slotMs;
        if (done && (!hadContext || context))
            done(result);
    });
}

} // namespace insighta::net
