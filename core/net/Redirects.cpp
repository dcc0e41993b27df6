#include "core/net/Redirects.h"

namespace insighta::net {

namespace {

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

int portOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && portOf(a) == portOf(b);
}

} // namespace

RedirectStep nextRedirect(const QUrl &from, const QByteArray &method, int status, const QByteArray &location,
                          int hopsSoFar)
{
    RedirectStep step;
    if (!isRedirectStatus(status) || location.isEmpty())
        return step; // a 3xx without a target is an answer like any other
    const QUrl target = from.resolved(QUrl::fromEncoded(location.trimmed()));
    if (!target.isValid() || target.host().isEmpty()) {
        step.error = QStringLiteral("HTTP %1 with an unusable Location").arg(status);
        return step;
    }
    if (!sameOrigin(from, target)) {
        // Only the origin is named: the rest of the target may carry anything.
        step.error = QStringLiteral("HTTP %1 to another origin (%2://%3), not followed")
                         .arg(QString::number(status), target.scheme(), target.host());
        return step;
    }
    if (hopsSoFar >= kMaxRedirects) {
        step.error = QStringLiteral("more than %1 redirects").arg(kMaxRedirects);
        return step;
    }
    step.follow = true;
    step.url = target;
    if (status == 307 || status == 308 || method == "HEAD") {
        step.method = method;
        step.keepBody = status == 307 || status == 308;
    } else {
        step.method = "GET";
    }
    return step;
}

} // namespace insighta::net
