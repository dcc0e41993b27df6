#include "app/cli/Cli.h"
#include "core/importer/ImportPreview.h"
#include "core/importer/ImportRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace insighta;

namespace {
const QByteArray kHeader = "name,gender,gender_probability,age,age_group,country_id,country_name,country_probability\n";
}

class TestValidateRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString write(const QByteArray &bytes, const QString &suffix = QStringLiteral(".csv"))
    {
        const QString path = m_dir.filePath(QStringLiteral("in%1%2").arg(++m_counter).arg(suffix));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        file.write(bytes);
        return path;
    }

    // Runs `insighta validate ... --json` in-process; returns the exit code and the JSON.
    int cli(const QStringList &args, QJsonObject *json, QString *errText = nullptr)
    {
        QString out, err;
        QTextStream outStream(&out), errStream(&err);
        cli::Io io{outStream, errStream};
        const int code = cli::runCli(QStringList{QStringLiteral("insighta")} + args, io);
        outStream.flush();
        errStream.flush();
        if (json)
            *json = QJsonDocument::fromJson(out.toUtf8()).object();
        if (errText)
            *errText = err + out;
        return code;
    }

private slots:
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expect"); // substring of the JSON text

        QTest::newRow("empty file") << QByteArray() << 2 << QStringLiteral("the file is empty");
        QTest::newRow("blank lines only") << QByteArray("\n\n\r\n") << 2 << QStringLiteral("the file is empty");
        QTest::newRow("header only") << kHeader << 0 << QStringLiteral("\"rows_read\": 0");
        QByteArray binary("\x7F"
                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                          16);
        binary += QByteArray(3000, '\0');
        QTest::newRow("binary renamed .csv") << binary << 2 << QStringLiteral("not a text CSV file");
        QTest::newRow("missing required columns")
            << QByteArray("name,age\nAda,3\n") << 2 << QStringLiteral("required columns missing: gender, country_id");
        QTest::newRow("truncated last line")
            << (kHeader + "Ada,female,0.9,36,adult,GB,United Kingdom,0.8\nBea,female,0.9,31,adult,NG,Nigeria,0.") << 0
            << QStringLiteral("\"rows_valid\": 2");
        QTest::newRow("unclosed quote")
            << (kHeader
                + "Ada,female,0.9,36,adult,GB,,0.8\n\"Bea,female,0.9,31,adult,NG,,0.5\nCy,male,0.9,40,adult,KE,,0.5\n")
            << 1 << QStringLiteral("\"reason\": \"unclosed_quote\"");
        QTest::newRow("CRLF inside quoted field")
            << QByteArray("name,gender,age,country_id,notes\r\nAda,female,36,GB,\"line one\r\nline two\"\r\n"
                          "Bea,female,31,NG,x\r\n")
            << 0 << QStringLiteral("\"rows_valid\": 2");
        QTest::newRow("extra column") << (kHeader + "Ada,female,0.9,36,adult,GB,,0.8,surplus\n") << 1
                                      << QStringLiteral("expected 8 columns, found 9");
        QTest::newRow("missing column") << (kHeader + "Ada,female,0.9,36\n") << 1
                                        << QStringLiteral("expected 8 columns, found 4");
        QTest::newRow("duplicate in file names the first line")
            << (kHeader + "Ada Lovelace,female,,36,,GB,,\nBea,female,,31,,NG,,\nada  LOVELACE,female,,36,,GB,,\n") << 1
            << QStringLiteral("the name 'ada  LOVELACE' already appears on line 2");
        QTest::newRow("age group corrected is a warning")
            << (kHeader + "Ada,female,0.9,15,adult,GB,,0.8\n") << 0 << QStringLiteral("\"age_group_corrected\": 1");
    }
    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, exitCode);
        QFETCH(QString, expect);
        QJsonObject json;
        const int code = cli({QStringLiteral("validate"), QStringLiteral("--json"), write(bytes)}, &json);
        const QString text = QString::fromUtf8(QJsonDocument(json).toJson());
        QVERIFY2(text.contains(expect), qPrintable(text));
        QCOMPARE(code, exitCode);
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QString text = QString::fromUtf8(kHeader
                                               + "Jos\xC3\xA9 Mar\xC3\xAD\x61,male,0.9,36,adult,MX,,0.8\n"
                                                 "Zo\xC3\xAB,female,0.9,30,adult,FR,,0.8\n");
        QTest::newRow("utf-16le") << QByteArray(
            QStringEncoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom).encode(text))
                                  << QStringLiteral("utf-16le");
        QTest::newRow("utf-16be") << QByteArray(
            QStringEncoder(QStringConverter::Utf16BE, QStringConverter::Flag::WriteBom).encode(text))
                                  << QStringLiteral("utf-16be");
        QTest::newRow("latin-1") << text.toLatin1() << QStringLiteral("latin-1");
        QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << QStringLiteral("utf-8-bom");
    }
    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QJsonObject json;
        QCOMPARE(cli({QStringLiteral("validate"), QStringLiteral("--json"), write(bytes)}, &json), 0);
        QCOMPARE(json.value(QStringLiteral("encoding")).toString(), encoding);
        QCOMPARE(json.value(QStringLiteral("rows_valid")).toInt(), 2);
    }

    void tenMegabyteField()
    {
        QByteArray bytes = kHeader + "Ada,female,0.9,36,adult,GB,,0.8\n\"";
        bytes += QByteArray(10 * 1024 * 1024, 'n');
        bytes += "\",male,0.9,40,adult,KE,,0.5\nCy,male,0.9,40,adult,KE,,0.5\n";
        QJsonObject json;
        QCOMPARE(cli({QStringLiteral("validate"), QStringLiteral("--json"), write(bytes)}, &json), 1);
        QCOMPARE(
            json.value(QStringLiteral("skipped_by_reason")).toObject().value(QStringLiteral("field_too_long")).toInt(),
            1);
        QCOMPARE(json.value(QStringLiteral("rows_valid")).toInt(), 2);
        const QJsonObject reject = json.value(QStringLiteral("rejects")).toArray().at(0).toObject();
        QCOMPARE(reject.value(QStringLiteral("line")).toInt(), 3);
        QVERIFY(reject.value(QStringLiteral("raw")).toString().size() <= 4096);
    }

    void reportShapeMatchesTheContract()
    {
        QJsonObject json;
        const QString path = write(kHeader + "Ada,female,0.9,36,adult,GB,,0.8\nBo,robot,0.9,36,adult,GB,,0.8\n");
        QCOMPARE(cli({QStringLiteral("validate"), QStringLiteral("--json"), path}, &json), 1);
        QStringList keys = json.keys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("delimiter"), QStringLiteral("encoding"), QStringLiteral("file"),
                              QStringLiteral("rejects"), QStringLiteral("rows_read"), QStringLiteral("rows_skipped"),
                              QStringLiteral("rows_valid"), QStringLiteral("skipped_by_reason"),
                              QStringLiteral("status"), QStringLiteral("warnings_by_kind")}));
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(json.value(QStringLiteral("delimiter")).toString(), QStringLiteral(","));
        QCOMPARE(json.value(QStringLiteral("rows_read")).toInt(), 2);
        const QJsonObject reject = json.value(QStringLiteral("rejects")).toArray().at(0).toObject();
        QCOMPARE(reject.value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(reject.value(QStringLiteral("record")).toInt(), 2);
        QCOMPARE(reject.value(QStringLiteral("reason")).toString(), QStringLiteral("invalid_gender"));
        QCOMPARE(reject.value(QStringLiteral("raw")).toString(), QStringLiteral("Bo,robot,0.9,36,adult,GB,,0.8"));

        // Several files: an array, and the worst exit code.
        QJsonObject ignored;
        QString out;
        QCOMPARE(cli({QStringLiteral("validate"), QStringLiteral("--json"), path, write(QByteArray())}, nullptr, &out),
                 2);
        QVERIFY(QJsonDocument::fromJson(out.toUtf8()).isArray());
    }

    void rejectsCsvRoundTrips()
    {
        const QString rejects = m_dir.filePath(QStringLiteral("rejects.csv"));
        const QString path = write(kHeader
                                   + "Ada,female,0.9,36,adult,GB,,0.8\n\"Bo, Jr\",robot,0.9,36,adult,GB,,0.8\n"
                                     "Cy,male,0.9,200,adult,GB,,0.8,extra\n");
        QCOMPARE(cli({QStringLiteral("validate"), path, QStringLiteral("--rejects"), rejects}, nullptr), 1);
        QFile file(rejects);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QCOMPARE(content,
                 QByteArray("name,gender,gender_probability,age,age_group,country_id,country_name,"
                            "country_probability,_line,_reason\n"
                            "\"Bo, Jr\",robot,0.9,36,adult,GB,,0.8,3,invalid_gender\n"
                            "Cy,male,0.9,200,adult,GB,,0.8,4,wrong_column_count\n"));
    }

    void rejectsAreFormulaSafeAndImportAgain()
    {
        // Opened in a spreadsheet to fix the rows, the rejects file runs no formula; fixed, it
        // validates again with the guard quote taken off.
        const QString rejects = m_dir.filePath(QStringLiteral("formula-rejects.csv"));
        const QString path = write(kHeader
                                   + "=HYPERLINK(\"http://x\"),robot,0.9,36,adult,GB,,0.8\n"
                                     "-Ada,female,0.9,200,adult,GB,,0.8\n");
        QCOMPARE(cli({QStringLiteral("validate"), path, QStringLiteral("--rejects"), rejects}, nullptr), 1);
        QFile file(rejects);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray content = file.readAll();
        file.close();
        QVERIFY2(content.contains("\"'=HYPERLINK(\"\"http://x\"\")\",robot,"), content.constData());
        QVERIFY2(content.contains("\n'-Ada,female,"), content.constData());
        for (const QByteArray &line : content.split('\n').mid(1))
            QVERIFY2(line.isEmpty() || !(line.startsWith('=') || line.startsWith('-') || line.startsWith("\"=")),
                     line.constData());

        content.replace(",robot,", ",male,").replace(",200,", ",30,");
        const QString fixed = write(content);
        QJsonObject json;
        QCOMPARE(cli({QStringLiteral("validate"), fixed, QStringLiteral("--json")}, &json), 0);
        QCOMPARE(json.value(QStringLiteral("rows_valid")).toInt(), 2);
    }

    void messagesShowNoControlCharacters()
    {
        QString out;
        // Enough clean rows that the few control characters do not make the file look binary.
        QByteArray clean;
        for (int i = 0; i < 100; ++i)
            clean += "Clean Person " + QByteArray::number(i) + ",female,0.9,36,adult,GB,,0.8\n";
        const QString path = write(kHeader + clean + "Ada,\x1b]0;owned\x07\x1b[2J,0.9,36,adult,GB,,0.8\n"
                                   + "Bo,\xc2\x9b" + "31m,0.9,36,adult,GB,,0.8\n");
        QCOMPARE(cli({QStringLiteral("validate"), path}, nullptr, &out), 1);
        QVERIFY2(out.contains(QStringLiteral("\\x1B]0;owned\\x07\\x1B[2J")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("\\x9B31m")), qPrintable(out));
        for (const QChar c : std::as_const(out))
            QVERIFY2(
                c == QLatin1Char('\n')
                    || (c.unicode() >= 0x20 && c.unicode() != 0x7F && !(c.unicode() >= 0x80 && c.unicode() <= 0x9F)),
                qPrintable(QString::number(c.unicode(), 16)));
    }

    void placeholdersInNamesStayAsWritten()
    {
        QString out;
        const QString path = write(kHeader
                                   + "Ada %1 %2,female,0.9,36,adult,GB,,0.8\n"
                                     "Ada %1 %2,female,0.9,36,adult,GB,,0.8\n");
        QCOMPARE(cli({QStringLiteral("validate"), path}, nullptr, &out), 1);
        QVERIFY2(out.contains(QStringLiteral("the name 'Ada %1 %2' already appears on line 2")), qPrintable(out));
    }

    void headerInErrorsIsShortAndPrintable()
    {
        QString out;
        QByteArray header = "\x1b[2Jnobody";
        for (int i = 0; i < 100000; ++i)
            header += ",c" + QByteArray::number(i);
        const QString path = write(header + "\nx\n");
        QCOMPARE(cli({QStringLiteral("validate"), path}, nullptr, &out), 2);
        QVERIFY2(out.contains(QStringLiteral("required columns missing")), qPrintable(out.left(300)));
        QVERIFY2(out.contains(QStringLiteral("\\x1B[2Jnobody")), qPrintable(out.left(300)));
        QVERIFY2(!out.contains(QChar(0x1B)), "an escape reached the output");
        QVERIFY2(out.size() < 2000, qPrintable(QString::number(out.size())));
    }

    void humanSummary()
    {
        QString out;
        const QString path = write(kHeader + "Ada,female,0.9,36,adult,GB,,0.8\nBo,robot,0.9,36,adult,GB,,0.8\n");
        QCOMPARE(cli({QStringLiteral("validate"), path}, nullptr, &out), 1);
        QVERIFY2(out.contains(QStringLiteral("rows read: 2, valid: 1, skipped: 1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("invalid_gender: 1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("line 3: invalid_gender")), qPrintable(out));
        QCOMPARE(cli({QStringLiteral("validate")}, nullptr, &out), 2);
    }

    void cancelAndResumeGiveTheSameTotals()
    {
        QByteArray bytes = kHeader;
        for (int i = 0; i < 5000; ++i)
            bytes += "Person " + QByteArray::number(i) + ",female,0.9," + QByteArray::number(i % 100) + ",,NG,,0.5\n";
        bytes += "Person 7x,robot,0.9,30,,NG,,0.5\n";
        const QString path = write(bytes);
        const ImportReport full = validateFile(path);

        ImportRequest request;
        request.filePath = path;
        request.batchSize = 1000;
        ImportRunner first(request);
        std::optional<ImportCheckpoint> last;
        first.setCheckpointCallback([&](const ImportCheckpoint &c) {
            last = c;
            if (c.record >= 2000)
                first.cancel();
        });
        const ImportReport partial = first.run();
        QCOMPARE(partial.status, ImportStatus::Cancelled);
        QVERIFY(partial.stoppedAt);
        QCOMPARE(partial.stoppedAt->record, 2000);
        QCOMPARE(partial.counts.rowsRead, 2000);

        // The checkpoint survives JSON (the job queue stores it) and resumes exactly.
        request.resume = ImportCheckpoint::fromJson(partial.stoppedAt->toJson());
        QVERIFY(request.resume);
        const ImportReport rest = ImportRunner(request).run();
        QCOMPARE(rest.status, ImportStatus::Completed);
        QCOMPARE(rest.counts.rowsRead, full.counts.rowsRead);
        QCOMPARE(rest.counts.rowsValid, full.counts.rowsValid);
        QCOMPARE(rest.counts.rowsSkipped, 1);
    }

    void previewShowsAtMostMaxColumns()
    {
        // A header of tens of thousands of columns: the preview keeps the whole header and
        // mapping (the import needs them) but shows only the first columns.
        QByteArray header = "name,gender,age,country_id";
        QByteArray row = "Ada,female,36,NG";
        for (int i = 0; i < 20000; ++i) {
            header += ",c" + QByteArray::number(i);
            row += ",";
        }
        PreviewRequest request;
        request.filePath = write(header + '\n' + row + '\n');
        const auto preview = previewImport(request);
        QVERIFY2(preview.ok(), qPrintable(preview.error()));
        QCOMPARE(preview.value().header.size(), 20004);
        QCOMPARE(preview.value().mapping.columns.size(), 20004);
        QVERIFY(preview.value().missingRequired.isEmpty());
        QCOMPARE(preview.value().records.size(), 1);
        QCOMPARE(preview.value().records.first().cells.size(), request.maxColumns);
        QVERIFY(preview.value().records.first().problems.isEmpty());
        QCOMPARE(preview.value().hiddenColumns(), 20004 - request.maxColumns);

        request.maxColumns = 100000; // a cap above the width changes nothing
        QCOMPARE(previewImport(request).value().hiddenColumns(), 0);
    }

    void previewProposesMappingAndMarksCells()
    {
        const QString path = write("Full Name;Sex;Age;Country Code;notes\nAda;F;36;gb;x\nBo;robot;old;XX;y\n"
                                   "ada;f;36;GB;dup\n");
        PreviewRequest request;
        request.filePath = path;
        auto preview = previewImport(request);
        QVERIFY2(preview.ok(), qPrintable(preview.error()));
        QCOMPARE(preview->delimiter, ';');
        QCOMPARE(preview->header.size(), 5);
        QCOMPARE(preview->mapping.columnOf(ProfileField::CountryId), 3);
        QCOMPARE(preview->mapping.columns[4], ProfileField::Ignored);
        QVERIFY(preview->missingRequired.isEmpty());
        QCOMPARE(preview->records.size(), 3);
        QVERIFY(preview->endOfFile);
        QVERIFY(preview->records[0].problems.isEmpty());
        QCOMPARE(preview->records[1].problems.size(), 3);
        QCOMPARE(preview->records[2].problems.value(0).reason, RejectReason::DuplicateInFile);

        // Every override changes the result.
        request.overrides.delimiter = ',';
        preview = previewImport(request);
        QVERIFY(preview.ok());
        QCOMPARE(preview->header.size(), 1);
        QVERIFY(!preview->missingRequired.isEmpty());
        request.overrides.delimiter = 0;
        HeaderMapping mapping
            = mapHeader(QStringLiteral("Full Name;Sex;Age;Country Code;notes").split(QLatin1Char(';')));
        mapping.columns[3] = ProfileField::Ignored;
        request.overrides.mapping = mapping;
        preview = previewImport(request);
        QVERIFY(preview.ok());
        QCOMPARE(preview->missingRequired, QStringList{QStringLiteral("country_id")});
        request.overrides.mapping.reset();
        request.overrides.encoding = csv::TextEncoding::Utf16Le;
        preview = previewImport(request);
        QVERIFY(!preview.ok() || preview->header.size() != 5);
    }
};

QTEST_GUILESS_MAIN(TestValidateRunner)
#include "tst_import_validate.moc"
