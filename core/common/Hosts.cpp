#include "core/common/Hosts.h"

#include <QRegularExpression>

namespace insighta {

bool isLoopbackHost(const QString &input)
{
    QString host = input.trimmed().toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    static const QRegularExpression v4(QStringLiteral("^127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$"));
    static const QRegularExpression v6(QStringLiteral("^(0{0,4}:){2,7}0{0,3}1$"));
    return v4.match(host).hasMatch() || v6.match(host).hasMatch();
}

} // namespace insighta
