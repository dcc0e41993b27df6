#include "core/profiles/Countries.h"
#include "core/profiles/DemoGenerator.h"

#include <QSet>
#include <QTest>
#include <QUuid>

using namespace insighta;

class TestDemoGenerator : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameRows();
    void differentSeedDifferentRows();
    void rowsAreValidAndUnique();
};

void TestDemoGenerator::sameSeedSameRows()
{
    DemoGenerator a(42), b(42);
    for (int i = 0; i < 5000; ++i)
        QCOMPARE(a.next(), b.next());
}

void TestDemoGenerator::differentSeedDifferentRows()
{
    DemoGenerator a(1), b(2);
    int same = 0;
    for (int i = 0; i < 100; ++i)
        same += a.next().name == b.next().name ? 1 : 0;
    QVERIFY2(same < 10, "different seeds should give different data");
}

void TestDemoGenerator::rowsAreValidAndUnique()
{
    DemoGenerator generator;
    QSet<QString> keys;
    QSet<QString> ids;
    QSet<QString> countries;
    bool sawNonAscii = false;
    constexpr int kRows = 50000;
    for (int i = 0; i < kRows; ++i) {
        const Profile p = generator.next();
        QVERIFY(p.gender == Gender::Male || p.gender == Gender::Female);
        QVERIFY(p.age >= 0 && p.age <= 100);
        QCOMPARE(p.ageGroup, ageGroupForAge(p.age));
        QVERIFY(p.genderProbability >= 0.0 && p.genderProbability <= 1.0);
        QVERIFY(p.countryProbability >= 0.0 && p.countryProbability <= 1.0);
        const Country *country = Countries::instance().byCode(p.countryId);
        QVERIFY2(country, qPrintable(p.countryId));
        QCOMPARE(p.countryName, country->name);
        QVERIFY(p.createdAt.isValid());
        const QUuid id(p.id);
        QVERIFY(!id.isNull());
        QCOMPARE(quint8(id.toRfc4122().at(6)) >> 4, 7); // Qt 6.4 does not know v7 by name
        keys.insert(nameKey(p.name));
        ids.insert(p.id);
        countries.insert(p.countryId);
        for (const QChar c : p.name)
            sawNonAscii = sawNonAscii || c.unicode() > 127;
    }
    QCOMPARE(keys.size(), kRows);
    QCOMPARE(ids.size(), kRows);
    QVERIFY(countries.size() >= 30);
    QVERIFY(sawNonAscii);
    QCOMPARE(Countries::instance().nameFor(QStringLiteral("ng")), QStringLiteral("Nigeria"));
    QCOMPARE(Countries::instance().codeForName(QStringLiteral("Tanzania")), QStringLiteral("TZ"));
    QCOMPARE(Countries::instance().codeForName(QStringLiteral("côte d'ivoire")), QStringLiteral("CI"));
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demo_generator.moc"
