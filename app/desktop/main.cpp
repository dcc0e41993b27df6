#include "core/services/AppSettings.h"
#include "ui/EnglishPlurals.h"
#include "ui/MainWindow.h"
#include "ui/Workspace.h"
#include "ui/services/BackgroundServices.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("insighta-desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Insighta Desk"));
    QApplication::setOrganizationDomain(QStringLiteral("insighta.org"));
    QApplication::setApplicationVersion(QStringLiteral(INSIGHTA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(INSIGHTA_APP_ID));

    insighta::EnglishPlurals plurals;
    app.installTranslator(&plurals);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Insighta Desk: demographic search, CSV import and interview review."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo-profiles"),
                      QStringLiteral("Profiles to create on first start of the embedded workspace (default 200000)."),
                      QStringLiteral("N")});
    parser.process(app);

    insighta::Workspace workspace;
    if (parser.isSet(QStringLiteral("demo-profiles")))
        workspace.setDemoProfileCount(parser.value(QStringLiteral("demo-profiles")).toLongLong());
    // Assessments and emails run as background jobs on the workspace's database.
    insighta::BackgroundServices services;
    services.attach(&workspace);
    services.reloadConfiguration(insighta::AppSettings::instance());
    insighta::MainWindow window(&workspace, &services);
    window.show();
    // Connect (and seed on first start) only once the window is on screen.
    QMetaObject::invokeMethod(&window, &insighta::MainWindow::openConfiguredWorkspace, Qt::QueuedConnection);
    return app.exec();
}
