#include "tests/testkit/CallRunner.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace insighta::testkit {

net::CallResult runCall(net::ResilientClient &client, net::HttpRequest request, int timeoutMs)
{
    std::optional<net::CallResult> result;
    QEventLoop loop;
    client.send(std::move(request), &client, [&result, &loop](const net::CallResult &value) {
        result = value;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    if (!result)
        qFatal("call did not finish");
    return *result;
}

} // namespace insighta::testkit
