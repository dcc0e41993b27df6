#include "core/net/email/ResendClient.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace insighta::net;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

// A Resend stand-in that honours Idempotency-Key like the real service: the first request with a
// key sends the email; a repeat with the same payload gets the same id; a different payload 409s.
struct FakeResend
{
    QHash<QByteArray, QPair<QByteArray, QString>> byKey; // key -> (payload, id)
    int emailsSent = 0;

    Response handle(const ScriptedHttpServer::Request &request)
    {
        if (request.header("User-Agent").isEmpty())
            return Response::json(403,
                                  R"({"statusCode":403,"name":"missing_user_agent","message":"User-Agent required"})");
        const QByteArray key = request.header("Idempotency-Key");
        if (byKey.contains(key)) {
            if (byKey[key].first != request.body)
                return Response::json(
                    409, R"({"statusCode":409,"name":"invalid_idempotent_request","message":"payload differs"})");
            return Response::json(200, QJsonDocument(QJsonObject{{QStringLiteral("id"), byKey[key].second}}).toJson());
        }
        ++emailsSent;
        const QString id = QStringLiteral("email-%1").arg(emailsSent);
        byKey.insert(key, {request.body, id});
        return Response::json(200, QJsonDocument(QJsonObject{{QStringLiteral("id"), id}}).toJson());
    }
};

struct Fixture
{
    ScriptedHttpServer server;
    ScaledClock clock{1000};
    ResilientClient client{&clock, fixedRandom(0.5)};
    ResendClient resend{&client, QStringLiteral("re_secretKey123")};
    FakeResend fake;

    Fixture()
    {
        QVERIFY(server.listen());
        resend.setBaseUrl(server.url());
        resend.setTimeoutMs(3'600'000); // 3.6 s of real time at 1000x
        RetryConfig config;
        config.attemptTimeoutMs = 500'000;
        client.setRetryConfig(config);
    }

    static Email email()
    {
        Email e;
        e.from = QStringLiteral("Insighta <hello@example.org>");
        e.to = {QStringLiteral("ada@example.org")};
        e.subject = QStringLiteral("Your interview");
        e.html = QStringLiteral("<p>Hello</p>");
        e.tags = {{QStringLiteral("kind"), QStringLiteral("invitation")}};
        e.attachments = {{QStringLiteral("report.txt"), QByteArray("report")}};
        e.idempotencyKey = ResendClient::newIdempotencyKey();
        return e;
    }

    EmailResult send(const Email &e)
    {
        std::optional<EmailResult> result;
        QEventLoop loop;
        resend.send(e, &resend, [&result, &loop](const EmailResult &r) {
            result = r;
            loop.quit();
        });
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        if (!result)
            loop.exec();
        if (!result)
            qFatal("email did not finish");
        return *result;
    }
};

} // namespace

class TestResendClient : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=false")); }

    void sendsWithRequiredHeaders()
    {
        Fixture f;
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        const Email e = Fixture::email();
        const EmailResult result = f.send(e);
        QCOMPARE(result.status, EmailResult::Status::Sent);
        QCOMPARE(result.id, QStringLiteral("email-1"));
        const auto request = f.server.lastRequest();
        QCOMPARE(request.path, QByteArray("/emails"));
        QVERIFY(request.header("User-Agent").startsWith("InsightaDesk/"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer re_secretKey123"));
        QCOMPARE(request.header("Idempotency-Key"), e.idempotencyKey.toUtf8());
        const QJsonObject body = request.jsonBody();
        QCOMPARE(body.value(QLatin1String("to")).toArray().first().toString(), QStringLiteral("ada@example.org"));
        QCOMPARE(body.value(QLatin1String("attachments"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("content"))
                     .toString(),
                 QStringLiteral("cmVwb3J0"));
    }

    void sentExactlyOnceAcrossRetries()
    {
        Fixture f;
        // The server takes the email, then the connection drops before the reply arrives; then a
        // 503; then the retry gets the same id back.
        int calls = 0;
        f.server.setHandler([&f, &calls](const ScriptedHttpServer::Request &r) {
            Response response = f.fake.handle(r);
            ++calls;
            if (calls == 1)
                return Response::resetMidBody(200, response.body);
            if (calls == 2)
                return Response::json(503, "{}");
            return response;
        });
        const Email e = Fixture::email();
        const EmailResult result = f.send(e);
        QCOMPARE(result.status, EmailResult::Status::Sent);
        QCOMPARE(result.attempts, 3);
        QCOMPARE(f.server.requestCount(), 3);
        QCOMPARE(f.fake.emailsSent, 1);
        QCOMPARE(result.id, QStringLiteral("email-1"));
        QSet<QByteArray> keys;
        for (const auto &request : f.server.requests())
            keys.insert(request.header("Idempotency-Key"));
        QCOMPARE(keys, QSet<QByteArray>{e.idempotencyKey.toUtf8()});
    }

    void resendingAQueuedEmailLaterKeepsItsKey()
    {
        // A job retried after a restart sends the stored email with its stored key: still once.
        Fixture f;
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        const Email e = Fixture::email();
        QCOMPARE(f.send(e).id, QStringLiteral("email-1"));
        QCOMPARE(f.send(e).id, QStringLiteral("email-1"));
        QCOMPARE(f.fake.emailsSent, 1);
    }

    void payloadMismatchIsFinal()
    {
        Fixture f;
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        Email e = Fixture::email();
        QCOMPARE(f.send(e).status, EmailResult::Status::Sent);
        e.subject = QStringLiteral("Changed");
        const EmailResult second = f.send(e);
        QCOMPARE(second.status, EmailResult::Status::Failed);
        QCOMPARE(second.attempts, 1);
        QVERIFY(second.message.contains(QLatin1String("different content")));
    }

    void concurrentIdempotentRequestRetries()
    {
        Fixture f;
        f.server.enqueue(Response::json(409, R"({"statusCode":409,"name":"concurrent_idempotent_requests"})"));
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        const EmailResult result = f.send(Fixture::email());
        QCOMPARE(result.status, EmailResult::Status::Sent);
        QCOMPARE(result.attempts, 2);
    }

    void rateLimitRetriesButQuotaIsHeld()
    {
        Fixture f;
        f.server.enqueue(
            Response::json(429, R"({"statusCode":429,"name":"rate_limit_exceeded"})", {{"ratelimit-reset", "1"}}));
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        QCOMPARE(f.send(Fixture::email()).status, EmailResult::Status::Sent);
        QCOMPARE(f.server.requestCount(), 2);

        f.server.clearRequests();
        f.server.enqueue(Response::json(429, R"({"statusCode":429,"name":"daily_quota_exceeded","message":"quota"})"));
        const EmailResult held = f.send(Fixture::email());
        QCOMPARE(held.status, EmailResult::Status::Held);
        QCOMPARE(f.server.requestCount(), 1);
        QVERIFY(held.message.contains(QLatin1String("daily Resend quota")));
    }

    void sendsArePaced()
    {
        Fixture f;
        f.resend.setMinimumSpacingMs(200);
        f.server.setHandler([&f](const ScriptedHttpServer::Request &r) { return f.fake.handle(r); });
        // Measured at the pacer's slots, on the client's clock: arrival times at the server (or
        // even the attempt's own start) add scheduling jitter, which at 1000x is virtual ms.
        QList<qint64> dispatched;
        for (int i = 0; i < 4; ++i)
            f.resend.send(Fixture::email(), &f.resend,
                          [&dispatched](const EmailResult &r) { dispatched << r.dispatchedAtMs; });
        QTRY_COMPARE(dispatched.size(), 4);
        QCOMPARE(f.fake.emailsSent, 4);
        std::sort(dispatched.begin(), dispatched.end());
        for (qsizetype i = 1; i < dispatched.size(); ++i)
            QVERIFY2(dispatched[i] - dispatched[i - 1] >= 200,
                     qPrintable(QString::number(dispatched[i] - dispatched[i - 1])));
    }

    void refusalQuotesResendPrintably()
    {
        Fixture f;
        // A refusal's message reaches the window and the terminal: its escape sequences must not.
        f.server.enqueue(
            Response::json(422, "{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Bad to\\u001b[2J\"}"));
        const EmailResult result = f.send(Fixture::email());
        QCOMPARE(result.status, EmailResult::Status::Failed);
        QVERIFY2(result.message.contains(QLatin1String("Bad to\\x1B[2J")), qPrintable(result.message));
        QVERIFY(!result.message.contains(QChar(0x1b)));
    }

    void invalidEmailIsRefusedLocally()
    {
        Fixture f;
        Email e = Fixture::email();
        e.idempotencyKey.clear();
        QCOMPARE(f.send(e).status, EmailResult::Status::Failed);
        e = Fixture::email();
        e.to.clear();
        QCOMPARE(f.send(e).status, EmailResult::Status::Failed);
        QCOMPARE(f.server.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestResendClient)
#include "tst_resend_client.moc"
