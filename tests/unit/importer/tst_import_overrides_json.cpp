// The preview's overrides travel in durable import jobs as JSON: round trips are exact, and
// anything unknown is refused rather than guessed.
#include "core/importer/ImportTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace insighta;

class TestOverridesJson : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        CsvOverrides overrides;
        overrides.encoding = csv::TextEncoding::Windows1252;
        overrides.delimiter = '\t';
        overrides.mapping = HeaderMapping{{ProfileField::Name, ProfileField::Ignored, ProfileField::Age}};
        const auto back = CsvOverrides::fromJson(overrides.toJson());
        QVERIFY(back);
        QCOMPARE(back->encoding, overrides.encoding);
        QCOMPARE(back->delimiter, overrides.delimiter);
        QCOMPARE(back->mapping, overrides.mapping);
        QVERIFY(CsvOverrides{}.toJson().isEmpty()); // nothing overridden, nothing written
        QVERIFY(CsvOverrides::fromJson({})->isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("unknown encoding") << QByteArray(R"({"encoding": "ebcdic"})");
        QTest::newRow("two-character delimiter") << QByteArray(R"({"delimiter": ";;"})");
        QTest::newRow("letter delimiter") << QByteArray(R"({"delimiter": "x"})");
        QTest::newRow("unknown field") << QByteArray(R"({"mapping": ["name", "shoe_size"]})");
    }
    void refused()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!CsvOverrides::fromJson(QJsonDocument::fromJson(json).object()));
    }
};

QTEST_GUILESS_MAIN(TestOverridesJson)
#include "tst_import_overrides_json.moc"
