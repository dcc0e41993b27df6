#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace insighta::net {

// ResilientClient follows redirects itself instead of letting QNetworkAccessManager do it. With
// Qt 6.4 following a redirect, the first hop's request was sometimes sent a second time on the
// idle keep-alive connection while the next hop went out on a new one, and both answers were fed
// into the one QNetworkReply (bodies concatenated, a second error). It looks like the finished
// hop's HTTP-thread delegate is still connected when the reply starts the next hop. One reply
// per hop, each a fresh request, leaves no such state behind.
struct RedirectStep
{
    bool follow = false; // false: the response is final (no redirect) or refused (error set)
    QUrl url;
    QByteArray method;
    bool keepBody = false;
    QString error; // set when the redirect is refused
};

inline constexpr int kMaxRedirects = 5;

// What to do with a response of `status` carrying `location`, for a request of `method` to `from`
// after `hopsSoFar` redirects. Only the same origin (scheme, host, port) is followed: every
// request carries a key that must not reach another server. 307/308 keep method and body;
// 301/302/303 turn into GET without a body (HEAD stays HEAD), as browsers and Qt do.
RedirectStep nextRedirect(const QUrl &from, const QByteArray &method, int status, const QByteArray &location,
                          int hopsSoFar);

} // namespace insighta::net
