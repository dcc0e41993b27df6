#include "ui/ConnectionStatus.h"

#include <QCoreApplication>

namespace insighta {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectionStatus", text);
}

} // namespace

QString connectionStatusText(const QString &displayName, const QString &tls, const QString &writeServer,
                             const QString &searchServer)
{
    QString text
        = tls.isEmpty() ? tr("Connected: %1").arg(displayName) : tr("Connected: %1 (%2)").arg(displayName, tls);
    if (!writeServer.isEmpty() && writeServer == searchServer)
        return text + tr(" · writes and searches %1").arg(writeServer);
    if (!writeServer.isEmpty())
        text += tr(" · writes %1").arg(writeServer);
    if (!searchServer.isEmpty())
        text += tr(" · searches %1").arg(searchServer);
    return text;
}

QString readOnlyStatusText(const QString &displayName, const QString &searchServer)
{
    const QString text = tr("Read-only: the primary is unreachable · %1").arg(displayName);
    return searchServer.isEmpty() ? text : text + tr(" · searches %1").arg(searchServer);
}

} // namespace insighta
