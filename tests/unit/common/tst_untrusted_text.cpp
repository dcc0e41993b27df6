// The rules for file, database and server text on its way to a spreadsheet or a terminal, and
// the importer's side of the formula rule.
#include "core/common/UntrustedText.h"
#include "core/profiles/RowValidation.h"

#include <QTest>
#include <QTextDocument>

using namespace insighta;

class TestUntrustedText : public QObject
{
    Q_OBJECT
private slots:
    void formulaGuardRoundTrips_data();
    void formulaGuardRoundTrips();
    void printable_data();
    void printable();
    void toolTipsShowTheTextAsWritten_data();
    void toolTipsShowTheTextAsWritten();
    void importerTakesTheGuardOff_data();
    void importerTakesTheGuardOff();
};

void TestUntrustedText::formulaGuardRoundTrips_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("written");
    QTest::newRow("equals") << "=1+1"
                            << "'=1+1";
    QTest::newRow("plus") << "+234 801"
                          << "'+234 801";
    QTest::newRow("minus") << "-Ada"
                           << "'-Ada";
    QTest::newRow("at") << "@SUM(A1)"
                        << "'@SUM(A1)";
    QTest::newRow("tab") << "\t=x"
                         << "'\t=x";
    QTest::newRow("carriage return") << "\r=x"
                                     << "'\r=x";
    QTest::newRow("plain") << "Ada Obi"
                           << "Ada Obi";
    QTest::newRow("inner equals") << "a=b"
                                  << "a=b";
    QTest::newRow("own apostrophe") << "'Twas Obi"
                                    << "'Twas Obi";
    QTest::newRow("already guarded looking") << "'=x"
                                             << "'=x"; // no formula start: written as is
    QTest::newRow("empty") << ""
                           << "";
}

void TestUntrustedText::formulaGuardRoundTrips()
{
    QFETCH(QString, value);
    QFETCH(QString, written);
    QCOMPARE(neutralizeFormula(value), written);
    const std::string utf8 = value.toStdString();
    std::string out = "prefix:";
    neutralizeFormula(utf8, out);
    QCOMPARE(QString::fromStdString(out), QStringLiteral("prefix:") + written);
    // What the importer reads back: the value itself. A value that itself starts with ' and a
    // formula character loses the quote: the rule cannot tell the two apart (nor can a
    // spreadsheet, which shows both as =x).
    const std::string back = written.toStdString();
    const QString read = QString::fromStdString(std::string(withoutFormulaGuard(back)));
    QCOMPARE(read, value == QLatin1String("'=x") ? QStringLiteral("=x") : value);
}

void TestUntrustedText::printable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << "Ada Obi, 36"
                           << "Ada Obi, 36";
    QTest::newRow("unicode") << "Søren Ødegård"
                             << "Søren Ødegård";
    QTest::newRow("escape sequence") << "\x1b[2Jx"
                                     << "\\x1B[2Jx";
    QTest::newRow("title change and bell") << "\x1b]0;owned\x07"
                                           << "\\x1B]0;owned\\x07";
    QTest::newRow("nul, newline, tab") << QString::fromLatin1("a\0b\nc\td", 7) << "a\\x00b\\x0Ac\\x09d";
    QTest::newRow("delete") << "a\x7f"
                            << "a\\x7F";
    QTest::newRow("C1 CSI") << QString(QChar(0x9B)) + QStringLiteral("31m") << "\\x9B31m";
    QTest::newRow("next line C1") << QStringLiteral("a") + QChar(0x85) << "a\\x85";
    QTest::newRow("right-to-left override")
        << QStringLiteral("abc") + QChar(0x202E) + QStringLiteral("fdp.exe") << "abc\\u202Efdp.exe";
    QTest::newRow("isolate") << QString(QChar(0x2066)) << "\\u2066";
    QTest::newRow("no-break space stays") << QString(QChar(0xA0)) << QString(QChar(0xA0));
}

void TestUntrustedText::printable()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(insighta::printable(text), shown);
}

void TestUntrustedText::toolTipsShowTheTextAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("image tag") << "<img src=\"http://192.0.2.1/x.png\"> Ada";
    QTest::newRow("bold and entity") << "<b>Bo</b> &amp; Cy";
    QTest::newRow("two lines") << "line 3: invalid_age\nage 'x' is not a number";
    QTest::newRow("plain") << "Ada Obi";
}

void TestUntrustedText::toolTipsShowTheTextAsWritten()
{
    QFETCH(QString, text);
    const QString tip = plainTextToolTip(text);
    QVERIFY(Qt::mightBeRichText(tip)); // so Qt never guesses
    QTextDocument shown;
    shown.setHtml(tip);
    QCOMPARE(shown.toPlainText(), text);
    QVERIFY(!tip.contains(QStringLiteral("<img")) && !tip.contains(QStringLiteral("<b>")));
    QVERIFY(plainTextToolTip(QString()).isEmpty()); // no tooltip stays no tooltip
}

void TestUntrustedText::importerTakesTheGuardOff_data()
{
    QTest::addColumn<QByteArray>("nameCell");
    QTest::addColumn<QByteArray>("ageCell");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("age");
    QTest::newRow("guarded minus name") << QByteArray("'-Ada") << QByteArray("36") << "-Ada" << 36;
    QTest::newRow("guarded equals name") << QByteArray("'=Bo") << QByteArray("36") << "=Bo" << 36;
    QTest::newRow("guarded plus age") << QByteArray("Cy") << QByteArray("'+40") << "Cy" << 40;
    QTest::newRow("own apostrophe kept") << QByteArray("'Twas") << QByteArray("20") << "'Twas" << 20;
}

void TestUntrustedText::importerTakesTheGuardOff()
{
    QFETCH(QByteArray, nameCell);
    QFETCH(QByteArray, ageCell);
    QFETCH(QString, name);
    QFETCH(int, age);
    const RowValidator validator(mapHeader(
        {QStringLiteral("name"), QStringLiteral("gender"), QStringLiteral("age"), QStringLiteral("country_id")}));
    const std::string_view cells[] = {std::string_view(nameCell.constData(), size_t(nameCell.size())), "female",
                                      std::string_view(ageCell.constData(), size_t(ageCell.size())), "NG"};
    NormalizedRow row;
    std::array<qint64, kWarningKindCount> warnings{};
    CellProblem problem;
    QVERIFY2(validator.validate(cells, row, warnings, problem), qPrintable(problem.message));
    QCOMPARE(QString::fromStdString(row.name), name);
    QCOMPARE(row.age, age);
}

QTEST_MAIN(TestUntrustedText) // QTextDocument, offscreen
#include "tst_untrusted_text.moc"
