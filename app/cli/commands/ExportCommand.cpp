#include "app/cli/commands/Commands.h"
#include "app/cli/commands/SearchOptions.h"

#include "core/db/Connection.h"
#include "core/db/ProfileExport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

namespace insighta::cli {

// insighta export ["QUERY"] [filter options] --output FILE.csv
int runExport(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Stream the profiles a query or filter options select to a CSV file (UTF-8, "
                       "RFC 4180; cells that a spreadsheet would run as formulas are prefixed with ')."));
    parser.addHelpOption();
    addFilterOptions(parser);
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("The CSV file to write."),
                      QStringLiteral("FILE.csv")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("No progress output.")});
    addDatabaseOption(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("export"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty())
        return usageError(io, QStringLiteral("export"), QStringLiteral("--output FILE.csv is required."));
    int exitCode = Success;
    const auto request = filterFromOptions(parser, io, QStringLiteral("export"), false, &exitCode);
    if (!request)
        return exitCode;
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;
    Connection connection(*url, QStringLiteral("cli-export"));
    if (!connection.ok()) {
        io.err << "insighta export: " << connection.error() << "\n";
        return BackendFailure;
    }
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    QElapsedTimer timer;
    timer.start();
    qint64 lastPercent = -1;
    const auto summary = ProfileCsvExporter(connection.database(), connection.kind())
                             .exportTo(output, request->filter, [&](qint64 done, qint64 total) {
                                 const qint64 percent = total ? done * 100 / total : 100;
                                 if (!quiet && percent / 10 != lastPercent / 10) {
                                     io.err << "  " << percent << "%\n";
                                     io.err.flush();
                                 }
                                 lastPercent = percent;
                             });
    if (!summary.ok()) {
        io.err << "insighta export: " << summary.error() << "\n";
        // A file we could not write is the user's input; anything else is the database.
        return summary.error().startsWith(QStringLiteral("Cannot write")) ? UnusableInput : BackendFailure;
    }
    io.out << "Exported " << QLocale(QLocale::English).toString(summary->rows) << " profiles to "
           << QFileInfo(output).absoluteFilePath() << " in "
           << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1) << " s.\n";
    return Success;
}

} // namespace insighta::cli
