// The Search page offscreen, against a real SQLite workspace: type a query, see rows and the
// exact count, sort by a header, scroll past the first page, export to CSV; and the messages
// for a query with nothing understood and for a contradiction.

#include "tests/integration/search/SearchFixtures.h"

#include "core/db/Connection.h"
#include "core/db/ProfileWriter.h"
#include "models/search/SearchResultsModel.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/pages/SearchPage.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;
using namespace insighta::searchtest;

class TestSearchPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void typeSortScrollExport();
    void explainsQueriesThatCannotRun();

private:
    template<typename T> T *child(const QString &name)
    {
        auto *widget = m_page->findChild<T *>(name);
        if (!widget)
            qFatal("missing widget %s", qPrintable(name));
        return widget;
    }

    testkit::SqliteTestDatabase m_db;
    QList<Profile> m_rows;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<SearchPage> m_page;
};

void TestSearchPage::initTestCase()
{
    INSIGHTA_REQUIRE_DB(m_db);
    {
        Connection connection(m_db.url());
        QVERIFY2(connection.ok(), qPrintable(connection.error()));
        m_rows = tiedProfiles(400, 21);
        QVERIFY(ProfileWriter(connection.database(), connection.kind()).insert(m_rows).ok());
    }
    m_workspace = std::make_unique<Workspace>();
    m_page = std::make_unique<SearchPage>(m_workspace.get());
    m_page->resize(1300, 850);
    m_page->show();
    QSignalSpy ready(m_workspace.get(), &Workspace::ready);
    m_workspace->connectTo(m_db.url(), false);
    QTRY_COMPARE(ready.size(), 1);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), QStringLiteral("400 profiles"));
}

void TestSearchPage::typeSortScrollExport()
{
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    auto *count = child<QLabel>(QStringLiteral("searchCount"));
    auto *table = child<QTableView>(QStringLiteral("searchResults"));
    SearchResultsModel *model = m_page->resultsModel();

    ProfileFilter women;
    women.gender = Gender::Female;
    const QStringList expected = expectedIds(women, m_rows);
    QVERIFY(expected.size() > 100); // more than one page
    QTest::keyClicks(query, QStringLiteral("women"));
    QTRY_COMPARE(count->text(), QStringLiteral("%1 profiles").arg(expected.size()));
    QTRY_VERIFY(model->rowCount() > 0);
    QVERIFY(child<QWidget>(QStringLiteral("searchChip0"))->isVisible());
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->profileAt(row).gender, Gender::Female);

    // Sort by age, ascending: click the header (twice if it starts descending).
    QHeaderView *header = table->horizontalHeader();
    const int x
        = header->sectionViewportPosition(SearchResultsModel::Age) + header->sectionSize(SearchResultsModel::Age) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    if (header->sortIndicatorOrder() != Qt::AscendingOrder)
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(SearchResultsModel::Age));
    women.sortBy = SortKey::Age;
    women.order = SortOrder::Asc;
    const QStringList byAge = expectedIds(women, m_rows);
    QTRY_COMPARE(model->data(model->index(0, 0), SearchResultsModel::ProfileIdRole).toString(), byAge.front());
    QCOMPARE(model->filter().sortBy, SortKey::Age);

    // Scroll to the end until every row is in: later pages come by keyset as the view asks.
    QTRY_VERIFY(model->rowCount() >= 100);
    for (int i = 0; i < 20 && model->rowCount() < byAge.size(); ++i) {
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
        QTest::qWait(0); // let the view ask for more (no timing: the QTRY below waits for rows)
        QTRY_VERIFY(model->rowCount() > 100 || model->rowCount() == byAge.size());
    }
    QTRY_COMPARE(model->rowCount(), int(byAge.size()));
    QStringList ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids << model->data(model->index(row, 0), SearchResultsModel::ProfileIdRole).toString();
    QCOMPARE(ids, byAge);

    // Details and copy.
    table->selectRow(1);
    QTRY_VERIFY(child<QWidget>(QStringLiteral("searchDetails"))
                    ->property("plainText")
                    .toString()
                    .contains(model->profileAt(1).name));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("searchCopy")), Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(model->profileAt(1).id));

    // Export: the save dialog is pre-answered; the file holds the header and every row.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("women.csv"));
    Dialogs::preAnswerFile(path);
    QSignalSpy exported(m_page.get(), &SearchPage::exportFinished);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("searchExport")), Qt::LeftButton);
    QTRY_COMPARE(exported.size(), 1);
    QVERIFY(exported.front().at(0).toBool());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(
        lines.front().trimmed(),
        QByteArray(
            "id,name,gender,gender_probability,age,age_group,country_id,country_name,country_probability,created_at"));
    QCOMPARE(lines.size() - 2, byAge.size()); // header + rows + the empty tail after the last newline
    QVERIFY(lines.at(1).startsWith(byAge.front().toUtf8()));
}

void TestSearchPage::explainsQueriesThatCannotRun()
{
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    auto *message = child<QLabel>(QStringLiteral("searchMessage"));
    auto *count = child<QLabel>(QStringLiteral("searchCount"));
    query->clear();
    QTest::keyClicks(query, QStringLiteral("purple elephants"));
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("Unable to interpret query")), qPrintable(message->text()));
    QVERIFY(message->text().contains(QLatin1String("<li>")));
    QCOMPARE(count->text(), QStringLiteral("No search"));

    query->clear();
    QTest::keyClicks(query, QStringLiteral("young females above 30"));
    QTRY_VERIFY(message->isVisible() && !message->text().contains(QLatin1String("Unable to interpret")));
    QVERIFY2(message->text().contains(QLatin1String("30")), qPrintable(message->text()));
    QCOMPARE(count->text(), QStringLiteral("No search"));

    // A hostile query is just words: nothing understood, the table untouched.
    query->clear();
    QTest::keyClicks(query, QStringLiteral("'; DROP TABLE profiles; --"));
    QTRY_VERIFY(message->isVisible());
    query->clear();
    QTRY_COMPARE(count->text(), QStringLiteral("400 profiles"));
}

QTEST_MAIN(TestSearchPage)
#include "tst_search_page.moc"
