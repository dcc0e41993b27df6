// The Search page offscreen, against a real SQLite workspace: type a query, see rows and the
// exact count, sort by a header, scroll past the first page, export to CSV; the messages for a
// query with nothing understood and for a contradiction; and query chips edited in place
// (country, age, gender; Esc; a refused edit).

#include "tests/integration/search/SearchFixtures.h"

#include "core/db/Connection.h"
#include "core/db/ProfileWriter.h"
#include "core/profiles/Countries.h"
#include "core/profiles/QueryParser.h"
#include "models/search/SearchResultsModel.h"
#include "tests/testkit/TestDatabases.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/pages/SearchPage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
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
    void editsCountryChipInPlace();
    void editsAgeChipsInPlace();
    void editsGenderChipFromTheKeyboard();
    void escapeAndFocusOut();
    void refusesContradictoryChipEdit();
    void showsIgnoredWordsCorrectionsAndExclusions();
    void formShowsWhatTheQuerySet();

private:
    // The filter the page searches with; the sort is left out (an earlier test sorted by a
    // header, and the model keeps that order across new filters).
    ProfileFilter searched() const
    {
        ProfileFilter filter = m_page->resultsModel()->filter();
        const ProfileFilter defaults;
        filter.sortBy = defaults.sortBy;
        filter.order = defaults.order;
        filter.sortExplicit = defaults.sortExplicit;
        return filter;
    }
    // Types `text` into the query box and waits until the page searched with its filter.
    void search(const QString &text);
    int expectedCount(const ProfileFilter &filter) const { return int(expectedIds(filter, m_rows).size()); }
    QString countText(int count) const
    {
        return count == 1 ? QStringLiteral("1 profile") : QStringLiteral("%1 profiles").arg(count);
    }
    // The two countries with the most rows, most first.
    QStringList topCountries() const;

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

void TestSearchPage::search(const QString &text)
{
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    query->clear();
    QTest::keyClicks(query, text);
    const ParsedQuery parsed = QueryParser::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QTRY_COMPARE(searched(), parsed.filter);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(parsed.filter)));
}

// The chips and the form agree: the form shows the query's values in italics; a value changed
// in the form is the person's and refines the search.
void TestSearchPage::formShowsWhatTheQuerySet()
{
    const QStringList countries = topCountries();
    search(QStringLiteral("young women from %1 or %2")
               .arg(Countries::instance().nameFor(countries.at(0)), Countries::instance().nameFor(countries.at(1))));
    auto *gender = child<QComboBox>(QStringLiteral("filterGender"));
    QCOMPARE(gender->currentText(), QStringLiteral("Female"));
    QVERIFY(gender->font().italic());
    QCOMPARE(child<QSpinBox>(QStringLiteral("filterMinAge"))->value(), 16);
    QCOMPARE(child<QSpinBox>(QStringLiteral("filterMaxAge"))->value(), 24);
    auto *list = child<QListWidget>(QStringLiteral("filterCountries"));
    QStringList ticked;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            ticked << list->item(i)->data(Qt::UserRole).toString();
    ticked.sort();
    QStringList expectedTicks = countries.mid(0, 2);
    expectedTicks.sort();
    QCOMPARE(ticked, expectedTicks);
    QVERIFY(child<QLabel>(QStringLiteral("filterQueryNote"))->isVisible());

    // Men instead, picked in the form: the search follows the form, the rest stays the query's.
    gender->setCurrentIndex(gender->findData(QStringLiteral("male")));
    ProfileFilter expected = QueryParser::parse(QStringLiteral("young men from %1 or %2")
                                                    .arg(Countries::instance().nameFor(countries.at(0)),
                                                         Countries::instance().nameFor(countries.at(1))))
                                 .filter;
    QTRY_COMPARE(m_page->currentFilter().gender, expected.gender);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(),
                 countText(expectedCount(m_page->currentFilter())));
    QVERIFY(!gender->font().italic());

    // Clear filters gives the field back to the query; later tests start from a clean form.
    QTest::mouseClick(child<QPushButton>(QStringLiteral("filterClear")), Qt::LeftButton);
    QTRY_COMPARE(gender->currentText(), QStringLiteral("Female"));
    QTRY_COMPARE(m_page->currentFilter().gender, std::optional<Gender>(Gender::Female));
}

QStringList TestSearchPage::topCountries() const
{
    QHash<QString, int> counts;
    for (const Profile &p : m_rows)
        ++counts[p.countryId];
    QStringList codes = counts.keys();
    std::sort(codes.begin(), codes.end(), [&](const QString &a, const QString &b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    return codes.mid(0, 2);
}

void TestSearchPage::editsCountryChipInPlace()
{
    // Two countries with different numbers of women, so the count must change.
    QHash<QString, int> women;
    for (const Profile &p : std::as_const(m_rows)) {
        if (p.gender == Gender::Female)
            ++women[p.countryId];
    }
    QStringList countries{topCountries().at(0)};
    // In a fixed order (a QHash's order changes from run to run), and a name QTest can type:
    // keyClicks knows ASCII keys only ("Côte d'Ivoire" would abort the test).
    QStringList candidates = women.keys();
    candidates.sort();
    for (const QString &code : std::as_const(candidates)) {
        if (countries.size() == 2)
            break;
        const QString name = Countries::instance().nameFor(code);
        bool ascii = true;
        for (const QChar c : name)
            ascii = ascii && c.unicode() < 0x80;
        const ParsedQuery named = QueryParser::parse(QStringLiteral("women from ") + name);
        if (ascii && women.value(code) != women.value(countries.front()) && named.unrecognised.isEmpty()
            && named.filter.countryIds == QStringList{code})
            countries << code;
    }
    QCOMPARE(countries.size(), 2);
    const QString first = Countries::instance().nameFor(countries.at(0));
    const QString second = Countries::instance().nameFor(countries.at(1));
    search(QStringLiteral("women from ") + first);

    // The chip shows the country's name; clicking it opens a combo with completion.
    auto *value = child<QToolButton>(QStringLiteral("searchChip1Value"));
    QCOMPARE(value->text(), QStringLiteral("country: ") + first);
    QTest::mouseClick(value, Qt::LeftButton);
    auto *combo = child<QComboBox>(QStringLiteral("searchChip1Combo"));
    QVERIFY(combo->isVisible());
    QVERIFY(combo->isEditable());
    QCOMPARE(combo->currentData().toString(), countries.at(0));
    QVERIFY(!value->isVisible());

    // Type the other country's name (the completer offers it) and press Enter.
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo, second);
    if (!qEnvironmentVariableIsEmpty("INSIGHTA_SCREENSHOT_DIR")) {
        QVERIFY(m_page->grab().save(qEnvironmentVariable("INSIGHTA_SCREENSHOT_DIR")
                                    + QStringLiteral("/search-chip-country.png")));
    }
    QTest::keyClick(combo, Qt::Key_Return);

    ProfileFilter expected;
    expected.gender = Gender::Female;
    expected.countryIds = {countries.at(1)};
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
    QCOMPARE(expectedCount(expected), women.value(countries.at(1))); // not the first country's count
    // The text says what the chips say, and a new chip shows the new country.
    QCOMPARE(child<QLineEdit>(QStringLiteral("searchQuery"))->text(), QStringLiteral("women from ") + second);
    QTRY_COMPARE(child<QToolButton>(QStringLiteral("searchChip1Value"))->text(), QStringLiteral("country: ") + second);
    QVERIFY(child<QLabel>(QStringLiteral("searchChipMessage"))->isHidden());
}

void TestSearchPage::editsAgeChipsInPlace()
{
    search(QStringLiteral("women between 20 and 45"));
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip1Value")), Qt::LeftButton);
    auto *from = child<QSpinBox>(QStringLiteral("searchChip1From"));
    auto *to = child<QSpinBox>(QStringLiteral("searchChip1To"));
    QCOMPARE(from->value(), 20);
    QCOMPARE(to->value(), 45);
    from->selectAll();
    QTest::keyClicks(from, QStringLiteral("30"));
    QTest::keyClick(from, Qt::Key_Enter);

    ProfileFilter expected;
    expected.gender = Gender::Female;
    expected.minAge = 30;
    expected.maxAge = 45;
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
    QCOMPARE(child<QLineEdit>(QStringLiteral("searchQuery"))->text(), QStringLiteral("women between 30 and 45"));

    // A single bound: "above 40" becomes at least 35, through the spin box.
    search(QStringLiteral("men above 40"));
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip1Value")), Qt::LeftButton);
    auto *age = child<QSpinBox>(QStringLiteral("searchChip1Age"));
    QCOMPARE(age->value(), 40);
    age->setValue(35);
    QTest::keyClick(age, Qt::Key_Return);
    expected = {};
    expected.gender = Gender::Male;
    expected.minAge = 35;
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
    QTRY_COMPARE(child<QToolButton>(QStringLiteral("searchChip1Value"))->text(), QStringLiteral("min age: 35"));

    // "young" (16-24) edited becomes an ordinary range.
    search(QStringLiteral("young women"));
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip0Value")), Qt::LeftButton);
    child<QSpinBox>(QStringLiteral("searchChip0To"))->setValue(29);
    QTest::keyClick(child<QSpinBox>(QStringLiteral("searchChip0To")), Qt::Key_Return);
    expected = {};
    expected.gender = Gender::Female;
    expected.minAge = 16;
    expected.maxAge = 29;
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QToolButton>(QStringLiteral("searchChip0Value"))->text(), QStringLiteral("age range: 16–29"));
}

void TestSearchPage::editsGenderChipFromTheKeyboard()
{
    const QString country = topCountries().at(0);
    search(QStringLiteral("women from ") + Countries::instance().nameFor(country));
    // Tab from the query box reaches the first chip; F2 edits it.
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    m_page->activateWindow();
    query->setFocus();
    QTRY_VERIFY(query->hasFocus());
    auto *chip = child<QToolButton>(QStringLiteral("searchChip0Value"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_VERIFY(chip->hasFocus());
    QTest::keyClick(chip, Qt::Key_F2);
    auto *combo = child<QComboBox>(QStringLiteral("searchChip0Combo"));
    QTRY_VERIFY(combo->hasFocus());
    QCOMPARE(combo->currentData().toString(), QStringLiteral("female"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("male")));
    QTest::keyClick(combo, Qt::Key_Return);

    ProfileFilter expected;
    expected.gender = Gender::Male;
    expected.countryIds = {country};
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
    // Focus comes back to the (rebuilt) chip, so the keyboard user can carry on.
    QTRY_VERIFY(child<QToolButton>(QStringLiteral("searchChip0Value"))->hasFocus());
    QVERIFY(query->text().startsWith(QLatin1String("men ")));

    // Delete on a focused chip removes its words, as × does.
    QTest::keyClick(child<QToolButton>(QStringLiteral("searchChip0Value")), Qt::Key_Delete);
    expected.gender.reset();
    QTRY_COMPARE(searched(), expected);
    QCOMPARE(query->text(), QStringLiteral("from ") + Countries::instance().nameFor(country));
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
}

void TestSearchPage::escapeAndFocusOut()
{
    search(QStringLiteral("adults from ") + Countries::instance().nameFor(topCountries().at(0)));
    const ProfileFilter before = searched();
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    const QString text = query->text();

    // Esc: the editor closes, nothing changes.
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip0Value")), Qt::LeftButton);
    auto *combo = child<QComboBox>(QStringLiteral("searchChip0Combo"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("senior")));
    QTest::keyClick(combo, Qt::Key_Escape);
    QTRY_VERIFY(m_page->findChild<QComboBox *>(QStringLiteral("searchChip0Combo")) == nullptr);
    QVERIFY(child<QToolButton>(QStringLiteral("searchChip0Value"))->isVisible());
    QCOMPARE(query->text(), text);
    QCOMPARE(searched(), before);

    // Leaving the editor applies it.
    m_page->activateWindow();
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip0Value")), Qt::LeftButton);
    combo = child<QComboBox>(QStringLiteral("searchChip0Combo"));
    QTRY_VERIFY(combo->hasFocus());
    combo->setCurrentIndex(combo->findData(QStringLiteral("senior")));
    query->setFocus(Qt::MouseFocusReason);
    ProfileFilter expected = before;
    expected.ageGroup = AgeGroup::Senior;
    QTRY_COMPARE(searched(), expected);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(expected)));
    QVERIFY(query->text().startsWith(QLatin1String("seniors ")));

    // × removes the country's words.
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip1Remove")), Qt::LeftButton);
    expected.countryIds.clear();
    QTRY_COMPARE(searched(), expected);
    QCOMPARE(query->text(), QStringLiteral("seniors from"));
}

void TestSearchPage::refusesContradictoryChipEdit()
{
    search(QStringLiteral("women at least 30 at most 50"));
    const ProfileFilter before = searched();
    QCOMPARE(before.minAge, 30);
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    const QString text = query->text();
    auto *message = child<QLabel>(QStringLiteral("searchChipMessage"));

    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip2Value")), Qt::LeftButton);
    auto *age = child<QSpinBox>(QStringLiteral("searchChip2Age"));
    age->setValue(20);
    if (!qEnvironmentVariableIsEmpty("INSIGHTA_SCREENSHOT_DIR")) {
        // For looking at the page with a chip in edit mode.
        QVERIFY(m_page->grab().save(qEnvironmentVariable("INSIGHTA_SCREENSHOT_DIR")
                                    + QStringLiteral("/search-chip-editing.png")));
    }
    QTest::keyClick(age, Qt::Key_Return);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("maximum age (20)"))
                 && message->text().contains(QLatin1String("minimum age (30)")),
             qPrintable(message->text()));
    QCOMPARE(query->text(), text);
    QCOMPARE(searched(), before);
    QCOMPARE(child<QToolButton>(QStringLiteral("searchChip2Value"))->text(), QStringLiteral("max age: 50"));

    // An age range ending below its start is refused the same way.
    search(QStringLiteral("between 20 and 45"));
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip0Value")), Qt::LeftButton);
    child<QSpinBox>(QStringLiteral("searchChip0To"))->setValue(10);
    QTest::keyClick(child<QSpinBox>(QStringLiteral("searchChip0To")), Qt::Key_Return);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("(10)")), qPrintable(message->text()));
    QCOMPARE(query->text(), QStringLiteral("between 20 and 45"));

    // A country name that is no country.
    search(QStringLiteral("women from ") + Countries::instance().nameFor(topCountries().at(0)));
    const ProfileFilter withCountry = searched();
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip1Value")), Qt::LeftButton);
    auto *combo = child<QComboBox>(QStringLiteral("searchChip1Combo"));
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo, QStringLiteral("Atlantis"));
    QTest::keyClick(combo, Qt::Key_Return);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("\"Atlantis\" is not a country")), qPrintable(message->text()));
    QCOMPARE(searched(), withCountry);

    // Typing clears the refusal.
    QTest::keyClicks(query, QStringLiteral(" women"));
    QTRY_VERIFY(message->isHidden());
}

// The words a query left out and the typos it read past are shown beside the chips, and an
// exclusion is a chip of its own ("not Nigeria") that × takes away.
void TestSearchPage::showsIgnoredWordsCorrectionsAndExclusions()
{
    auto *ignored = child<QLabel>(QStringLiteral("searchUnrecognised"));
    auto *corrections = child<QLabel>(QStringLiteral("searchCorrections"));
    search(QStringLiteral("women"));
    QVERIFY(!ignored->isVisible());
    QVERIFY(!corrections->isVisible());

    search(QStringLiteral("tall wimen with blue eyes"));
    QCOMPARE(searched().gender, std::optional<Gender>(Gender::Female));
    QVERIFY(ignored->isVisible());
    QCOMPARE(ignored->text(), QStringLiteral("Ignored: \"tall\", \"blue\", \"eyes\""));
    QVERIFY(corrections->isVisible());
    QCOMPARE(corrections->text(), QStringLiteral("Read as: wimen \u2192 women"));

    const QString code = topCountries().at(0);
    const QString name = Countries::instance().nameFor(code);
    search(QStringLiteral("women not from ") + name);
    QCOMPARE(searched().excludeCountryIds, QStringList{code});
    ProfileFilter women;
    women.gender = Gender::Female;
    ProfileFilter notThere = women;
    notThere.excludeCountryIds = {code};
    QVERIFY(expectedCount(notThere) < expectedCount(women)); // the exclusion removes someone
    QVERIFY(!ignored->isVisible());
    auto *exclusion = child<QToolButton>(QStringLiteral("searchChip1Value"));
    QCOMPARE(exclusion->text(), QStringLiteral("not ") + name);
    for (int row = 0; row < m_page->resultsModel()->rowCount(); ++row)
        QVERIFY(m_page->resultsModel()->profileAt(row).countryId != code);

    if (const QString dir = qEnvironmentVariable("INSIGHTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
        search(QStringLiteral("tall wimen not from ") + name);
        QCoreApplication::sendPostedEvents(); // the pending relayout, as the event loop would
        QVERIFY(m_page->grab().save(dir + QStringLiteral("/search-ignored-and-exclusion.png")));
        search(QStringLiteral("women not from ") + name);
    }

    // Nothing understood: the error, and the did-you-mean beside it. A refused negation: only
    // its reason (its words are not "ignored", they were refused).
    auto *query = child<QLineEdit>(QStringLiteral("searchQuery"));
    auto *message = child<QLabel>(QStringLiteral("searchMessage"));
    query->clear();
    QTest::keyClicks(query, QStringLiteral("nigeri"));
    QTRY_VERIFY(message->isVisible());
    QVERIFY(message->text().contains(QLatin1String("Unable to interpret query")));
    QVERIFY(ignored->isVisible());
    QCOMPARE(ignored->text(), QStringLiteral("Ignored: \"nigeri\" (did you mean Niger or Nigeria?)"));
    query->clear();
    QTest::keyClicks(query, QStringLiteral("not teenagers"));
    QTRY_VERIFY(message->isVisible() && message->text().contains(QLatin1String("two ranges")));
    QVERIFY(!ignored->isVisible());

    // A probability in words is a chip too, with the threshold it stands for.
    search(QStringLiteral("confidently female"));
    QCOMPARE(child<QToolButton>(QStringLiteral("searchChip0Value"))->text(),
             QStringLiteral("gender probability: \u2265 0.90"));
    search(QStringLiteral("women not from ") + name);

    // × on the exclusion chip takes it out of the query; everyone counts again.
    QTest::mouseClick(child<QToolButton>(QStringLiteral("searchChip1Remove")), Qt::LeftButton);
    QTRY_COMPARE(child<QLineEdit>(QStringLiteral("searchQuery"))->text(), QStringLiteral("women"));
    QTRY_COMPARE(searched(), women);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("searchCount"))->text(), countText(expectedCount(women)));
}

QTEST_MAIN(TestSearchPage)
#include "tst_search_page.moc"
