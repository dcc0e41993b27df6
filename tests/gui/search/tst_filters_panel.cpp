// The form beside the query shows what the query set, in italics, and a field the person
// changes becomes theirs: it refines the query and stays when the query changes. Offscreen,
// no database: the panel is tested on its own.
#include "core/profiles/QueryParser.h"
#include "ui/search/FiltersPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace insighta;
using Field = FiltersPanel::Field;

namespace {

ProfileFilter parsed(const QString &query)
{
    const ParsedQuery result = QueryParser::parse(query);
    return result.ok() ? result.filter : ProfileFilter{};
}

QListWidgetItem *country(FiltersPanel &panel, const QString &alpha2)
{
    auto *list = panel.findChild<QListWidget *>(QStringLiteral("filterCountries"));
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == alpha2)
            return list->item(i);
    return nullptr;
}

QStringList ticked(FiltersPanel &panel)
{
    auto *list = panel.findChild<QListWidget *>(QStringLiteral("filterCountries"));
    QStringList codes;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            codes << list->item(i)->data(Qt::UserRole).toString();
    codes.sort();
    return codes;
}

} // namespace

class TestFiltersPanel : public QObject
{
    Q_OBJECT
private slots:
    void showsWhatTheQuerySet_data();
    void showsWhatTheQuerySet();
    void anEditTakesTheFieldOver();
    void untickingAQueryCountryKeepsTheOthers();
    void clearGivesEveryFieldBackToTheQuery();
    void namesCountriesTheQueryLeavesOut();
};

void TestFiltersPanel::showsWhatTheQuerySet_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("shown");
    QTest::newRow("gender") << QStringLiteral("young women from nigeria or kenya") << QStringLiteral("filterGender")
                            << QStringLiteral("Female");
    QTest::newRow("young: min age") << QStringLiteral("young women from nigeria or kenya")
                                    << QStringLiteral("filterMinAge") << QStringLiteral("16");
    QTest::newRow("young: max age") << QStringLiteral("young women from nigeria or kenya")
                                    << QStringLiteral("filterMaxAge") << QStringLiteral("24");
    QTest::newRow("age group") << QStringLiteral("adult males") << QStringLiteral("filterAgeGroup")
                               << QStringLiteral("Adult (20–59)");
    QTest::newRow("unset stays Any") << QStringLiteral("adult males") << QStringLiteral("filterMinAge")
                                     << QStringLiteral("Any");
    QTest::newRow("non-canonical probability")
        << QStringLiteral("males with gender probability at least 0.705")
        << QStringLiteral("filterMinGenderProbability") << QStringLiteral("0.705");
}

void TestFiltersPanel::showsWhatTheQuerySet()
{
    QFETCH(QString, query);
    QFETCH(QString, widget);
    QFETCH(QString, shown);
    const ParsedQuery result = QueryParser::parse(query);
    QVERIFY2(result.ok(), qPrintable(result.error));
    FiltersPanel panel;
    QSignalSpy changed(&panel, &FiltersPanel::changed);
    panel.setQueryFilter(result.filter);
    auto *editor = panel.findChild<QWidget *>(widget);
    QVERIFY(editor);
    QString text;
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        text = combo->currentText();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
        text = spin->text();
    QCOMPARE(text, shown);
    QCOMPARE(editor->font().italic(), shown != QLatin1String("Any"));
    // Showing the query is not an edit: no new search, and the panel adds nothing of its own.
    QCOMPARE(changed.count(), 0);
    QVERIFY(panel.filter().isEmpty());
}

void TestFiltersPanel::anEditTakesTheFieldOver()
{
    FiltersPanel panel;
    panel.setQueryFilter(parsed(QStringLiteral("young women from nigeria")));
    auto *gender = panel.findChild<QComboBox *>(QStringLiteral("filterGender"));
    QVERIFY(panel.isFromQuery(Field::Gender));
    QSignalSpy changed(&panel, &FiltersPanel::changed);
    gender->setCurrentIndex(gender->findData(QStringLiteral("male")));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!panel.isFromQuery(Field::Gender));
    QVERIFY(!gender->font().italic());
    QCOMPARE(panel.filter().gender, std::optional<Gender>(Gender::Male));
    QVERIFY(!panel.filter().minAge); // the other fields are still the query's

    // The query changes: the person's field stays, the query's fields follow the query.
    panel.setQueryFilter(parsed(QStringLiteral("women from kenya")));
    QCOMPARE(gender->currentText(), QStringLiteral("Male"));
    QCOMPARE(panel.findChild<QSpinBox *>(QStringLiteral("filterMinAge"))->text(), QStringLiteral("Any"));
    QCOMPARE(ticked(panel), QStringList{QStringLiteral("KE")});
    QCOMPARE(panel.filter().gender, std::optional<Gender>(Gender::Male));

    // Back to Any: no refinement, so the field shows the query's value again, never an "Any"
    // that the query contradicts.
    gender->setCurrentIndex(0);
    QVERIFY(panel.isFromQuery(Field::Gender));
    QCOMPARE(gender->currentText(), QStringLiteral("Female"));
    QVERIFY(gender->font().italic());
    QVERIFY(!panel.filter().gender);
}

void TestFiltersPanel::untickingAQueryCountryKeepsTheOthers()
{
    FiltersPanel panel;
    panel.setQueryFilter(parsed(QStringLiteral("women from nigeria or kenya")));
    QCOMPARE(ticked(panel), (QStringList{QStringLiteral("KE"), QStringLiteral("NG")}));
    QVERIFY(country(panel, QStringLiteral("NG"))->font().italic());
    country(panel, QStringLiteral("NG"))->setCheckState(Qt::Unchecked);
    QVERIFY(!panel.isFromQuery(Field::Countries));
    QCOMPARE(panel.filter().countryIds, QStringList{QStringLiteral("KE")});
    QVERIFY(!country(panel, QStringLiteral("KE"))->font().italic());
    // Now the list is the person's: a new query's countries do not replace it.
    panel.setQueryFilter(parsed(QStringLiteral("women from ghana")));
    QCOMPARE(ticked(panel), QStringList{QStringLiteral("KE")});
}

void TestFiltersPanel::clearGivesEveryFieldBackToTheQuery()
{
    FiltersPanel panel;
    panel.setQueryFilter(parsed(QStringLiteral("young women")));
    auto *gender = panel.findChild<QComboBox *>(QStringLiteral("filterGender"));
    gender->setCurrentIndex(gender->findData(QStringLiteral("male")));
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("filterMinCountryProbability"))->setValue(0.5);
    QVERIFY(!panel.filter().isEmpty());
    QSignalSpy changed(&panel, &FiltersPanel::changed);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("filterClear")), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY(panel.filter().isEmpty());
    QCOMPARE(gender->currentText(), QStringLiteral("Female"));
    QVERIFY(gender->font().italic());
    QCOMPARE(panel.findChild<QDoubleSpinBox *>(QStringLiteral("filterMinCountryProbability"))->text(),
             QStringLiteral("Any"));
}

void TestFiltersPanel::namesCountriesTheQueryLeavesOut()
{
    FiltersPanel panel;
    panel.show();
    auto *note = panel.findChild<QLabel *>(QStringLiteral("filterQueryNote"));
    QVERIFY(!note->isVisible());
    panel.setQueryFilter(parsed(QStringLiteral("women not from nigeria")));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("leaves out: Nigeria")), qPrintable(note->text()));
    QVERIFY(ticked(panel).isEmpty()); // an exclusion is not a tick
    panel.setQueryFilter({});
    QVERIFY(!note->isVisible());
}

QTEST_MAIN(TestFiltersPanel)
#include "tst_filters_panel.moc"
