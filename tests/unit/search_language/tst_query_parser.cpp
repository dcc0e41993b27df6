#include "core/profiles/QueryParser.h"

#include <QTest>

using namespace insighta;

// The plain-English search language, rule by rule (docs/areas/search-language.md).
class TestQueryParser : public QObject
{
    Q_OBJECT
private slots:
    void parses_data();
    void parses();
    void equivalentQueriesShareTheCanonicalKey_data();
    void equivalentQueriesShareTheCanonicalKey();
    void recognisedTermsCarryTheirWords();
    void unrecognisedWordsAreReported();
    void failuresExplainAndGiveExamples();
};

namespace {

constexpr int None = -1;

QString countriesOf(const ProfileFilter &filter)
{
    return filter.countryIds.join(QLatin1Char(','));
}

QString sortOf(const ProfileFilter &filter)
{
    if (!filter.sortExplicit)
        return QString();
    return sortKeyName(filter.sortBy) + QLatin1Char(' ') + sortOrderName(filter.order);
}

} // namespace

void TestQueryParser::parses_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("gender"); // "" = no gender condition
    QTest::addColumn<QString>("ageGroup");
    QTest::addColumn<int>("minAge"); // None = no bound
    QTest::addColumn<int>("maxAge");
    QTest::addColumn<QString>("countries"); // in query order
    QTest::addColumn<QString>("sort"); // "" = not asked for
    QTest::addColumn<QString>("error"); // "" = success; else a part of the message

    const QString unable = QStringLiteral("Unable to interpret query");
    const QString contradiction = QStringLiteral("Contradictory query");
    auto row = [](const char *name, const char *query, const char *gender, const char *group, int min, int max,
                  const char *countries, const char *sort = "", const QString &error = QString()) {
        QTest::newRow(name) << QString::fromUtf8(query) << QString::fromLatin1(gender) << QString::fromLatin1(group)
                            << min << max << QString::fromLatin1(countries) << QString::fromLatin1(sort) << error;
    };
    auto failing = [&row](const char *name, const char *query, const QString &error) {
        row(name, query, "", "", None, None, "", "", error);
    };

    // The examples from the task text
    row("task: young males", "young males", "male", "", 16, 24, "");
    row("task: females above 30", "females above 30", "female", "", 30, None, "");
    row("task: people from angola", "people from angola", "", "", None, None, "AO");
    row("task: adult males from kenya", "adult males from kenya", "male", "adult", None, None, "KE");
    row("task: both genders, teenagers above 17", "male and female teenagers above 17", "", "teenager", 17, None, "");
    failing("task: nothing recognisable", "xyzzy plugh", unable);
    row("seed: young males from nigeria", "young males from nigeria", "male", "", 16, 24, "NG");
    row("key example 1", "Nigerian females between ages 20 and 45", "female", "", 20, 45, "NG");
    row("key example 2", "Women aged 20–45 living in Nigeria", "female", "", 20, 45, "NG");

    // Gender words, whole words only
    row("female contains male", "female", "female", "", None, None, "");
    row("females", "females", "female", "", None, None, "");
    row("women", "women", "female", "", None, None, "");
    row("girls", "girls from ghana", "female", "", None, None, "GH");
    row("ladies from the uk", "ladies from the uk", "female", "", None, None, "GB");
    row("guys from usa", "guys from usa", "male", "", None, None, "US");
    row("boys", "boys", "male", "", None, None, "");
    row("men and women", "men and women", "", "", None, None, "");
    row("males and females from kenya", "males and females from kenya", "", "", None, None, "KE");

    // Age-group words
    row("children", "children", "", "child", None, None, "");
    row("kids from togo", "kids from togo", "", "child", None, None, "TG");
    row("teenage girls", "teenage girls", "female", "teenager", None, None, "");
    row("adolescents", "adolescents", "", "teenager", None, None, "");
    row("grown-ups in ghana", "grown-ups in ghana", "", "adult", None, None, "GH");
    row("seniors", "seniors", "", "senior", None, None, "");
    row("elderly women", "elderly women", "female", "senior", None, None, "");
    row("old people", "old people", "", "senior", None, None, "");
    row("pensioners", "pensioners in kenya", "", "senior", None, None, "KE");
    row("adjacent groups become a range", "children and teenagers", "", "", None, 19, "");
    row("adults and seniors", "adults and seniors", "", "", 20, None, "");
    failing("groups that are not adjacent", "children and seniors", QStringLiteral("not adjacent"));

    // young / youth, explicit bounds replacing one side, contradictions
    row("youth in ghana", "youth in ghana", "", "", 16, 24, "GH");
    row("young people above 20", "young people above 20", "", "", 20, 24, "");
    row("young people below 20", "young people below 20", "", "", 16, 20, "");
    row("young adults", "young adults", "", "adult", 16, 24, "");
    failing("young females above 30", "young females above 30", QStringLiteral("\"young\" means ages 16\u201324"));
    failing("young people under 10", "young people under 10", contradiction);
    failing("young seniors", "young seniors", contradiction);
    failing("adults above 70", "adults above 70", contradiction);
    failing("above 30 below 20", "people above 30 and below 20", contradiction);
    failing("above the maximum age", "people above 200", contradiction);

    // Bounds, all inclusive
    row("over", "females over 30", "female", "", 30, None, "");
    row("older than", "men older than 40", "male", "", 40, None, "");
    row("at least", "at least 18", "", "", 18, None, "");
    row("N+", "18+", "", "", 18, None, "");
    row("N and above", "people 65 and above", "", "", 65, None, "");
    row("N or older", "people 65 or older", "", "", 65, None, "");
    row("N years and over", "women 40 years and over", "female", "", 40, None, "");
    row("over the age of", "over the age of 50", "", "", 50, None, "");
    row("below", "below 18", "", "", None, 18, "");
    row("under", "men under 18", "male", "", None, 18, "");
    row("younger than", "younger than 25", "", "", None, 25, "");
    row("at most", "at most 30", "", "", None, 30, "");
    row("up to", "up to 30 years old", "", "", None, 30, "");
    row("N and below", "30 and below", "", "", None, 30, "");
    row("between", "between 20 and 30", "", "", 20, 30, "");
    row("between, reversed", "people between 45 and 20", "", "", 20, 45, "");
    row("from N to M", "women from 20 to 30", "female", "", 20, 30, "");
    row("aged N to M", "aged 20 to 30", "", "", 20, 30, "");
    row("aged N-M", "aged 20-30", "", "", 20, 30, "");
    row("en dash", "men 20–30", "male", "", 20, 30, "");
    row("aged N", "aged 30", "", "", 30, 30, "");
    row("N years old", "30 years old", "", "", 30, 30, "");
    row("N-year-olds", "30-year-olds in kenya", "", "", 30, 30, "KE");
    row("in their 30s", "people in their 30s", "", "", 30, 39, "");
    row("in their 50s has no country", "women in their 50s", "female", "", 50, 59, "");
    row("in their twenties", "men in their twenties", "male", "", 20, 29, "");
    row("teenagers above 17", "teenagers above 17", "", "teenager", 17, None, "");

    // Countries: names, aliases, demonyms, traps
    row("niger", "people from niger", "", "", None, None, "NE");
    row("nigeria", "people from nigeria", "", "", None, None, "NG");
    row("nigeriens", "nigeriens", "", "", None, None, "NE");
    row("guinea", "people from guinea", "", "", None, None, "GN");
    row("guinea-bissau", "people from guinea-bissau", "", "", None, None, "GW");
    row("guinea bissau", "people from guinea bissau", "", "", None, None, "GW");
    row("equatorial guinea", "men from equatorial guinea", "male", "", None, None, "GQ");
    row("papua new guinea", "papua new guinea", "", "", None, None, "PG");
    row("south africa", "south africa", "", "", None, None, "ZA");
    row("south sudan", "south sudan", "", "", None, None, "SS");
    row("sudan", "sudan", "", "", None, None, "SD");
    row("south african women", "south african women", "female", "", None, None, "ZA");
    row("south sudanese men", "south sudanese men", "male", "", None, None, "SS");
    row("in is never india", "men in kenya", "male", "", None, None, "KE");
    row("india by name", "men in india", "male", "", None, None, "IN");
    failing("in alone", "in", unable);
    row("america", "people from america", "", "", None, None, "US");
    row("drc", "drc", "", "", None, None, "CD");
    row("dr congo", "women in dr congo", "female", "", None, None, "CD");
    row("republic of the congo", "republic of the congo", "", "", None, None, "CG");
    row("ivory coast", "ivory coast", "", "", None, None, "CI");
    row("cote d'ivoire with accents", "Côte d'Ivoire", "", "", None, None, "CI");
    row("tanzania common name", "tanzanians", "", "", None, None, "TZ");
    row("several countries", "kenyans and ghanaians", "", "", None, None, "KE,GH");
    row("same country twice", "nigerians from nigeria", "", "", None, None, "NG");
    row("congolese is both congos", "congolese", "", "", None, None, "CD,CG");
    row("isle of man is not male", "isle of man", "", "", None, None, "IM");
    row("code in capitals", "people from NG", "", "", None, None, "NG");
    failing("code in lower case", "people from ng", unable);
    row("english-word code after from", "men from IN", "male", "", None, None, "IN");
    row("US after in the", "men in the US", "male", "", None, None, "US");
    row("US without a preposition", "US men", "male", "", None, None, "");
    row("all capitals: IN is a word", "WOMEN IN NIGERIA", "female", "", None, None, "NG");
    row("region is not a country", "women from south america", "female", "", None, None, "");

    // Case, punctuation, spaces
    row("noise", "  Young,   MALES!!! from   NIGERIA.  ", "male", "", 16, 24, "NG");

    // Sort phrases
    row("sorted by age", "women sorted by age", "female", "", None, None, "", "age asc");
    row("oldest first", "men, oldest first", "male", "", None, None, "", "age desc");
    row("youngest first", "kenyans youngest first", "", "", None, None, "KE", "age asc");
    row("sorted by age descending", "nigerians sorted by age descending", "", "", None, None, "NG", "age desc");
    row("sorted by name", "adults sorted by name", "", "adult", None, None, "", "name asc");
    row("newest first", "women newest first", "female", "", None, None, "", "created_at desc");
    row("by gender probability", "men by gender probability", "male", "", None, None, "", "gender_probability desc");

    // Nonsense
    failing("only filler", "the people", unable);
    failing("a number", "1234", unable);
    failing("punctuation", "?!.,", unable);
    failing("injection attempt", "'; DROP TABLE profiles; --", unable);
}

void TestQueryParser::parses()
{
    QFETCH(QString, query);
    QFETCH(QString, gender);
    QFETCH(QString, ageGroup);
    QFETCH(int, minAge);
    QFETCH(int, maxAge);
    QFETCH(QString, countries);
    QFETCH(QString, sort);
    QFETCH(QString, error);

    const ParsedQuery parsed = QueryParser::parse(query);
    if (!error.isEmpty()) {
        QVERIFY2(!parsed.ok(), qPrintable(parsed.filter.canonical()));
        QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
        QVERIFY(!parsed.examples.isEmpty());
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const ProfileFilter &filter = parsed.filter;
    QCOMPARE(filter.gender ? genderName(*filter.gender) : QString(), gender);
    QCOMPARE(filter.ageGroup ? ageGroupName(*filter.ageGroup) : QString(), ageGroup);
    QCOMPARE(filter.minAge.value_or(None), minAge);
    QCOMPARE(filter.maxAge.value_or(None), maxAge);
    QCOMPARE(countriesOf(filter), countries);
    QCOMPARE(sortOf(filter), sort);
    QVERIFY(!filter.minGenderProbability && !filter.minCountryProbability);
}

void TestQueryParser::equivalentQueriesShareTheCanonicalKey_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    auto row = [](const char *a, const char *b, bool same) {
        QTest::newRow(a) << QString::fromUtf8(a) << QString::fromUtf8(b) << same;
    };
    row("Nigerian females between ages 20 and 45", "Women aged 20–45 living in Nigeria", true);
    row("nigerian women between 20 and 45", "females from nigeria aged 20-45", true);
    row("adult males", "men between 20 and 59", true);
    row("adult men", "males aged 20 to 59", true);
    row("teenagers above 17", "people between 17 and 19", true);
    row("seniors", "people 60 and over", true);
    row("children", "under 12", true);
    row("young people", "between 16 and 24", true);
    row("young adults", "aged 20-24", true);
    row("men and women from kenya", "kenyans", true);
    row("people from ghana or nigeria", "nigerians and ghanaians", true);
    row("WOMEN IN NIGERIA", "women in nigeria", true);
    row("women sorted by date descending", "women", true);
    row("children and teenagers", "below 19", true);
    // Not the same rows, so not the same key
    row("adult males", "males above 20", false);
    row("adults", "between 20 and 60", false);
    row("people from niger", "people from nigeria", false);
    row("women sorted by age", "women", false);
    row("oldest first", "youngest first", false);
    row("young people", "teenagers", false);
    row("south africa", "south sudan", false);
    row("guinea", "guinea-bissau", false);
    row("men in their 30s", "men aged 30", false);
}

void TestQueryParser::equivalentQueriesShareTheCanonicalKey()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const ParsedQuery first = QueryParser::parse(a);
    const ParsedQuery second = QueryParser::parse(b);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QVERIFY2(second.ok(), qPrintable(second.error));
    if (same)
        QCOMPARE(first.filter.canonical(), second.filter.canonical());
    else
        QVERIFY2(first.filter.canonical() != second.filter.canonical(), qPrintable(first.filter.canonical()));
}

void TestQueryParser::recognisedTermsCarryTheirWords()
{
    const QString query = QStringLiteral("Nigerian women between 20 and 45, oldest first");
    const ParsedQuery parsed = QueryParser::parse(query);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.terms.size(), 4);
    const QList<QueryTerm::Kind> kinds{QueryTerm::Kind::Country, QueryTerm::Kind::Gender, QueryTerm::Kind::AgeRange,
                                       QueryTerm::Kind::Sort};
    const QStringList texts{QStringLiteral("Nigerian"), QStringLiteral("women"), QStringLiteral("between 20 and 45"),
                            QStringLiteral("oldest first")};
    const QStringList values{QStringLiteral("NG"), QStringLiteral("female"), QStringLiteral("20\u201345"),
                             QStringLiteral("age desc")};
    for (int i = 0; i < 4; ++i) {
        const QueryTerm &term = parsed.terms.at(i);
        QCOMPARE(term.kind, kinds.at(i));
        QCOMPARE(term.text, texts.at(i));
        QCOMPARE(term.value, values.at(i));
        QCOMPARE(query.mid(term.position, term.length), texts.at(i));
    }
    QCOMPARE(queryTermKindName(QueryTerm::Kind::AgeRange), QStringLiteral("age_range"));

    // young shows the range it ended up meaning
    const ParsedQuery young = QueryParser::parse(QStringLiteral("young people above 20"));
    QCOMPARE(young.terms.size(), 2);
    QCOMPARE(young.terms.at(0).kind, QueryTerm::Kind::Young);
    QCOMPARE(young.terms.at(0).value, QStringLiteral("20\u201324"));
    QCOMPARE(young.terms.at(1).kind, QueryTerm::Kind::MinAge);
    QCOMPARE(young.terms.at(1).text, QStringLiteral("above 20"));
}

void TestQueryParser::unrecognisedWordsAreReported()
{
    const ParsedQuery parsed = QueryParser::parse(QStringLiteral("tall women from kenya with blue eyes"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.unrecognised,
             (QStringList{QStringLiteral("tall"), QStringLiteral("blue"), QStringLiteral("eyes")}));
    QCOMPARE(parsed.filter.countryIds, QStringList{QStringLiteral("KE")});

    const ParsedQuery region = QueryParser::parse(QStringLiteral("men from South America"));
    QCOMPARE(region.unrecognised, QStringList{QStringLiteral("South America")});

    const ParsedQuery lower = QueryParser::parse(QStringLiteral("women from ng"));
    QCOMPARE(lower.unrecognised, QStringList{QStringLiteral("ng")});
}

void TestQueryParser::failuresExplainAndGiveExamples()
{
    const ParsedQuery nothing = QueryParser::parse(QStringLiteral("purple monkey dishwasher"));
    QCOMPARE(nothing.error, QStringLiteral("Unable to interpret query"));
    QCOMPARE(nothing.unrecognised.size(), 3);
    QCOMPARE(nothing.examples, QueryParser::exampleQueries());
    // every example parses
    for (const QString &example : QueryParser::exampleQueries())
        QVERIFY2(QueryParser::parse(example).ok(), qPrintable(example));

    const ParsedQuery young = QueryParser::parse(QStringLiteral("young females above 30"));
    QCOMPARE(young.error,
             QStringLiteral("Contradictory query: \"young\" means ages 16\u201324, which contradicts \"above 30\"."));
    const ParsedQuery adults = QueryParser::parse(QStringLiteral("adults above 70"));
    QCOMPARE(adults.error,
             QStringLiteral("Contradictory query: the age group adult (ages 20\u201359) does not overlap ages 70+."));
    const ParsedQuery bounds = QueryParser::parse(QStringLiteral("above 30 and below 20"));
    QCOMPARE(bounds.error, QStringLiteral("Contradictory query: \"above 30\" contradicts \"below 20\"."));
}

QTEST_GUILESS_MAIN(TestQueryParser)
#include "tst_query_parser.moc"
