#include "tests/testkit/CliProcess.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace insighta::testkit {

QString CliProcess::binaryPath()
{
    return qEnvironmentVariable("INSIGHTA_BINARY_DIR") + QStringLiteral("/app/cli/insighta");
}

void CliProcess::start(QProcess &process, const QStringList &arguments,
                       const QHash<QString, QString> &environment) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("INSIGHTA_NO_KEYCHAIN"), QStringLiteral("1"));
    env.remove(QStringLiteral("INSIGHTA_DATABASE_URL"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(binaryPath(), arguments);
}

CliProcess::Run CliProcess::run(const QStringList &arguments, const QHash<QString, QString> &environment,
                                int timeoutMs) const
{
    QProcess process;
    start(process, arguments, environment);
    if (!process.waitForFinished(timeoutMs))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace insighta::testkit
