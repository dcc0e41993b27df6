#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QProcess;

namespace insighta::testkit {

// Runs the real `insighta` binary, as a script or a person would. HOME and XDG_DATA_HOME point
// into a private temporary folder (never the developer's workspace), the keychain is off, and
// INSIGHTA_DATABASE_URL is unset unless the test passes one in `environment`.
class CliProcess
{
public:
    struct Run
    {
        int exitCode = -1; // -1: did not finish in time
        QString out;
        QString err;
    };

    static QString binaryPath(); // $INSIGHTA_BINARY_DIR/app/cli/insighta
    // Starts the binary with the same environment as run() and returns at once (a worker to
    // kill or stop); the caller waits on its signals.
    std::unique_ptr<QProcess> start(const QStringList &arguments,
                                    const QHash<QString, QString> &environment = {}) const;

    QString home() const { return m_home.path(); }
    QString homeFile(const QString &name) const { return m_home.filePath(name); }

    // Waits in an event loop, so servers on the calling thread answer meanwhile.
    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {},
            int timeoutMs = 120'000) const;

private:
    QTemporaryDir m_home;
};

} // namespace insighta::testkit
