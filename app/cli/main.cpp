#include "app/cli/Cli.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// `interviews pdf` lays out text (QTextDocument, QPdfWriter), which needs fonts and so a
// QGuiApplication; on a server without a display it runs on the offscreen platform.
bool needsGui(int argc, char *argv[])
{
    return argc > 2 && std::strcmp(argv[1], "interviews") == 0 && std::strcmp(argv[2], "pdf") == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("insighta-desk"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("insighta.org"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INSIGHTA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    insighta::cli::Io io{out, err};
    const int code = insighta::cli::runCli(QCoreApplication::arguments(), io);
    out.flush();
    err.flush();
    return code;
}
