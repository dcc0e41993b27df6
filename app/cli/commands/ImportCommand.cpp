#include "app/cli/commands/Commands.h"

#include "core/importer/ImportResume.h"
#include "core/importer/ImportRunner.h"

#include <QHash>

#include <functional>

namespace insighta::cli {

int runImportFiles(const QStringList &files, const ImportRequest &base, bool json, const QString &rejectsPath, Io &io,
                   const std::function<void(ImportRequest &)> &prepare); // ValidateCommand.cpp

namespace {

// What stops a re-run after an interruption from meeting its own rows as duplicates: the
// unfinished earlier import of each file, which the person resumes or restarts by choice.
QString unfinishedMessage(const QString &file, const UnfinishedImport &unfinished)
{
    const ImportCheckpoint &point = unfinished.checkpoint;
    return QStringLiteral("%1: an earlier import of this file (same SHA-256, import %2) did not finish: it stopped "
                          "at line %3 with %4 rows loaded. Run again with --resume to continue from line %3, or "
                          "with --restart to read the file from the start (rows already loaded count as loaded, "
                          "not as rejects).")
        .arg(file, unfinished.entry.id)
        .arg(point.line)
        .arg(point.counts.rowsLoaded);
}

} // namespace

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
    parser.addOption({QStringLiteral("resume"),
                      QStringLiteral("Continue an unfinished earlier import of the same file from its checkpoint.")});
    parser.addOption({QStringLiteral("restart"),
                      QStringLiteral("Read a file with an unfinished earlier import from the start again.")});
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
    const bool resume = parser.isSet(QStringLiteral("resume"));
    const bool restart = parser.isSet(QStringLiteral("restart"));
    if (resume && restart)
        return usageError(io, QStringLiteral("import"), QStringLiteral("--resume and --restart exclude each other."));
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;

    // Every file is checked before any is imported, so a refusal changes nothing.
    QHash<QString, UnfinishedImport> unfinished;
    bool undecided = false;
    for (const QString &file : files) {
        auto found = findUnfinishedImport(*url, file);
        if (!found.ok()) {
            io.err << "insighta: " << found.error() << "\n";
            return BackendFailure;
        }
        if (!found.value())
            continue;
        unfinished.insert(file, *found.value());
        if (!resume && !restart) {
            io.err << "insighta: " << unfinishedMessage(file, *found.value()) << "\n";
            undecided = true;
        }
    }
    if (undecided)
        return UnusableInput;
    const UnfinishedChoice choice
        = resume ? UnfinishedChoice::Resume : (restart ? UnfinishedChoice::Restart : UnfinishedChoice::Ask);
    auto prepare = [&](ImportRequest &request) {
        const auto it = unfinished.constFind(request.filePath);
        if (it == unfinished.constEnd()) {
            if (resume)
                io.err << "insighta: " << request.filePath
                       << ": no unfinished import of this file to resume; importing it from the start.\n";
            return;
        }
        applyUnfinishedChoice(request, *it, choice);
    };

    ImportRequest request;
    request.database = *url;
    request.batchSize = batchSize;
    return runImportFiles(files, request, parser.isSet(QStringLiteral("json")), parser.value(QStringLiteral("rejects")),
                          io, prepare);
}

} // namespace insighta::cli
