#include "app/cli/Cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
