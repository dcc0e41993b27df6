#include "tests/testkit/CliProcess.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace insighta::testkit {

QString CliProcess::binaryPath()
{
    return qEnvironmentVariable("INSIGHTA_BINARY_DIR") + QStringLiteral("/app/cli/insighta");
}

std::unique_ptr<QProcess> CliProcess::start(const QStringList &arguments,
                                            const QHash<QString, QString> &environment) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("INSIGHTA_NO_KEYCHAIN"), QStringLiteral("1"));
    env.remove(QStringLiteral("INSIGHTA_DATABASE_URL"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(env);
    process->start(binaryPath(), arguments);
    return process;
}

CliProcess::Run CliProcess::run(const QStringList &arguments, const QHash<QString, QString> &environment,
                                int timeoutMs) const
{
    const std::unique_ptr<QProcess> started = start(arguments, environment);
    QProcess &process = *started;
    // Waits in an event loop rather than waitForFinished(): a ScriptedHttpServer of the test,
    // on this thread, must keep answering the binary's requests meanwhile.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace insighta::testkit
