#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

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

    QString home() const { return m_home.path(); }
    QString homeFile(const QString &name) const { return m_home.filePath(name); }

    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {},
            int timeoutMs = 120'000) const;
    // Starts the binary in the same private environment without waiting, for a test that
    // interrupts it (the caller owns the process).
    void start(QProcess &process, const QStringList &arguments, const QHash<QString, QString> &environment = {}) const;

private:
    QTemporaryDir m_home;
};

} // namespace insighta::testkit
