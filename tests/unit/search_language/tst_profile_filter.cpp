#include "core/profiles/ProfileFilter.h"
#include "core/profiles/QueryParser.h"

#include <QTest>

using namespace insighta;

// The canonical filter: the cache key, normalisation, contradictions, the in-memory matcher.
class TestProfileFilter : public QObject
{
    Q_OBJECT
private slots:
    void canonicalForm();
    void equivalentFiltersShareTheKey_data();
    void equivalentFiltersShareTheKey();
    void sortNamesAreAWhitelist_data();
    void sortNamesAreAWhitelist();
    void contradictions_data();
    void contradictions();
    void variantMapHasRecognisedKeysOnly();
    void exclusionsMatchInMemory_data();
    void exclusionsMatchInMemory();
};

namespace {

ProfileFilter adultMales()
{
    ProfileFilter filter;
    filter.gender = Gender::Male;
    filter.ageGroup = AgeGroup::Adult;
    return filter;
}

} // namespace

void TestProfileFilter::canonicalForm()
{
    QCOMPARE(ProfileFilter().canonical(), QStringLiteral("order=desc&sort_by=created_at"));

    ProfileFilter filter;
    filter.gender = Gender::Female;
    filter.minAge = 20;
    filter.maxAge = 45;
    filter.countryIds = {QStringLiteral("NG")};
    QCOMPARE(filter.canonical(),
             QStringLiteral("country_id=NG&gender=female&max_age=45&min_age=20&order=desc&sort_by=created_at"));

    ProfileFilter full;
    full.countryIds = {QStringLiteral(" ng"), QStringLiteral("gh"), QStringLiteral("NG"), QString()};
    full.minGenderProbability = 0.804;
    full.minCountryProbability = 0.5;
    full.ageGroup = AgeGroup::Teenager;
    full.sortBy = SortKey::Age;
    full.order = SortOrder::Asc;
    full.sortExplicit = true;
    QCOMPARE(full.canonical(),
             QStringLiteral("country_id=GH,NG&max_age=19&min_age=13&min_country_probability=0.50"
                            "&min_gender_probability=0.80&order=asc&sort_by=age"));
    // normalised() is what the key is made from, and it is stable
    QCOMPARE(full.normalised().canonical(), full.canonical());
    QCOMPARE(full.normalised().normalised(), full.normalised());
    QVERIFY(!full.normalised().ageGroup);
}

void TestProfileFilter::equivalentFiltersShareTheKey_data()
{
    QTest::addColumn<ProfileFilter>("a");
    QTest::addColumn<ProfileFilter>("b");
    QTest::addColumn<bool>("same");

    ProfileFilter bounds;
    bounds.gender = Gender::Male;
    bounds.minAge = 20;
    bounds.maxAge = 59;
    QTest::newRow("adult == 20..59") << adultMales() << bounds << true;

    ProfileFilter adultAbove30 = adultMales();
    adultAbove30.minAge = 30;
    ProfileFilter from30to59 = bounds;
    from30to59.minAge = 30;
    QTest::newRow("adult and min 30 == 30..59") << adultAbove30 << from30to59 << true;

    ProfileFilter adultTo100 = adultMales();
    adultTo100.maxAge = 100;
    QTest::newRow("a looser bound adds nothing") << adultTo100 << adultMales() << true;

    ProfileFilter senior;
    senior.ageGroup = AgeGroup::Senior;
    ProfileFilter over60;
    over60.minAge = 60;
    QTest::newRow("senior == 60+") << senior << over60 << true;

    ProfileFilter child;
    child.ageGroup = AgeGroup::Child;
    ProfileFilter upTo12;
    upTo12.maxAge = 12;
    upTo12.minAge = 0;
    QTest::newRow("child == 0..12") << child << upTo12 << true;

    ProfileFilter everything;
    ProfileFilter limits;
    limits.minAge = -5;
    limits.maxAge = 150;
    limits.minGenderProbability = 0.0;
    limits.minCountryProbability = 0.001;
    limits.gender = Gender::Unknown;
    QTest::newRow("schema limits select everything") << limits << everything << true;

    ProfileFilter countriesA;
    countriesA.countryIds = {QStringLiteral("ke"), QStringLiteral("GH"), QStringLiteral("KE")};
    ProfileFilter countriesB;
    countriesB.countryIds = {QStringLiteral("GH"), QStringLiteral("KE")};
    QTest::newRow("countries: case, order, duplicates") << countriesA << countriesB << true;

    ProfileFilter probabilityA;
    probabilityA.minGenderProbability = 0.804;
    ProfileFilter probabilityB;
    probabilityB.minGenderProbability = 0.8;
    QTest::newRow("probabilities to 2 decimals") << probabilityA << probabilityB << true;

    ProfileFilter explicitDefault;
    explicitDefault.sortExplicit = true;
    QTest::newRow("the default sort, asked for") << explicitDefault << everything << true;

    // Not equivalent
    ProfileFilter above20;
    above20.gender = Gender::Male;
    above20.minAge = 20;
    QTest::newRow("adult != 20+") << adultMales() << above20 << false;

    ProfileFilter teen;
    teen.ageGroup = AgeGroup::Teenager;
    ProfileFilter to20;
    to20.minAge = 13;
    to20.maxAge = 20;
    QTest::newRow("teenager != 13..20") << teen << to20 << false;

    ProfileFilter ng;
    ng.countryIds = {QStringLiteral("NG")};
    ProfileFilter ne;
    ne.countryIds = {QStringLiteral("NE")};
    QTest::newRow("NG != NE") << ng << ne << false;

    ProfileFilter ngAndGh = ng;
    ngAndGh.countryIds << QStringLiteral("GH");
    QTest::newRow("NG != NG,GH") << ng << ngAndGh << false;

    ProfileFilter byAge;
    byAge.sortBy = SortKey::Age;
    QTest::newRow("sort by age != default") << byAge << everything << false;
    ProfileFilter ascending;
    ascending.order = SortOrder::Asc;
    QTest::newRow("asc != desc") << ascending << everything << false;

    ProfileFilter p81;
    p81.minGenderProbability = 0.81;
    QTest::newRow("0.81 != 0.80") << p81 << probabilityB << false;
    ProfileFilter countryProbability;
    countryProbability.minCountryProbability = 0.8;
    QTest::newRow("gender probability != country probability") << countryProbability << probabilityB << false;

    // Exclusions: in the key, order and case free; beside named countries they only remove.
    ProfileFilter notNgKe;
    notNgKe.excludeCountryIds = {QStringLiteral("ng"), QStringLiteral("KE")};
    ProfileFilter notKeNg;
    notKeNg.excludeCountryIds = {QStringLiteral("KE"), QStringLiteral("NG"), QStringLiteral("KE")};
    QTest::newRow("exclusions sorted, upper-cased, de-duplicated") << notNgKe << notKeNg << true;
    QTest::newRow("an exclusion is a condition") << notNgKe << everything << false;
    ProfileFilter onlyNg;
    onlyNg.countryIds = {QStringLiteral("NG")};
    ProfileFilter notNg;
    notNg.excludeCountryIds = {QStringLiteral("NG")};
    QTest::newRow("not NG != NG") << notNg << onlyNg << false;
    ProfileFilter ghOrNgNotNg;
    ghOrNgNotNg.countryIds = {QStringLiteral("GH"), QStringLiteral("NG")};
    ghOrNgNotNg.excludeCountryIds = {QStringLiteral("NG")};
    ProfileFilter onlyGh;
    onlyGh.countryIds = {QStringLiteral("GH")};
    QTest::newRow("GH or NG, not NG == GH") << ghOrNgNotNg << onlyGh << true;
    ProfileFilter ghNotNg;
    ghNotNg.countryIds = {QStringLiteral("GH")};
    ghNotNg.excludeCountryIds = {QStringLiteral("NG")};
    QTest::newRow("GH, not NG == GH") << ghNotNg << onlyGh << true;
}

void TestProfileFilter::equivalentFiltersShareTheKey()
{
    QFETCH(ProfileFilter, a);
    QFETCH(ProfileFilter, b);
    QFETCH(bool, same);
    if (same) {
        QCOMPARE(a.canonical(), b.canonical());
        QCOMPARE(a.normalised(), b.normalised());
    } else {
        QVERIFY2(a.canonical() != b.canonical(), qPrintable(a.canonical()));
        QVERIFY(a.normalised() != b.normalised());
    }
}

void TestProfileFilter::sortNamesAreAWhitelist_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("age") << QStringLiteral("age") << true;
    QTest::newRow("upper case") << QStringLiteral("AGE") << true;
    QTest::newRow("created_at") << QStringLiteral("created_at") << true;
    QTest::newRow("gender_probability") << QStringLiteral(" gender_probability ") << true;
    QTest::newRow("name") << QStringLiteral("name") << true;
    QTest::newRow("country") << QStringLiteral("country") << true;
    QTest::newRow("other column") << QStringLiteral("id") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("injection") << QStringLiteral("age; DROP TABLE profiles") << false;
    QTest::newRow("expression") << QStringLiteral("(select 1)") << false;
}

void TestProfileFilter::sortNamesAreAWhitelist()
{
    QFETCH(QString, name);
    QFETCH(bool, accepted);
    const auto key = sortKeyFromName(name);
    QCOMPARE(key.has_value(), accepted);
    if (key)
        QCOMPARE(sortKeyName(*key), name.trimmed().toLower());
    QCOMPARE(sortOrderFromName(QStringLiteral("ASC")), std::optional<SortOrder>(SortOrder::Asc));
    QCOMPARE(sortOrderFromName(QStringLiteral("desc; --")), std::optional<SortOrder>());
}

void TestProfileFilter::contradictions_data()
{
    QTest::addColumn<ProfileFilter>("filter");
    QTest::addColumn<QString>("why"); // empty = not contradictory

    QTest::newRow("empty") << ProfileFilter() << QString();
    ProfileFilter reversed;
    reversed.minAge = 30;
    reversed.maxAge = 20;
    QTest::newRow("min above max") << reversed << QStringLiteral("min_age 30 is greater than max_age 20");
    ProfileFilter equal;
    equal.minAge = 30;
    equal.maxAge = 30;
    QTest::newRow("min == max is fine") << equal << QString();
    ProfileFilter tooOld;
    tooOld.minAge = 151;
    QTest::newRow("above 150") << tooOld << QStringLiteral("no profile is older than 150 (min_age 151)");
    ProfileFilter group = adultMales();
    group.minAge = 70;
    QTest::newRow("group vs bound") << group
                                    << QStringLiteral(
                                           "the age group adult (ages 20\u201359) does not overlap ages 70+");
    ProfileFilter overlap = adultMales();
    overlap.minAge = 59;
    QTest::newRow("group and bound touch") << overlap << QString();
    ProfileFilter probability;
    probability.minCountryProbability = 1.2;
    QTest::newRow("probability above 1") << probability << QStringLiteral("min_country_probability 1.20 is above 1");
    ProfileFilter allExcluded;
    allExcluded.countryIds = {QStringLiteral("NG")};
    allExcluded.excludeCountryIds = {QStringLiteral("NG")};
    QTest::newRow("every named country excluded")
        << allExcluded << QStringLiteral("every country named (NG) is also excluded");
    ProfileFilter someExcluded = allExcluded;
    someExcluded.countryIds << QStringLiteral("KE");
    QTest::newRow("some named countries left") << someExcluded << QString();
}

void TestProfileFilter::contradictions()
{
    QFETCH(ProfileFilter, filter);
    QFETCH(QString, why);
    QString actual;
    QCOMPARE(filter.isContradictory(&actual), !why.isEmpty());
    QCOMPARE(actual, why);
}

void TestProfileFilter::variantMapHasRecognisedKeysOnly()
{
    const ProfileFilter parsed = QueryParser::parse(QStringLiteral("adult males from kenya")).filter;
    const QVariantMap map = parsed.toVariantMap();
    QCOMPARE(map.keys(),
             (QStringList{QStringLiteral("age_group"), QStringLiteral("country_id"), QStringLiteral("gender")}));
    QCOMPARE(map.value(QStringLiteral("age_group")).toString(), QStringLiteral("adult"));
    QCOMPARE(map.value(QStringLiteral("country_id")).toString(), QStringLiteral("KE"));

    ProfileFilter sorted;
    sorted.minAge = 20;
    sorted.minGenderProbability = 0.756;
    sorted.countryIds = {QStringLiteral("ng"), QStringLiteral("GH")};
    sorted.sortBy = SortKey::Age;
    sorted.sortExplicit = true;
    const QVariantMap second = sorted.toVariantMap();
    QCOMPARE(second.value(QStringLiteral("min_age")).toInt(), 20);
    QCOMPARE(second.value(QStringLiteral("min_age")).typeId(), QMetaType::Int);
    QCOMPARE(second.value(QStringLiteral("min_gender_probability")).toDouble(), 0.76);
    QCOMPARE(second.value(QStringLiteral("country_id")).toString(), QStringLiteral("GH,NG"));
    QCOMPARE(second.value(QStringLiteral("sort_by")).toString(), QStringLiteral("age"));
    QCOMPARE(second.value(QStringLiteral("order")).toString(), QStringLiteral("desc"));
}

void TestProfileFilter::exclusionsMatchInMemory_data()
{
    QTest::addColumn<QStringList>("countries");
    QTest::addColumn<QStringList>("excluded");
    QTest::addColumn<QString>("profileCountry");
    QTest::addColumn<bool>("matches");

    const QString NG = QStringLiteral("NG"), KE = QStringLiteral("KE"), GH = QStringLiteral("GH");
    QTest::newRow("excluded") << QStringList{} << QStringList{NG} << NG << false;
    QTest::newRow("elsewhere") << QStringList{} << QStringList{NG} << KE << true;
    QTest::newRow("one of several excluded") << QStringList{} << QStringList{NG, KE} << KE << false;
    QTest::newRow("lower-case exclusion") << QStringList{} << QStringList{QStringLiteral("ng")} << NG << false;
    QTest::newRow("named and excluded") << QStringList{NG, GH} << QStringList{NG} << NG << false;
    QTest::newRow("named, the other excluded") << QStringList{NG, GH} << QStringList{NG} << GH << true;
    QTest::newRow("not named") << QStringList{GH} << QStringList{NG} << KE << false;
}

// The in-memory filter (the oracle of small sets) agrees with the SQL's NOT IN.
void TestProfileFilter::exclusionsMatchInMemory()
{
    QFETCH(QStringList, countries);
    QFETCH(QStringList, excluded);
    QFETCH(QString, profileCountry);
    QFETCH(bool, matches);
    ProfileFilter filter;
    filter.countryIds = countries;
    filter.excludeCountryIds = excluded;
    Profile profile;
    profile.gender = Gender::Female;
    profile.age = 30;
    profile.ageGroup = AgeGroup::Adult;
    profile.countryId = profileCountry;
    QCOMPARE(filter.matches(profile), matches);
    QCOMPARE(filter.normalised().matches(profile), matches);
}

QTEST_GUILESS_MAIN(TestProfileFilter)
#include "tst_profile_filter.moc"
