#include "tests/testkit/ScriptedHttpServer.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace insighta::testkit {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray head(const ScriptedHttpServer::Response &response, qsizetype contentLength)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bool hasType = false;
    for (const auto &[name, value] : response.headers) {
        hasType = hasType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        out += name + ": " + value + "\r\n";
    }
    if (!hasType)
        out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    return out;
}

} // namespace

ScriptedHttpServer::Response ScriptedHttpServer::Response::json(int status, const QByteArray &body,
                                                                const Headers &headers)
{
    Response response;
    response.status = status;
    response.body = body;
    response.headers = headers;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return response;
}

ScriptedHttpServer::Response ScriptedHttpServer::Response::text(int status, const QByteArray &body,
                                                                const Headers &headers)
{
    Response response;
    response.status = status;
    response.body = body;
    response.headers = headers;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/plain")));
    return response;
}

ScriptedHttpServer::Response ScriptedHttpServer::Response::resetMidBody(int status, const QByteArray &body)
{
    Response response;
    response.action = Action::ResetMidBody;
    response.status = status;
    response.body = body;
    return response;
}

ScriptedHttpServer::Response ScriptedHttpServer::Response::stall()
{
    Response response;
    response.action = Action::Stall;
    return response;
}

ScriptedHttpServer::Response ScriptedHttpServer::Response::closeWithoutResponse()
{
    Response response;
    response.action = Action::CloseWithoutResponse;
    return response;
}

QByteArray ScriptedHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject ScriptedHttpServer::Request::jsonBody() const
{
    return QJsonDocument::fromJson(body).object();
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onNewConnection);
}

ScriptedHttpServer::~ScriptedHttpServer()
{
    closeAll();
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 ScriptedHttpServer::port() const
{
    return m_server.serverPort();
}

QUrl ScriptedHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

void ScriptedHttpServer::enqueue(const Response &response)
{
    m_script.append(response);
}

void ScriptedHttpServer::enqueue(const QList<Response> &responses)
{
    m_script.append(responses);
}

void ScriptedHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void ScriptedHttpServer::closeAll()
{
    const auto sockets = m_buffers.keys();
    m_buffers.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void ScriptedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        // No Nagle delay: replies are written in one piece and tests should not wait on ACK timers.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_buffers.remove(socket))
                socket->deleteLater();
        });
    }
}

void ScriptedHttpServer::onReadyRead(QTcpSocket *socket)
{
    if (!m_buffers.contains(socket))
        return;
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
#ifdef TCP_QUICKACK
    // QNetworkAccessManager writes a POST's headers and body separately; with Nagle on its side and
    // delayed ACKs on ours, the body would wait ~40 ms for our ACK. Quick ACKs keep loopback fast.
    const int one = 1;
    ::setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
#endif
    // Keep-alive: several requests may follow one another on the same connection.
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < end + 4 + contentLength)
            return; // the body is still on its way
        request.body = buffer.mid(end + 4, contentLength);
        buffer.remove(0, end + 4 + contentLength);
        m_requests.append(request);
        answer(socket, request);
        emit requestReceived(int(m_requests.size()));
        if (!m_buffers.contains(socket))
            return; // the answer closed the connection
    }
}

void ScriptedHttpServer::answer(QTcpSocket *socket, const Request &request)
{
    Response response;
    if (!m_script.isEmpty())
        response = m_script.takeFirst();
    else if (m_handler)
        response = m_handler(request);
    else
        response = Response::json(500, R"({"error":"script exhausted"})");

    switch (response.action) {
    case Response::Action::Respond:
        socket->write(head(response, response.body.size()) + response.body);
        break;
    case Response::Action::ResetMidBody: {
        socket->write(head(response, response.body.size()) + response.body.left(response.body.size() / 2));
        socket->flush();
        m_buffers.remove(socket);
        socket->abort(); // RST, not an orderly close
        socket->deleteLater();
        break;
    }
    case Response::Action::Stall:
        break; // the socket stays open and silent
    case Response::Action::CloseWithoutResponse:
        m_buffers.remove(socket);
        socket->abort();
        socket->deleteLater();
        break;
    }
}

} // namespace insighta::testkit
