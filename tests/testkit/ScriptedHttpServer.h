#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace insighta::testkit {

// A small scriptable HTTP/1.1 server on 127.0.0.1 for tests of network code: real sockets, real
// QNetworkAccessManager on the client side, no mocks. It answers requests in order from a
// script (status + headers + body, a reset in the middle of the body, a stall), falls back to a
// handler or a default response when the script runs out, and records every request.
//
//     ScriptedHttpServer server;
//     QVERIFY(server.listen());
//     server.enqueue(ScriptedHttpServer::Response::json(429, "{}", {{"retry-after", "2"}}));
//     server.enqueue(ScriptedHttpServer::Response::json(200, R"({"ok":true})"));
//     ... point the client at server.url("/v1") ...
//     QCOMPARE(server.requestCount(), 2);
class ScriptedHttpServer : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Response
    {
        enum class Action {
            Respond, // a complete response
            ResetMidBody, // status line, headers and half the body, then a TCP reset
            Stall, // read the request, never answer (until the client gives up)
            CloseWithoutResponse, // close the connection before any byte of a response
        };
        Action action = Action::Respond;
        int status = 200;
        Headers headers;
        QByteArray body;

        static Response json(int status, const QByteArray &body, const Headers &headers = {});
        static Response text(int status, const QByteArray &body, const Headers &headers = {});
        static Response resetMidBody(int status = 200, const QByteArray &body = QByteArray(400, 'x'));
        static Response stall();
        static Response closeWithoutResponse();
    };

    struct Request
    {
        QByteArray method;
        QByteArray path; // with the query
        Headers headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const; // case-insensitive
        QJsonObject jsonBody() const;
    };

    using Handler = std::function<Response(const Request &)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const;
    QUrl url(const QString &path = QString()) const; // http://127.0.0.1:port + path

    void enqueue(const Response &response);
    void enqueue(const QList<Response> &responses);
    // Answers when the script is empty (default: 500 "script exhausted", which fails tests loudly).
    void setHandler(Handler handler);
    int pendingScript() const { return int(m_script.size()); }

    QList<Request> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    Request lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    void clearRequests() { m_requests.clear(); }
    // Drops open (e.g. stalled) connections.
    void closeAll();

signals:
    void requestReceived(int count);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QList<Response> m_script;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace insighta::testkit
