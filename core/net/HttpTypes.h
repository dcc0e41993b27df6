#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

namespace insighta::net {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Case-insensitive header lookup (HTTP field names are case-insensitive).
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);

// What one attempt produced, transport failures included. A value type: it crosses threads and
// feeds the pure RetryPolicy.
struct HttpResponse
{
    int status = 0; // 0 = no HTTP status line received
    HeaderList headers;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    bool cancelled = false; // the user cancelled: not a failure, not a timeout
    bool timedOut = false; // the per-attempt timeout fired

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
};

} // namespace insighta::net
