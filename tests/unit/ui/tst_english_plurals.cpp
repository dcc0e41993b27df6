// "(s)" in the app's plural strings reads as English once the translator is installed.
#include "ui/EnglishPlurals.h"

#include <QCoreApplication>
#include <QTest>

using namespace insighta;

class TestEnglishPlurals : public QObject
{
    Q_OBJECT
private slots:
    void rule_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << QStringLiteral("%n import(s)") << 1 << QStringLiteral("%n import");
        QTest::newRow("none") << QStringLiteral("%n import(s)") << 0 << QStringLiteral("%n imports");
        QTest::newRow("many") << QStringLiteral("%n record(s) here") << 7 << QStringLiteral("%n records here");
        QTest::newRow("two places") << QStringLiteral("%n file(s), %n row(s)") << 2
                                    << QStringLiteral("%n files, %n rows");
    }
    void rule()
    {
        QFETCH(QString, text);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(EnglishPlurals::resolve(text, n), expected);
    }

    void installedTranslatorResolvesTr()
    {
        EnglishPlurals plurals;
        QVERIFY(QCoreApplication::installTranslator(&plurals));
        QCOMPARE(QCoreApplication::translate("Ctx", "%n import(s)", nullptr, 1), QStringLiteral("1 import"));
        QCOMPARE(QCoreApplication::translate("Ctx", "%n import(s)", nullptr, 3), QStringLiteral("3 imports"));
        // Strings without a count are left alone.
        QCOMPARE(QCoreApplication::translate("Ctx", "Settings(s)"), QStringLiteral("Settings(s)"));
        QCoreApplication::removeTranslator(&plurals);
        QCOMPARE(QCoreApplication::translate("Ctx", "%n import(s)", nullptr, 1), QStringLiteral("1 import(s)"));
    }
};

QTEST_GUILESS_MAIN(TestEnglishPlurals)
#include "tst_english_plurals.moc"
