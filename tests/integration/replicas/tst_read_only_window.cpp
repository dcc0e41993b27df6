// The window with no primary: a hot standby still serves searches, the status bar says
// "Read-only: the primary is unreachable", imports wait with the reason on the Import button,
// and once a primary answers again (here: the standby promoted) the window is writable.
#include "core/db/Connection.h"
#include "tests/testkit/ReplicaCluster.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/MainWindow.h"
#include "ui/Workspace.h"

#include <QLabel>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>

using namespace insighta;

class TestReadOnlyWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void searchesCarryOnAndImportsWaitWithoutAPrimary();
};

void TestReadOnlyWindow::searchesCarryOnAndImportsWaitWithoutAPrimary()
{
    testkit::ReplicaCluster cluster;
    INSIGHTA_REQUIRE_DB(cluster);
    {
        Connection primary(cluster.primaryUrl());
        QVERIFY2(primary.ok(), qPrintable(primary.error()));
        QSqlQuery insert(primary.database());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO profiles (id, name, name_key, gender, gender_probability, age, age_group, country_id, "
            "country_name, country_probability) SELECT gen_random_uuid(), 'Standby ' || i, 'standby ' || i, 'male', "
            "0.9, 40, 'adult', 'KE', 'Kenya', 0.7 FROM generate_series(1, 3) AS i")));
    }
    QVERIFY2(cluster.waitForStandby().ok(), "the standby did not catch up");
    QVERIFY2(cluster.stopPrimaryImmediately().ok(), "the primary did not stop");

    Workspace workspace;
    workspace.setReprobeMs(200);
    MainWindow window(&workspace);
    window.resize(1024, 768);
    window.show();
    workspace.connectTo(cluster.bothUrl(), false);

    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    auto *importButton = window.findChild<QPushButton *>(QStringLiteral("importStartButton"));
    auto *count = window.findChild<QLabel *>(QStringLiteral("searchCount"));
    QVERIFY(status && importButton && count);
    const QString standby
        = QStringLiteral("%1:%2 (standby)").arg(cluster.standbyUrl().host).arg(cluster.standbyUrl().port);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Read-only: the primary is unreachable")), 20000);
    QVERIFY(workspace.isReadOnly());
    // The search page searches the standby, and finds the rows the primary had.
    QTRY_VERIFY_WITH_TIMEOUT(count->text().contains(QLatin1Char('3')), 20000);
    QTRY_VERIFY2(status->text().endsWith(standby), qPrintable(status->text()));
    QVERIFY(!importButton->isEnabled());
    QVERIFY2(importButton->toolTip().contains(QStringLiteral("Read-only: the primary is unreachable")),
             qPrintable(importButton->toolTip()));

    // A primary again: the workspace notices on its own and reconnects writable.
    QVERIFY2(cluster.promoteStandby().ok(), "the standby was not promoted");
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadOnly() && workspace.state() == Workspace::State::Ready, 20000);
    QTRY_VERIFY2(status->text().contains(QStringLiteral("(primary)")), qPrintable(status->text()));
    QVERIFY(!status->text().startsWith(QStringLiteral("Read-only")));
}

QTEST_MAIN(TestReadOnlyWindow)
#include "tst_read_only_window.moc"
