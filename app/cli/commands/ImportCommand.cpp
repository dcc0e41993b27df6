#include "app/cli/commands/Commands.h"

#include "core/importer/ImportRunner.h"

namespace insighta::cli {

int runImportFiles(const QStringList &files, const ImportRequest &base, bool json, const QString &rejectsPath,
                   Io &io); // ValidateCommand.cpp

int runImport(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import profile CSV files into the workspace (default: the embedded SQLite workspace) or a PostgreSQL "
        "database. Valid rows are loaded in batches; invalid and duplicate rows are skipped and reported."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("CSV files to import."),
                                 QStringLiteral("FILE..."));
    addDatabaseOption(parser);
    parser.addOption({QStringLiteral("batch-size"), QStringLiteral("Rows per transaction (default 10000)."),
                      QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the JSON report (an array for several files).")});
    parser.addOption({QStringLiteral("rejects"),
                      QStringLiteral("Write every skipped record (original columns + _line + _reason) to this CSV."),
                      QStringLiteral("OUT.csv")});
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("import"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(io, QStringLiteral("import"), QStringLiteral("no file given."));
    bool ok = false;
    const int batchSize = parser.value(QStringLiteral("batch-size")).toInt(&ok);
    if (!ok || batchSize < 1 || batchSize > 1000000)
        return usageError(io, QStringLiteral("import"),
                          QStringLiteral("--batch-size needs a whole number from 1 to 1000000."));
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;
    ImportRequest request;
    request.database = *url;
    request.batchSize = batchSize;
    return runImportFiles(files, request, parser.isSet(QStringLiteral("json")), parser.value(QStringLiteral("rejects")),
                          io);
}

} // namespace insighta::cli
