#include "ui/MainWindow.h"

#include "core/common/UntrustedText.h"
#include "core/db/Connection.h"
#include "core/secrets/SecretStore.h"
#include "core/services/AppSettings.h"
#include "ui/AboutDialog.h"
#include "ui/ConnectionStatus.h"
#include "ui/Dialogs.h"
#include "ui/SettingsDialog.h"
#include "ui/Workspace.h"
#include "ui/import/ImportDropZone.h"
#include "ui/pages/ImportPage.h"
#include "ui/pages/InterviewsPage.h"
#include "ui/pages/JobsPage.h"
#include "ui/pages/SearchPage.h"
#include "ui/services/BackgroundServices.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>

namespace insighta {

MainWindow::MainWindow(Workspace *workspace, BackgroundServices *services, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_services(services)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Insighta Desk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/insighta-desk.svg")));
    resize(1280, 800);
    setAcceptDrops(true);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("pageNavigation"));
    m_navigation->setFixedWidth(160);
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setAutoFillBackground(true);
    m_navigation->setBackgroundRole(QPalette::AlternateBase);

    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setContentsMargins(12, 12, 12, 12);

    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_search = new SearchPage(workspace, m_pages);
    addPage(m_search, tr("Search"), QStringLiteral("edit-find"));
    addPage(new ImportPage(workspace, m_pages), tr("Import"), QStringLiteral("document-import"));
    addPage(new InterviewsPage(workspace, services, m_pages), tr("Interviews"), QStringLiteral("user-available"));
    addPage(new JobsPage(workspace, m_pages), tr("Jobs"), QStringLiteral("view-list-details"));

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_pages->setCurrentIndex(row);
        emit pageChanged(Page(row));
    });
    m_navigation->setCurrentRow(0);

    buildMenus();
    buildStatusBar();
    restoreGeometry(AppSettings::instance().value(AppSettings::Key::MainWindowGeometry).toByteArray());
}

void MainWindow::addPage(QWidget *page, const QString &title, const QString &iconName)
{
    static const QHash<QString, QStyle::StandardPixmap> fallbacks{
        {QStringLiteral("edit-find"), QStyle::SP_FileDialogContentsView},
        {QStringLiteral("document-import"), QStyle::SP_DialogOpenButton},
        {QStringLiteral("user-available"), QStyle::SP_FileDialogDetailedView},
        {QStringLiteral("view-list-details"), QStyle::SP_BrowserReload},
    };
    const QIcon icon = QIcon::fromTheme(iconName, style()->standardIcon(fallbacks.value(iconName)));
    auto *item = new QListWidgetItem(icon, title, m_navigation);
    item->setSizeHint(QSize(0, 40));
    m_pages->addWidget(page);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *importAction = file->addAction(tr("&Import CSV…"));
    importAction->setObjectName(QStringLiteral("actionImport"));
    importAction->setShortcut(QKeySequence(tr("Ctrl+I")));
    connect(importAction, &QAction::triggered, this, [this] {
        showPage(Page::Import);
        if (auto *importPage = qobject_cast<ImportPage *>(page(Page::Import)))
            importPage->chooseFiles();
    });
    QAction *settings = file->addAction(tr("&Settings…"));
    settings->setObjectName(QStringLiteral("actionSettings"));
    // Most Linux desktops bind nothing to Preferences; they get the common Ctrl+, instead.
    const QList<QKeySequence> preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    settings->setShortcuts(preferences.isEmpty() ? QList<QKeySequence>{QKeySequence(tr("Ctrl+,"))} : preferences);
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    const QStringList names{tr("&Search"), tr("&Import"), tr("I&nterviews"), tr("&Jobs")};
    for (int i = 0; i < names.size(); ++i) {
        QAction *action = go->addAction(names.at(i));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Insighta Desk"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

// A remote server reached without verified TLS says so where the connection is shown.
void MainWindow::showConnection(const DatabaseUrl &url)
{
    if (m_workspace->isReadOnly()) {
        m_connectionLabel->setText(
            readOnlyStatusText(url.displayName(), m_searchServer.isEmpty() ? m_workspace->server() : m_searchServer));
        m_connectionLabel->setToolTip(tr("No server in the URL accepts writes. Searches run on a standby; imports "
                                         "and background jobs wait, and start once a primary answers."));
        return;
    }
    m_connectionLabel->setText(
        connectionStatusText(url.displayName(), url.tlsSummary(), m_workspace->server(), m_searchServer));
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_connectionLabel->setTextFormat(Qt::PlainText); // names and errors come from the server

    m_seedProgress = new QProgressBar(this);
    m_seedProgress->setObjectName(QStringLiteral("demoProgress"));
    m_seedProgress->setMaximumWidth(240);
    m_seedProgress->setFormat(tr("Demo data %p%"));
    m_seedProgress->hide();
    m_seedCancel = new QToolButton(this);
    m_seedCancel->setObjectName(QStringLiteral("demoCancel"));
    m_seedCancel->setText(tr("Stop"));
    m_seedCancel->setToolTip(tr("Stop creating demo data (what is there stays)"));
    m_seedCancel->hide();
    m_background = new QToolButton(this);
    m_background->setObjectName(QStringLiteral("backgroundJobs"));
    m_background->setAutoRaise(true);
    m_background->setToolTip(tr("Show the Jobs page"));
    m_background->hide();
    connect(m_background, &QToolButton::clicked, this, [this] { showPage(Page::Jobs); });
    if (m_services) {
        connect(m_services, &BackgroundServices::runningJobsChanged, this, [this](int running) {
            m_background->setText(tr("%n background job(s) running", nullptr, running));
            m_background->setVisible(running > 0);
        });
    }
    // Permanent widgets: showMessage() would hide ordinary ones while the message shows.
    statusBar()->addPermanentWidget(m_background);
    statusBar()->addPermanentWidget(m_seedProgress);
    statusBar()->addPermanentWidget(m_seedCancel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_seedCancel, &QToolButton::clicked, m_workspace, &Workspace::cancelSeeding);

    connect(m_workspace, &Workspace::connecting, this, [this](const DatabaseUrl &url) {
        m_connectionLabel->setText(tr("Connecting to %1…").arg(url.displayName()));
    });
    connect(m_workspace, &Workspace::ready, this, [this](const DatabaseUrl &url) {
        m_searchServer.clear(); // the search page reconnects and says where
        const QString warning = url.tlsWarning();
        m_connectionLabel->setToolTip(warning.isEmpty() ? url.toString() : url.toString() + u'\n' + warning);
        showConnection(url);
    });
    connect(m_search, &SearchPage::searchServerChanged, this, [this](const QString &server) {
        m_searchServer = server;
        if (m_workspace->state() == Workspace::State::Ready)
            showConnection(m_workspace->url());
    });
    connect(m_workspace, &Workspace::failed, this, [this](const QString &error) {
        m_connectionLabel->setText(tr("Not connected — see Settings"));
        m_connectionLabel->setToolTip(plainTextToolTip(error)); // may quote the server
        statusBar()->showMessage(error, 15000);
    });
    connect(m_workspace, &Workspace::seedingStarted, this, [this](qint64) {
        m_seedProgress->setValue(0);
        m_seedProgress->show();
        m_seedCancel->show();
        statusBar()->showMessage(tr("First start: creating the demo workspace in the background…"));
    });
    connect(m_workspace, &Workspace::seedingProgress, this,
            [this](qint64 done, qint64 total) { m_seedProgress->setValue(total > 0 ? int(done * 100 / total) : 100); });
    connect(m_workspace, &Workspace::seedingFinished, this, [this](const QString &summary) {
        m_seedProgress->hide();
        m_seedCancel->hide();
        statusBar()->showMessage(summary, 10000);
    });
}

void MainWindow::openConfiguredWorkspace()
{
    const auto fromEnv = qEnvironmentVariable("INSIGHTA_DATABASE_URL");
    const QString configured
        = fromEnv.isEmpty() ? AppSettings::instance().value(AppSettings::Key::DatabaseUrl).toString() : fromEnv;
    if (configured.isEmpty()) {
        m_workspace->connectTo(DatabaseUrl::sqliteFile(defaultWorkspacePath()), true);
        return;
    }
    const auto url = DatabaseUrl::parse(configured);
    if (!url.ok()) {
        m_connectionLabel->setText(tr("Not connected — see Settings"));
        statusBar()->showMessage(url.error(), 15000);
        return;
    }
    if (url->kind == DatabaseKind::Sqlite) {
        m_workspace->connectTo(url.value(), false);
        return;
    }
    // Fetch a saved password first; without a keychain libpq falls back to PGPASSWORD/.pgpass.
    const DatabaseUrl &target = url.value();
    SecretStore::read(
        SecretStore::databasePasswordKey(target.toString()), this, [this, target](const SecretStore::Outcome &secret) {
            if (secret.ok)
                Credentials::setPassword(target, secret.value);
            else if (!secret.notFound)
                // Say so: a silent failure looks like a wrong password later.
                statusBar()->showMessage(tr("The saved database password could not be read from the keychain (%1); "
                                            "PGPASSWORD and ~/.pgpass still work.")
                                             .arg(secret.error),
                                         15000);
            m_workspace->connectTo(target, false);
        });
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_workspace->url(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_services)
        m_services->configure(dialog.serviceConfig());
    const DatabaseUrl chosen = dialog.chosenUrl();
    const bool embedded = chosen.kind == DatabaseKind::Sqlite && chosen.path == defaultWorkspacePath();
    AppSettings::instance().setValue(AppSettings::Key::DatabaseUrl, embedded ? QString() : chosen.toString());
    m_workspace->connectTo(chosen, embedded);
}

void MainWindow::showAbout()
{
    (new AboutDialog(this))->open(); // window-modal, no nested event loop; deletes itself on close
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QWidget *MainWindow::page(Page page) const
{
    return m_pages->widget(int(page));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings::instance().setValue(AppSettings::Key::MainWindowGeometry, saveGeometry());
    m_workspace->cancelSeeding();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (ImportDropZone::csvFiles(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (ImportDropZone::csvFiles(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = ImportDropZone::csvFiles(event->mimeData());
    auto *importPage = qobject_cast<ImportPage *>(page(Page::Import));
    if (files.isEmpty() || !importPage) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    showPage(Page::Import);
    importPage->addFiles(files);
}

} // namespace insighta
