#include "core/profiles/AgeWords.h"
#include "core/profiles/FieldParsers.h"
#include "core/profiles/HeaderMapping.h"
#include "core/profiles/RowValidation.h"

#include <QTest>

#include <charconv>
#include <cstring>
#include <random>
#include <string>

using namespace insighta;

Q_DECLARE_METATYPE(std::optional<int>)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {
std::string_view sv(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}
} // namespace

class TestFieldParsers : public QObject
{
    Q_OBJECT

private slots:
    void gender_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("expected"); // 0 none, 1 male, 2 female
        const QList<QPair<const char *, int>> rows = {
            {"male", 1},
            {"Male", 1},
            {" MALE ", 1},
            {"M", 1},
            {"m", 1},
            {"man", 1},
            {"boy", 1},
            {"female", 2},
            {"F", 2},
            {"woman", 2},
            {"Women", 2},
            {"girl", 2},
            {"lady", 2},
            {"Female ", 2},
            {"", 0},
            {"x", 0},
            {"males", 0},
            {"unknown", 0},
            {"fem ale", 0},
            {"\xC2\xA0"
             "f",
             2},
        };
        for (const auto &[input, expected] : rows)
            QTest::newRow(input) << QByteArray(input) << expected;
    }
    void gender()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, expected);
        const auto g = fields::parseGender(sv(input));
        QCOMPARE(g ? (*g == Gender::Male ? 1 : 2) : 0, expected);
    }

    void age_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<std::optional<int>>("expected");
        auto row = [](const char *input, std::optional<int> expected) {
            QTest::newRow(input) << QByteArray(input) << expected;
        };
        row("25", 25);
        row(" 25 ", 25);
        row("25.0", 25);
        row("25.", 25);
        row("+7", 7);
        row("-3", -3);
        row("0", 0);
        row("25.5", std::nullopt);
        row("2 5", std::nullopt);
        row("", std::nullopt);
        row("abc", std::nullopt);
        row("twenty-five", 25);
        row("Twenty Five", 25);
        row("TWENTY FIVE", 25);
        row("one hundred and two", 102);
        row("a hundred", 100);
        row("zero", 0);
        row("seventeen", 17);
        row("ninety nine", 99);
        row("twenty-fiv", std::nullopt);
        row("five twenty", std::nullopt);
        row("twenty twenty", std::nullopt);
        row("and five", std::nullopt);
        row("hundred", std::nullopt);
        row("1234567", std::nullopt);
    }
    void age()
    {
        QFETCH(QByteArray, input);
        QFETCH(std::optional<int>, expected);
        QCOMPARE(fields::parseAge(sv(input)), expected);
    }

    void probability_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<std::optional<double>>("expected");
        auto row = [](const char *input, std::optional<double> expected) {
            QTest::newRow(input) << QByteArray(input) << expected;
        };
        row("0.85", 0.85);
        row(".85", 0.85);
        row("85%", 0.85);
        row("85 %", 0.85);
        row("1", 1.0);
        row("0", 0.0);
        row("1.0", 1.0);
        row("100%", 1.0);
        row("1.01", std::nullopt);
        row("85", std::nullopt);
        row("-0.1", std::nullopt);
        row("abc", std::nullopt);
        row("%", std::nullopt);
        row("0.8.5", std::nullopt);
        row("1e-2", std::nullopt);
    }
    void probability()
    {
        QFETCH(QByteArray, input);
        QFETCH(std::optional<double>, expected);
        const auto p = fields::parseProbability(sv(input));
        QCOMPARE(p.has_value(), expected.has_value());
        if (p)
            QVERIFY(qFuzzyCompare(1.0 + *p, 1.0 + *expected));
    }

    void country_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("NG") << QByteArray("NG") << QStringLiteral("NG") << QStringLiteral("Nigeria");
        QTest::newRow("ng") << QByteArray("ng") << QStringLiteral("NG") << QStringLiteral("Nigeria");
        QTest::newRow(" ke ") << QByteArray(" ke ") << QStringLiteral("KE") << QStringLiteral("Kenya");
        QTest::newRow("name") << QByteArray("nigeria") << QStringLiteral("NG") << QStringLiteral("Nigeria");
        QTest::newRow("common name") << QByteArray("Tanzania") << QStringLiteral("TZ")
                                     << QStringLiteral("Tanzania, United Republic of");
        QTest::newRow("accented") << QByteArray("C\xC3\xB4te d'Ivoire") << QStringLiteral("CI")
                                  << QString::fromUtf8("C\xC3\xB4te d'Ivoire");
        QTest::newRow("unknown code") << QByteArray("XX") << QString() << QString();
        QTest::newRow("unknown name") << QByteArray("Atlantis") << QString() << QString();
        QTest::newRow("empty") << QByteArray("") << QString() << QString();
    }
    void country()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, code);
        QFETCH(QString, name);
        const auto c = fields::parseCountry(sv(input));
        QCOMPARE(c ? QString::fromUtf8(c->code.data(), 2) : QString(), code);
        if (c)
            QCOMPARE(QString::fromUtf8(c->name.data(), qsizetype(c->name.size())), name);
    }

    // The quick decimal path must give exactly the double std::from_chars gives, for every length
    // it takes (up to 15 decimals) and around the edges (0, 1, leading point, trailing point).
    void probabilityMatchesFromCharsExactly()
    {
        std::mt19937_64 random(20261123);
        QStringList mismatches;
        for (int i = 0; i < 200'000 && mismatches.size() < 5; ++i) {
            const int decimals = int(random() % 16);
            std::string text = "0";
            if (decimals > 0 || random() % 2) {
                text += '.';
                for (int d = 0; d < decimals; ++d)
                    text += char('0' + random() % 10);
            }
            if (random() % 4 == 0)
                text.erase(0, 1); // ".85" form
            if (text == "." || text.empty())
                continue;
            double expected = 0.0;
            const std::string parseable = text.front() == '.' ? "0" + text : text;
            std::from_chars(parseable.data(), parseable.data() + parseable.size(), expected);
            const auto parsed = fields::parseProbability(text);
            if (!parsed || std::memcmp(&*parsed, &expected, sizeof(double)) != 0)
                mismatches << QString::fromStdString(text);
        }
        for (const char *edge : {"1", "1.", "1.000000000000000", "0.", "0.000000000000001", "0.999999999999999"}) {
            double expected = 0.0;
            std::from_chars(edge, edge + std::strlen(edge), expected);
            const auto parsed = fields::parseProbability(edge);
            if (!parsed || *parsed != expected)
                mismatches << QString::fromLatin1(edge);
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QStringLiteral(", "))));
    }

    void nameKey_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("Ada Lovelace");
        QTest::newRow("spaces") << QStringLiteral("  Ada \t  LOVELACE ");
        QTest::newRow("accents") << QString::fromUtf8("Jos\xC3\xA9  \xC3\x89MILE");
        QTest::newRow("sharp s") << QString::fromUtf8("Stra\xC3\x9F"
                                                      "e");
        QTest::newRow("nbsp") << QString::fromUtf8("Ada\xC2\xA0Lovelace");
    }
    void nameKey()
    {
        QFETCH(QString, name);
        std::string key;
        const QByteArray utf8 = name.toUtf8();
        fields::nameKeyUtf8(sv(utf8), key);
        QCOMPARE(QString::fromStdString(key), insighta::nameKey(name));
    }

    void header_data()
    {
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QStringList>("missing");
        auto names = [](const HeaderMapping &m) {
            QStringList out;
            for (ProfileField f : m.columns)
                out << profileFieldName(f);
            return out;
        };
        Q_UNUSED(names);
        QTest::newRow("full") << QStringList{QStringLiteral("name"),
                                             QStringLiteral("gender"),
                                             QStringLiteral("gender_probability"),
                                             QStringLiteral("age"),
                                             QStringLiteral("age_group"),
                                             QStringLiteral("country_id"),
                                             QStringLiteral("country_name"),
                                             QStringLiteral("country_probability")}
                              << QStringList{QStringLiteral("name"),
                                             QStringLiteral("gender"),
                                             QStringLiteral("gender_probability"),
                                             QStringLiteral("age"),
                                             QStringLiteral("age_group"),
                                             QStringLiteral("country_id"),
                                             QStringLiteral("country_name"),
                                             QStringLiteral("country_probability")}
                              << QStringList{};
        QTest::newRow("aliases, case, spaces")
            << QStringList{QStringLiteral(" Full Name "), QStringLiteral("SEX"), QStringLiteral("Age"),
                           QStringLiteral("Country Code"), QStringLiteral("notes")}
            << QStringList{QStringLiteral("name"), QStringLiteral("gender"), QStringLiteral("age"),
                           QStringLiteral("country_id"), QString()}
            << QStringList{};
        QTest::newRow("id and created_at recognised")
            << QStringList{QStringLiteral("id"),  QStringLiteral("name"),       QStringLiteral("gender"),
                           QStringLiteral("age"), QStringLiteral("country_id"), QStringLiteral("created_at")}
            << QStringList{QStringLiteral("id"),  QStringLiteral("name"),       QStringLiteral("gender"),
                           QStringLiteral("age"), QStringLiteral("country_id"), QStringLiteral("created_at")}
            << QStringList{};
        QTest::newRow("missing") << QStringList{QStringLiteral("name"), QStringLiteral("age")}
                                 << QStringList{QStringLiteral("name"), QStringLiteral("age")}
                                 << QStringList{QStringLiteral("gender"), QStringLiteral("country_id")};
        QTest::newRow("duplicate column ignored")
            << QStringList{QStringLiteral("name"), QStringLiteral("Name"), QStringLiteral("gender"),
                           QStringLiteral("age"), QStringLiteral("country")}
            << QStringList{QStringLiteral("name"), QString(), QStringLiteral("gender"), QStringLiteral("age"),
                           QStringLiteral("country_id")}
            << QStringList{};
    }
    void header()
    {
        QFETCH(QStringList, header);
        QFETCH(QStringList, fields);
        QFETCH(QStringList, missing);
        const HeaderMapping mapping = mapHeader(header);
        QStringList got;
        for (ProfileField f : mapping.columns)
            got << profileFieldName(f);
        QCOMPARE(got, fields);
        QCOMPARE(mapping.missingRequired(), missing);
    }

    void rows_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason"); // empty = valid
        QTest::addColumn<QString>("message");
        // header: name,gender,gender_probability,age,age_group,country_id,country_name,country_probability
        auto row = [](const char *tag, const char *line, const char *reason, const char *message = "") {
            QTest::newRow(tag) << QByteArray(line) << QString::fromLatin1(reason) << QString::fromLatin1(message);
        };
        row("valid", "Ada,female,0.9,36,adult,GB,United Kingdom,0.8", "");
        row("valid minimal probabilities", "Ada,F,,36,,gb,,", "");
        row("missing name", " ,female,0.9,36,adult,GB,,0.8", "missing_name", "name is empty");
        row("digits only name", "12345,female,0.9,36,adult,GB,,0.8", "invalid_name", "name '12345' has no letters");
        row("bad gender", "Ada,robot,0.9,36,adult,GB,,0.8", "invalid_gender", "gender 'robot' is not male or female");
        row("empty gender", "Ada,,0.9,36,adult,GB,,0.8", "invalid_gender", "gender is empty");
        row("age words misspelt", "Ada,female,0.9,twenty-fiv,adult,GB,,0.8", "invalid_age",
            "age 'twenty-fiv' is not a number or a number in words");
        row("negative age", "Ada,female,0.9,-1,adult,GB,,0.8", "invalid_age", "age -1 is out of range (0-150)");
        row("age too high", "Ada,female,0.9,151,adult,GB,,0.8", "invalid_age", "age 151 is out of range (0-150)");
        row("bad probability", "Ada,female,1.5,36,adult,GB,,0.8", "invalid_probability",
            "gender_probability '1.5' is not a probability between 0 and 1");
        row("unknown country", "Ada,female,0.9,36,adult,XX,,0.8", "unknown_country",
            "country 'XX' is not an ISO 3166-1 code or country name");
        row("country by name in name column", "Ada,female,0.9,36,adult,,Kenya,0.8", "");
        row("too few columns", "Ada,female,0.9,36", "wrong_column_count", "expected 8 columns, found 4");
        row("too many columns", "Ada,female,0.9,36,adult,GB,,0.8,extra", "wrong_column_count",
            "expected 8 columns, found 9");
    }
    void rows()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        QFETCH(QString, message);
        const QStringList header = QStringLiteral("name,gender,gender_probability,age,age_group,country_id,"
                                                  "country_name,country_probability")
                                       .split(QLatin1Char(','));
        RowValidator validator(mapHeader(header));
        std::vector<std::string_view> cells;
        const QList<QByteArray> parts = row.split(',');
        for (const QByteArray &part : parts)
            cells.emplace_back(part.constData(), size_t(part.size()));
        NormalizedRow out;
        std::array<qint64, kWarningKindCount> warnings{};
        CellProblem problem;
        const bool valid = validator.validate(cells, out, warnings, problem);
        QCOMPARE(valid ? QString() : QString::fromLatin1(rejectReasonCode(problem.reason)), reason);
        if (!valid && !message.isEmpty())
            QCOMPARE(problem.message, message);
        // The preview's all-problems mode agrees on validity.
        QCOMPARE(validator.problems(cells).isEmpty(), valid);
    }

    void ageGroupCorrectedIsAWarning()
    {
        RowValidator validator(mapHeader({QStringLiteral("name"), QStringLiteral("gender"), QStringLiteral("age"),
                                          QStringLiteral("age_group"), QStringLiteral("country_id")}));
        NormalizedRow out;
        std::array<qint64, kWarningKindCount> warnings{};
        CellProblem problem;
        const std::string_view wrong[] = {"Ada", "female", "15", "adult", "NG"};
        QVERIFY(validator.validate(wrong, out, warnings, problem));
        QCOMPARE(out.ageGroup, AgeGroup::Teenager);
        QCOMPARE(warnings[size_t(WarningKind::AgeGroupCorrected)], 1);
        const std::string_view right[] = {"Bea", "female", "15", "Teenager", "NG"};
        QVERIFY(validator.validate(right, out, warnings, problem));
        QCOMPARE(warnings[size_t(WarningKind::AgeGroupCorrected)], 1);
    }

    void allProblemsForPreview()
    {
        RowValidator validator(mapHeader(
            {QStringLiteral("name"), QStringLiteral("gender"), QStringLiteral("age"), QStringLiteral("country_id")}));
        const std::string_view cells[] = {"Ada", "robot", "old", "XX"};
        const auto problems = validator.problems(cells);
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0].column, 1);
        QCOMPARE(problems[0].reason, RejectReason::InvalidGender);
        QCOMPARE(problems[1].column, 2);
        QCOMPARE(problems[2].column, 3);
    }

    void reasonCodesAreStable()
    {
        const QStringList codes{QStringLiteral("wrong_column_count"),    QStringLiteral("missing_name"),
                                QStringLiteral("invalid_name"),          QStringLiteral("invalid_gender"),
                                QStringLiteral("invalid_age"),           QStringLiteral("invalid_probability"),
                                QStringLiteral("unknown_country"),       QStringLiteral("field_too_long"),
                                QStringLiteral("undecodable_text"),      QStringLiteral("duplicate_in_file"),
                                QStringLiteral("duplicate_in_database"), QStringLiteral("not_loaded"),
                                QStringLiteral("unclosed_quote")};
        for (int i = 0; i < kRejectReasonCount; ++i) {
            QCOMPARE(QString::fromLatin1(rejectReasonCode(RejectReason(i))), codes[i]);
            QCOMPARE(rejectReasonFromCode(codes[i]), std::optional<RejectReason>(RejectReason(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestFieldParsers)
#include "tst_import_fields.moc"
