#include "core/csv/Encoding.h"
#include "core/csv/Sniffing.h"
#include "core/csv/Tokenizer.h"

#include <QTest>

using namespace insighta::csv;

namespace {

// Tokenizes `input` fed in pieces of `piece` bytes; renders records as "line:a|b|c" with
// issues marked, so a table row reads at a glance.
QStringList tokenize(const QByteArray &input, int piece, char delimiter = ',')
{
    Tokenizer tokenizer(delimiter);
    QStringList out;
    CsvRecord record;
    qsizetype at = 0;
    for (;;) {
        const auto result = tokenizer.next(record);
        if (result == Tokenizer::Result::End)
            break;
        if (result == Tokenizer::Result::NeedMore) {
            if (at >= input.size()) {
                tokenizer.finish();
            } else {
                const qsizetype n = qMin<qsizetype>(piece, input.size() - at);
                tokenizer.feed(input.constData() + at, n);
                at += n;
            }
            continue;
        }
        QStringList cells;
        for (const auto cell : record.fields)
            cells << QString::fromUtf8(cell.data(), qsizetype(cell.size()));
        QString text = QString::number(record.line) + QLatin1Char(':');
        if (record.issue == RecordIssue::UnclosedQuote)
            text += QStringLiteral("UNCLOSED[") + QString::fromUtf8(record.raw.data(), qsizetype(record.raw.size()))
                + QLatin1Char(']');
        else
            text += cells.join(QLatin1Char('|'));
        out << text;
    }
    return out;
}

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void records_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");
        auto row = [](const char *name, const char *input, QStringList expected) {
            QTest::newRow(name) << QByteArray(input) << expected;
        };
        row("simple LF", "a,b\n1,2\n", {QStringLiteral("1:a|b"), QStringLiteral("2:1|2")});
        row("CRLF", "a,b\r\n1,2\r\n", {QStringLiteral("1:a|b"), QStringLiteral("2:1|2")});
        row("bare CR", "a,b\r1,2\r", {QStringLiteral("1:a|b"), QStringLiteral("2:1|2")});
        row("no final newline", "a,b\n1,2", {QStringLiteral("1:a|b"), QStringLiteral("2:1|2")});
        row("blank lines skipped", "a,b\n\n\r\n1,2\n\n", {QStringLiteral("1:a|b"), QStringLiteral("4:1|2")});
        row("empty fields", ",,\n", {QStringLiteral("1:||")});
        row("quoted comma", "\"a,b\",c\n", {QStringLiteral("1:a,b|c")});
        row("doubled quotes", "\"say \"\"hi\"\"\",x\n", {QStringLiteral("1:say \"hi\"|x")});
        row("only doubled quote", "\"\"\"\"\n", {QStringLiteral("1:\"")});
        row("empty quoted", "\"\",x\n", {QStringLiteral("1:|x")});
        row("newline in quotes", "\"a\nb\",c\nd,e\n", {QStringLiteral("1:a\nb|c"), QStringLiteral("3:d|e")});
        row("CRLF in quotes", "\"a\r\nb\",c\r\nd,e\r\n", {QStringLiteral("1:a\r\nb|c"), QStringLiteral("3:d|e")});
        row("quote inside unquoted", "ab\"c,d\n", {QStringLiteral("1:ab\"c|d")});
        row("text after closing quote", "\"ab\"c,d\n", {QStringLiteral("1:abc|d")});
        row("trailing delimiter", "a,\n", {QStringLiteral("1:a|")});
        row("unclosed quote resumes next line", "a,b\n\"x,y\n1,2\n3,4\n",
            {QStringLiteral("1:a|b"), QStringLiteral("2:UNCLOSED[\"x,y]"), QStringLiteral("3:1|2"),
             QStringLiteral("4:3|4")});
        row("unclosed quote on last line", "a,b\n1,\"2",
            {QStringLiteral("1:a|b"), QStringLiteral("2:UNCLOSED[1,\"2]")});
        row("utf-8 bytes untouched", "n\xC3\xA9,\xE2\x82\xAC\n", {QString::fromUtf8("1:n\xC3\xA9|\xE2\x82\xAC")});
    }
    void records()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        // Same result whatever the chunking: whole, byte by byte, and in threes.
        QCOMPARE(tokenize(input, int(input.size()) + 1), expected);
        QCOMPARE(tokenize(input, 1), expected);
        QCOMPARE(tokenize(input, 3), expected);
    }

    void semicolonDelimiter()
    {
        QCOMPARE(tokenize("a;b\n\"1;2\";3\n", 4, ';'),
                 (QStringList{QStringLiteral("1:a|b"), QStringLiteral("2:1;2|3")}));
    }

    void overflowSkipsToEndOfRecord()
    {
        Tokenizer tokenizer;
        QByteArray big = "x,\"" + QByteArray(5000, 'a') + "\",y\nnext,row\n";
        tokenizer.feed(big.constData(), 1000);
        CsvRecord record;
        QCOMPARE(tokenizer.next(record), Tokenizer::Result::NeedMore);
        QCOMPARE(tokenizer.overflow(record), Tokenizer::Result::NeedMore);
        tokenizer.feed(big.constData() + 1000, big.size() - 1000);
        QCOMPARE(tokenizer.next(record), Tokenizer::Result::Record);
        QCOMPARE(record.issue, RecordIssue::TooLong);
        QCOMPARE(record.line, 1);
        QCOMPARE(tokenizer.next(record), Tokenizer::Result::Record);
        QCOMPARE(record.line, 2);
        QCOMPARE(QByteArray(record.fields[0].data(), 4), QByteArray("next"));
        QCOMPARE(record.offset, qint64(big.indexOf("next")));
    }

    void offsetsAreFileOffsets()
    {
        Tokenizer tokenizer;
        const QByteArray input = "h\n\nab,c\n\"q\nq\",d\nz\n";
        tokenizer.feed(input.constData(), input.size());
        tokenizer.finish();
        CsvRecord record;
        QList<qint64> offsets, lines;
        while (tokenizer.next(record) == Tokenizer::Result::Record) {
            offsets << record.offset;
            lines << record.line;
        }
        QCOMPARE(offsets, (QList<qint64>{0, 3, 8, 16}));
        QCOMPARE(lines, (QList<qint64>{1, 3, 4, 6}));
    }

    void delimiterSniffing_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<char>("expected");
        QTest::newRow("comma") << QByteArray("name,gender,age\na,b,1\n") << ',';
        QTest::newRow("semicolon") << QByteArray("name;gender;age\na;b;1\n") << ';';
        QTest::newRow("tab") << QByteArray("name\tgender\tage\na\tb\t1\n") << '\t';
        QTest::newRow("semicolon with commas in quotes")
            << QByteArray("name;country\n\"Doe, Jane\";NG\n\"Roe, R\";KE\n") << ';';
        QTest::newRow("commas with decimal semicolons rare") << QByteArray("a,b,c\n1;2,3,4\n5,6,7\n") << ',';
        QTest::newRow("single column") << QByteArray("name\nx\n") << ',';
    }
    void delimiterSniffing()
    {
        QFETCH(QByteArray, head);
        QFETCH(char, expected);
        QCOMPARE(sniffDelimiter(std::string_view(head.constData(), size_t(head.size()))), expected);
    }

    void encodingSniffing_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("bom");
        QTest::newRow("ascii") << QByteArray("name,age\n") << QStringLiteral("utf-8") << 0;
        QTest::newRow("utf-8") << QByteArray("name\nJos\xC3\xA9\n") << QStringLiteral("utf-8") << 0;
        QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBFname\n") << QStringLiteral("utf-8-bom") << 3;
        QTest::newRow("utf-16le bom") << QByteArray("\xFF\xFEn\0a\0", 6) << QStringLiteral("utf-16le") << 2;
        QTest::newRow("utf-16be bom") << QByteArray("\xFE\xFF\0n\0a", 6) << QStringLiteral("utf-16be") << 2;
        QTest::newRow("utf-16le no bom") << QByteArray("n\0a\0m\0e\0\n\0", 10) << QStringLiteral("utf-16le") << 0;
        QTest::newRow("utf-16be no bom") << QByteArray("\0n\0a\0m\0e\0\n", 10) << QStringLiteral("utf-16be") << 0;
        QTest::newRow("latin-1") << QByteArray("name\nJos\xE9\n") << QStringLiteral("latin-1") << 0;
        QTest::newRow("windows-1252") << QByteArray("name\n\x93quoted\x94 Jos\xE9\n") << QStringLiteral("windows-1252")
                                      << 0;
        QTest::newRow("utf-8 cut mid-sequence") << QByteArray("name\nJos\xC3") << QStringLiteral("utf-8") << 0;
    }
    void encodingSniffing()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, expected);
        QFETCH(int, bom);
        const EncodingGuess guess = sniffEncoding(head);
        QCOMPARE(encodingName(guess.encoding), expected);
        QCOMPARE(guess.bomLength, bom);
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("hello world, long enough for words") << true;
        QTest::newRow("two-byte") << QByteArray("\xC3\xA9") << true;
        QTest::newRow("euro") << QByteArray("\xE2\x82\xAC") << true;
        QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << true;
        QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("truncated") << QByteArray("abc\xE2\x82") << false;
        QTest::newRow("latin-1 e acute") << QByteArray("Jos\xE9 Maria") << false;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
    }

    void binaryDetection()
    {
        QVERIFY(looksBinary(QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)));
        QVERIFY(!looksBinary(QByteArray("name,gender\nAda,female\n")));
        QByteArray controls(200, 'a');
        for (int i = 0; i < 200; i += 10)
            controls[i] = '\x01';
        QVERIFY(looksBinary(controls));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_csv_tokenizer.moc"
