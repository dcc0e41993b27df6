#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace insighta {

class BackgroundServices;
struct DatabaseUrl;
class SearchPage;
class Workspace;

// Hosts the pages, the menus and the status bar; nothing else. Each page owns its feature.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page { Search = 0, Import, Interviews, Jobs };

    // `services` runs the background jobs (assessments, emails); without it (tests of other
    // pages) jobs are queued but not run by this window.
    explicit MainWindow(Workspace *workspace, BackgroundServices *services = nullptr, QWidget *parent = nullptr);

    void showPage(Page page);
    Page currentPage() const;
    QWidget *page(Page page) const;

    // Opens the workspace chosen in the settings (or INSIGHTA_DATABASE_URL) in the background.
    void openConfiguredWorkspace();

signals:
    void pageChanged(insighta::MainWindow::Page page);

protected:
    void closeEvent(QCloseEvent *event) override;
    // CSV files dropped anywhere on the window go to the Import page.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void openSettings();
    void showAbout();
    void addPage(QWidget *page, const QString &title, const QString &iconName);
    void showConnection(const DatabaseUrl &url);

    Workspace *m_workspace;
    BackgroundServices *m_services;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_connectionLabel = nullptr;
    SearchPage *m_search = nullptr;
    QString m_searchServer; // where the search page's searches run, once it has said
    QProgressBar *m_seedProgress = nullptr;
    QToolButton *m_seedCancel = nullptr;
    QToolButton *m_background = nullptr; // "2 background jobs running", opens the Jobs page
};

} // namespace insighta
