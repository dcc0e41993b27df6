#include "core/db/Connection.h"
#include "core/services/AppSettings.h"
#include "ui/ConnectionStatus.h"
#include "ui/Dialogs.h"
#include "ui/KeychainFeedback.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/Workspace.h"
#include "ui/settings/EmailPanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace insighta;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensTheWorkspaceAndSeedsDemoDataInTheBackground();
    void visitsEveryPage();
    void settingsHasAShortcut();
    void connectionLineNamesEachServer_data();
    void connectionLineNamesEachServer();
    void settingsRejectsABadUrlWithAClearMessage();
    void settingsExplainsWhenNoKeychainRuns();
    void settingsTakesSeveralServersAndTheStandbySetting();
    void keychainWriteFailureIsShown();

private:
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("INSIGHTA_WORKSPACE", m_dir.filePath(QStringLiteral("workspace.db")).toUtf8());
    qunsetenv("INSIGHTA_DATABASE_URL");
}

void TestMainWindow::opensTheWorkspaceAndSeedsDemoDataInTheBackground()
{
    Workspace workspace;
    workspace.setDemoProfileCount(2500);
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy ready(&workspace, &Workspace::ready);
    QSignalSpy seeded(&workspace, &Workspace::seedingFinished);
    QSignalSpy progress(&workspace, &Workspace::seedingProgress);
    window.openConfiguredWorkspace();

    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QVERIFY(status);
    QVERIFY(ready.wait(30000));
    QVERIFY2(status->text().startsWith(QStringLiteral("Connected: SQLite workspace")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("workspace.db")), qPrintable(status->text()));
    QVERIFY(workspace.isSeeding());
    // The window is usable while seeding: switching pages works now.
    window.showPage(MainWindow::Page::Jobs);
    QCOMPARE(window.currentPage(), MainWindow::Page::Jobs);
    QVERIFY(seeded.wait(60000));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(2500));
    QVERIFY2(seeded.first().at(0).toString().contains(QStringLiteral("2,500 profiles")),
             qPrintable(seeded.first().at(0).toString()));
    QTRY_VERIFY(!window.findChild<QProgressBar *>(QStringLiteral("demoProgress"))->isVisible());

    Connection connection(workspace.url());
    QVERIFY(connection.ok());
    QSqlQuery query(connection.database());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && query.next());
    QCOMPARE(query.value(0).toInt(), 2500);
}

void TestMainWindow::visitsEveryPage()
{
    Workspace workspace;
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("pageNavigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 4);
    const QStringList titles{QStringLiteral("Search"), QStringLiteral("Import"), QStringLiteral("Interviews"),
                             QStringLiteral("Jobs")};
    const QStringList pages{QStringLiteral("searchPage"), QStringLiteral("importPage"),
                            QStringLiteral("interviewsPage"), QStringLiteral("jobsPage")};
    for (int i = 0; i < navigation->count(); ++i) {
        QCOMPARE(navigation->item(i)->text(), titles.at(i));
        const QRect rect = navigation->visualItemRect(navigation->item(i));
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(int(window.currentPage()), i);
        QWidget *page = window.page(MainWindow::Page(i));
        QCOMPARE(page->objectName(), pages.at(i));
        QTRY_VERIFY(page->isVisible());
    }
}

void TestMainWindow::settingsHasAShortcut()
{
    Workspace workspace;
    MainWindow window(&workspace);
    auto *settings = window.findChild<QAction *>(QStringLiteral("actionSettings"));
    QVERIFY(settings);
    QVERIFY2(!settings->shortcut().isEmpty(), "File > Settings shows no shortcut on this platform");
    const QList<QKeySequence> platform = QKeySequence::keyBindings(QKeySequence::Preferences);
    QCOMPARE(settings->shortcut(), platform.isEmpty() ? QKeySequence(QStringLiteral("Ctrl+,")) : platform.first());
}

void TestMainWindow::settingsRejectsABadUrlWithAClearMessage()
{
    SettingsDialog dialog(DatabaseUrl::sqliteFile(QStringLiteral("/tmp/x.db")));
    dialog.show();
    auto *postgres = dialog.findChild<QRadioButton *>(QStringLiteral("postgresRadio"));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("databaseUrlEdit"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
    QVERIFY(postgres && url && error);
    QVERIFY(!url->isEnabled());
    postgres->click();
    QVERIFY(url->isEnabled());
    QTest::keyClicks(url, QStringLiteral("postgresql://me:secret@db/x"));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("not in the URL")), qPrintable(error->text()));

    url->clear();
    QTest::keyClicks(url, QStringLiteral("postgresql://analyst@db.example.org:6432/insighta"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.chosenUrl().host, QStringLiteral("db.example.org"));
    QCOMPARE(dialog.chosenUrl().port, 6432);
}

void TestMainWindow::connectionLineNamesEachServer_data()
{
    QTest::addColumn<QString>("tls");
    QTest::addColumn<QString>("writes");
    QTest::addColumn<QString>("searches");
    QTest::addColumn<QString>("shown");
    QTest::newRow("SQLite") << ""
                            << ""
                            << ""
                            << "Connected: workspace";
    QTest::newRow("one server") << ""
                                << "db1:5432 (primary)"
                                << "db1:5432 (primary)"
                                << "Connected: workspace · writes and searches db1:5432 (primary)";
    QTest::newRow("searches on a standby")
        << ""
        << "db1:5432 (primary)"
        << "db2:5433 (standby)"
        << "Connected: workspace · writes db1:5432 (primary) · searches db2:5433 (standby)";
    QTest::newRow("search page not connected yet") << "TLS verified"
                                                   << "db1:5432 (primary)"
                                                   << ""
                                                   << "Connected: workspace (TLS verified) · writes db1:5432 (primary)";
}

void TestMainWindow::connectionLineNamesEachServer()
{
    QFETCH(QString, tls);
    QFETCH(QString, writes);
    QFETCH(QString, searches);
    QFETCH(QString, shown);
    QCOMPARE(connectionStatusText(QStringLiteral("workspace"), tls, writes, searches), shown);
}

void TestMainWindow::settingsTakesSeveralServersAndTheStandbySetting()
{
    AppSettings::instance().setValue(AppSettings::Key::SearchOnStandbys, false);
    SettingsDialog dialog(DatabaseUrl::sqliteFile(QStringLiteral("/tmp/x.db")));
    dialog.show();
    auto *postgres = dialog.findChild<QRadioButton *>(QStringLiteral("postgresRadio"));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("databaseUrlEdit"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
    auto *standbys = dialog.findChild<QCheckBox *>(QStringLiteral("searchOnStandbysCheck"));
    QVERIFY(postgres && url && error && standbys);
    QVERIFY(!standbys->isChecked()); // off by default
    QVERIFY(!standbys->isEnabled());
    postgres->click();
    QVERIFY(standbys->isEnabled());
    QTest::keyClicks(url, QStringLiteral("postgresql://db1:5432,,db2:5432/insighta"));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("empty entry")), qPrintable(error->text()));

    url->clear();
    QTest::keyClicks(url, QStringLiteral("postgresql://db1:5432,db2:5433/insighta?target_session_attrs=read-write"));
    standbys->click();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.chosenUrl().hostList(), QStringLiteral("db1:5432,db2:5433"));
    QCOMPARE(AppSettings::instance().value(AppSettings::Key::SearchOnStandbys).toBool(), true);
    AppSettings::instance().setValue(AppSettings::Key::SearchOnStandbys, false);
}

void TestMainWindow::settingsExplainsWhenNoKeychainRuns()
{
    // The test run has no keychain service (no session bus); the dialog must say so.
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus is present; the no-keychain message cannot be provoked here");
    SettingsDialog dialog(DatabaseUrl::sqliteFile(QStringLiteral("/tmp/x.db")));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("keychainNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QStringLiteral("will not be remembered")), 20000);
    QVERIFY(!dialog.keychainAvailable());
}

void TestMainWindow::keychainWriteFailureIsShown()
{
    QMainWindow window;
    auto *panel = new QWidget(&window);
    window.setCentralWidget(panel);
    SecretStore::Outcome failed;
    failed.error = QStringLiteral("The name org.freedesktop.secrets was not provided");
    reportKeychainWrite(panel, QStringLiteral("The Resend API key"))(failed);
    const QString shown = window.statusBar()->currentMessage();
    QVERIFY2(shown.contains(QStringLiteral("The Resend API key could not be saved in the keychain")),
             qPrintable(shown));
    QVERIFY2(shown.contains(failed.error), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("not remembered")));

    // Through the Email panel: with no keychain service the real write fails, and says so.
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return;
    window.statusBar()->clearMessage();
    auto *email = new EmailPanel(AppSettings::instance(), panel);
    email->findChild<QLineEdit *>(QStringLiteral("resendKeyEdit"))->setText(QStringLiteral("re_test_key"));
    email->save();
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QStringLiteral("could not be saved")),
                             20000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
