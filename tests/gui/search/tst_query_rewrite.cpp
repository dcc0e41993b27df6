// QueryRewrite: the text behind an in-place chip edit. Data-driven: which words replace a term,
// that the new text parses to exactly the edited value, and which edits are refused and why.
// Also: every country in the table can be chosen in a country chip.

#include "core/profiles/Countries.h"
#include "core/profiles/QueryParser.h"
#include "ui/search/QueryRewrite.h"

#include <QtTest>

using namespace insighta;
using Kind = QueryTerm::Kind;

Q_DECLARE_METATYPE(QueryTerm::Kind)

class TestQueryRewrite : public QObject
{
    Q_OBJECT
private slots:
    void replaceTerm_data();
    void replaceTerm();
    void everyCountryCanBeChosen();
    void removeTerm();
};

void TestQueryRewrite::replaceTerm_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("index");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // the new query, or empty when refused
    QTest::addColumn<QString>("error"); // a piece of the refusal message

    const QString dash(QChar(0x2013));
    auto s = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("country by name") << s("women from Nigeria") << 1 << Kind::Country << s("GH")
                                     << s("women from Ghana") << QString();
    QTest::newRow("demonym replaced") << s("nigerian women") << 0 << Kind::Country << s("KE") << s("Kenya women")
                                      << QString();
    QTest::newRow("niger is not nigeria")
        << s("women from Nigeria") << 1 << Kind::Country << s("NE") << s("women from Niger") << QString();
    QTest::newRow("guinea-bissau") << s("men in Guinea") << 1 << Kind::Country << s("GW") << s("men in Guinea-Bissau")
                                   << QString();
    QTest::newRow("equatorial guinea") << s("men in Guinea") << 1 << Kind::Country << s("GQ")
                                       << s("men in Equatorial Guinea") << QString();
    QTest::newRow("south sudan") << s("adults from Sudan") << 1 << Kind::Country << s("SS")
                                 << s("adults from South Sudan") << QString();
    QTest::newRow("india") << s("women from Kenya") << 1 << Kind::Country << s("IN") << s("women from India")
                           << QString();
    QTest::newRow("gender to men") << s("nigerian women above 30") << 1 << Kind::Gender << s("male")
                                   << s("nigerian men above 30") << QString();
    QTest::newRow("gender to women") << s("males in kenya") << 0 << Kind::Gender << s("female") << s("women in kenya")
                                     << QString();
    QTest::newRow("age group") << s("adults from ghana") << 0 << Kind::AgeGroup << s("child")
                               << s("children from ghana") << QString();
    QTest::newRow("age group to teenagers")
        << s("seniors") << 0 << Kind::AgeGroup << s("teenager") << s("teenagers") << QString();
    QTest::newRow("min age") << s("women above 30") << 1 << Kind::MinAge << s("35") << s("women at least 35")
                             << QString();
    QTest::newRow("max age") << s("men under 40 from kenya") << 1 << Kind::MaxAge << s("25")
                             << s("men at most 25 from kenya") << QString();
    QTest::newRow("range") << s("women between 20 and 45") << 1 << Kind::AgeRange << s("30") + dash + s("45")
                           << s("women between 30 and 45") << QString();
    QTest::newRow("range to one age") << s("people aged 20-30") << 0 << Kind::AgeRange << s("25") << s("people aged 25")
                                      << QString();
    QTest::newRow("decade to range") << s("women in their 50s") << 1 << Kind::AgeRange << s("50") + dash + s("55")
                                     << s("women between 50 and 55") << QString();
    QTest::newRow("young to range") << s("young males") << 0 << Kind::AgeRange << s("16") + dash + s("30")
                                    << s("between 16 and 30 males") << QString();
    QTest::newRow("sort") << s("women sorted by age") << 1 << Kind::Sort << s("name desc")
                          << s("women sorted by name desc") << QString();
    QTest::newRow("sort phrase") << s("men oldest first") << 1 << Kind::Sort << s("gender_probability asc")
                                 << s("men sorted by gender probability asc") << QString();
    QTest::newRow("sort created") << s("men by age") << 1 << Kind::Sort << s("created_at asc")
                                  << s("men sorted by created asc") << QString();
    // Exclusions and probabilities edit like the other chips.
    QTest::newRow("exclusion") << s("men not from nigeria") << 1 << Kind::ExcludeCountry << s("KE")
                               << s("men not from Kenya") << QString();
    QTest::newRow("exclusion niger is not nigeria") << s("women except nigerians") << 1 << Kind::ExcludeCountry
                                                    << s("NE") << s("women not from Niger") << QString();
    QTest::newRow("gender probability") << s("men with gender probability above 0.9") << 1 << Kind::MinGenderProbability
                                        << s("0.75") << s("men with gender probability at least 0.75") << QString();
    QTest::newRow("confidently to a number") << s("confidently female") << 0 << Kind::MinGenderProbability << s("0.60")
                                             << s("with gender probability at least 0.60 female") << QString();
    QTest::newRow("country probability") << s("kenyans at least 80% sure of their country") << 1
                                         << Kind::MinCountryProbability << s("0.50")
                                         << s("kenyans with country probability at least 0.50") << QString();

    // Refusals: the text stays, the reason is said.
    QTest::newRow("max below min") << s("women at least 30 at most 50") << 2 << Kind::MaxAge << s("20") << QString()
                                   << s("maximum age (20) cannot be below the minimum age (30)");
    QTest::newRow("min above max") << s("women at least 30 at most 50") << 1 << Kind::MinAge << s("60") << QString()
                                   << s("minimum age (60) cannot be above the maximum age (50)");
    QTest::newRow("range backwards") << s("between 20 and 45") << 0 << Kind::AgeRange << s("45") + dash + s("20")
                                     << QString() << s("cannot end (20) below where it starts (45)");
    QTest::newRow("contradicts age group")
        << s("adults under 50") << 1 << Kind::MaxAge << s("10") << QString() << s("Contradictory query");
    QTest::newRow("contradicts young") << s("young women above 18") << 2 << Kind::MinAge << s("40") << QString()
                                       << s("cannot be above the maximum age (24)");
    QTest::newRow("unknown country") << s("women from Kenya") << 1 << Kind::Country << s("ZZ") << QString()
                                     << s("cannot say that");
    QTest::newRow("term gone") << s("women") << 3 << Kind::Gender << s("male") << QString() << s("gone");
}

void TestQueryRewrite::replaceTerm()
{
    QFETCH(QString, query);
    QFETCH(int, index);
    QFETCH(Kind, kind);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, error);

    const ParsedQuery parsed = QueryParser::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QueryRewrite::Edit edit = QueryRewrite::replaceTerm(query, parsed, index, kind, value);
    if (expected.isEmpty()) {
        QVERIFY2(!edit.ok(), qPrintable(edit.query));
        QVERIFY2(edit.error.contains(error), qPrintable(edit.error));
        QVERIFY(edit.query.isEmpty());
        return;
    }
    QVERIFY2(edit.ok(), qPrintable(edit.error));
    QCOMPARE(edit.query, expected);
    // The new text means exactly the edit: same terms, the edited one with the new value.
    const ParsedQuery again = QueryParser::parse(edit.query);
    QVERIFY(again.ok());
    QCOMPARE(again.terms.size(), parsed.terms.size());
    QCOMPARE(again.terms.at(index).kind, kind);
    QCOMPARE(again.terms.at(index).value, value);
    QCOMPARE(again.unrecognised, parsed.unrecognised);
}

void TestQueryRewrite::everyCountryCanBeChosen()
{
    const QString query = QStringLiteral("adult women from Kenya sorted by age");
    const ParsedQuery parsed = QueryParser::parse(query);
    QCOMPARE(parsed.terms.at(2).kind, Kind::Country);
    QStringList failed;
    for (const Country &country : Countries::instance().all()) {
        const QueryRewrite::Edit edit = QueryRewrite::replaceTerm(query, parsed, 2, Kind::Country, country.alpha2);
        if (!edit.ok() || QueryParser::parse(edit.query).filter.countryIds != QStringList{country.alpha2})
            failed << country.alpha2 + QLatin1Char(' ') + edit.error;
    }
    QVERIFY2(failed.isEmpty(), qPrintable(failed.join(QStringLiteral("; "))));
}

void TestQueryRewrite::removeTerm()
{
    const QString query = QStringLiteral("nigerian women  between 20 and 45");
    const ParsedQuery parsed = QueryParser::parse(query);
    QCOMPARE(QueryRewrite::removeTerm(query, parsed.terms.at(2)), QStringLiteral("nigerian women"));
    QCOMPARE(QueryRewrite::removeTerm(query, parsed.terms.at(0)), QStringLiteral("women between 20 and 45"));
}

QTEST_GUILESS_MAIN(TestQueryRewrite)
#include "tst_query_rewrite.moc"
