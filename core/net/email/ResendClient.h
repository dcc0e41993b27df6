#pragma once

#include "core/net/ResilientClient.h"

#include <QObject>
#include <QQueue>
#include <QStringList>

namespace insighta::net {

struct EmailAttachment
{
    QString filename;
    QByteArray content; // raw bytes; base64-encoded on the wire
};

struct Email
{
    QString from;
    QStringList to; // at most 50
    QString subject;
    QString html;
    QString text;
    QString replyTo;
    QStringList cc;
    QStringList bcc;
    QList<QPair<QString, QString>> tags;
    QList<EmailAttachment> attachments;
    // Created when the email is queued (newIdempotencyKey()) and stored with it, so every retry —
    // in this process or after a restart — sends the same key and Resend sends the email once.
    QString idempotencyKey;

    QByteArray toJson() const;
};

struct EmailResult
{
    enum class Status {
        Sent, // id holds Resend's id: store it
        Held, // daily/monthly quota: keep the email, tell the user, try again after the reset
        Retry, // worth another go later (transient failure that outlived this call)
        Failed, // rejected (bad address, 409 payload mismatch, unauthorised...): needs a person
        Cancelled,
    };
    Status status = Status::Failed;
    QString id;
    QString message; // readable, for the user
    int attempts = 0;
    // When the pacer released the email, on the client's clock. Pacing is defined on these
    // slots: the attempt's own start is read a moment later and carries scheduling jitter.
    qint64 dispatchedAtMs = 0;
};

// Resend's /emails endpoint through the ResilientClient: the required User-Agent, the
// Idempotency-Key on every attempt, 409 handling, quota 429s held rather than retried, and a
// gentle pace (the team limit is about 5 requests/s: sends queue instead of bursting).
class ResendClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxRecipients = 50;

    ResendClient(ResilientClient *client, const QString &apiKey, QObject *parent = nullptr);
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    void setMinimumSpacingMs(qint64 ms) { m_spacingMs = ms; }
    void setTimeoutMs(qint64 ms) { m_timeoutMs = ms; }

    static QString newIdempotencyKey();
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.resend.com")); }
    static QByteArray userAgent();
    // The email's fate from the call's outcome and Resend's JSON reply. Public for tests.
    static EmailResult interpretReply(const CallResult &call);

    // Validates, queues and sends. `done` runs on this object's thread.
    void send(const Email &email, QObject *context, std::function<void(const EmailResult &)> done);

private:
    struct Queued
    {
        Email email;
        QPointer<QObject> context;
        std::function<void(const EmailResult &)> done;
    };
    void pump();
    void dispatch(Queued queued, qint64 slotMs);

    ResilientClient *m_client;
    QString m_apiKey;
    QUrl m_baseUrl = defaultBaseUrl();
    qint64 m_spacingMs = 220;
    qint64 m_timeoutMs = 5 * 60'000;
    qint64 m_nextSlotMs = 0;
    bool m_pumpScheduled = false;
    QQueue<Queued> m_queue;
};

} // namespace insighta::net
