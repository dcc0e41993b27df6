// CSV cells of the export: RFC 4180 quoting and formula-injection escaping.

#include "core/db/ProfileExport.h"

#include <QtTest>

using namespace insighta;

class TestCsvExportCells : public QObject
{
    Q_OBJECT

private slots:
    void cell_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("Ada Obi") << QStringLiteral("Ada Obi");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("Obi, Ada") << QStringLiteral("\"Obi, Ada\"");
        QTest::newRow("quote") << QStringLiteral("Ada \"A\" Obi") << QStringLiteral("\"Ada \"\"A\"\" Obi\"");
        QTest::newRow("newline") << QStringLiteral("Ada\nObi") << QStringLiteral("\"Ada\nObi\"");
        QTest::newRow("equals") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
        QTest::newRow("plus") << QStringLiteral("+2348012345678") << QStringLiteral("'+2348012345678");
        QTest::newRow("minus") << QStringLiteral("-5") << QStringLiteral("'-5");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=x") << QStringLiteral("'\t=x");
        QTest::newRow("cr") << QStringLiteral("\r=x") << QStringLiteral("\"'\r=x\"");
        QTest::newRow("hyperlink with comma") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                                              << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        QTest::newRow("inner equals is fine") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::newRow("unicode") << QStringLiteral("Søren Ødegård") << QStringLiteral("Søren Ødegård");
    }
    void cell()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(ProfileCsvExporter::cell(value), expected);
    }
    void line()
    {
        Profile p;
        p.id = QStringLiteral("0190a000-0000-7000-8000-000000000001");
        p.name = QStringLiteral("=cmd|' /C calc'!A0");
        p.gender = Gender::Female;
        p.genderProbability = 0.97;
        p.age = 31;
        p.ageGroup = AgeGroup::Adult;
        p.countryId = QStringLiteral("NG");
        p.countryName = QStringLiteral("Nigeria");
        p.countryProbability = 0.5;
        p.createdAt = QDateTime::fromMSecsSinceEpoch(1767225600123, QTimeZone::utc());
        QCOMPARE(ProfileCsvExporter::line(p),
                 QStringLiteral("0190a000-0000-7000-8000-000000000001,'=cmd|' /C calc'!A0,female,0.97,31,adult,NG,"
                                "Nigeria,0.5,2026-01-01T00:00:00.123Z"));
        QCOMPARE(ProfileCsvExporter::header().size(), 10);
    }
    void clipboardLine()
    {
        // Pasted into a spreadsheet, a copied row runs no formula either.
        Profile p;
        p.id = QStringLiteral("0190a000-0000-7000-8000-000000000001");
        p.name = QStringLiteral("=HYPERLINK(\"http://x\")");
        p.gender = Gender::Male;
        p.genderProbability = 0.9;
        p.age = 40;
        p.ageGroup = AgeGroup::Adult;
        p.countryId = QStringLiteral("NG");
        p.countryName = QStringLiteral("@Nigeria");
        p.countryProbability = 0.25;
        p.createdAt = QDateTime::fromMSecsSinceEpoch(1767225600123, QTimeZone::utc());
        QCOMPARE(ProfileCsvExporter::clipboardLine(p),
                 QStringLiteral("0190a000-0000-7000-8000-000000000001\t'=HYPERLINK(\"http://x\")\tmale\t0.9\t40\t"
                                "adult\tNG\t'@Nigeria\t0.25\t2026-01-01T00:00:00.123Z"));
    }
};

QTEST_GUILESS_MAIN(TestCsvExportCells)
#include "tst_csv_export_cells.moc"
