#include "app/cli/commands/Commands.h"

#include "core/importer/ImportRunner.h"
#include "core/importer/ImportSummary.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace insighta::cli {

// Shared by validate and import: runs every file, prints the summary or the JSON, and returns
// the worst exit code (3 > 2 > 1 > 0).
int runImportFiles(const QStringList &files, const ImportRequest &base, bool json, const QString &rejectsPath, Io &io,
                   const std::function<void(ImportRequest &)> &prepare)
{
    int exit = Success;
    QJsonArray reports;
    for (int i = 0; i < files.size(); ++i) {
        ImportRequest request = base;
        request.filePath = files.at(i);
        if (!rejectsPath.isEmpty()) {
            // Several files: rejects of the second and later go to OUT.2.csv, OUT.3.csv, ...
            request.rejectsPath = i == 0 ? rejectsPath
                                         : (rejectsPath.endsWith(QLatin1String(".csv"))
                                                ? rejectsPath.chopped(4) + QStringLiteral(".%1.csv").arg(i + 1)
                                                : rejectsPath + QStringLiteral(".%1").arg(i + 1));
        }
        if (prepare)
            prepare(request);
        const ImportReport report = ImportRunner(request).run();
        const int code = report.exitCode();
        // Exit codes by severity: a database failure outranks unusable input, which outranks skips.
        auto rank = [](int c) { return c == BackendFailure ? 3 : c == UnusableInput ? 2 : c; };
        if (rank(code) > rank(exit))
            exit = code;
        if (json) {
            reports.append(report.toJson());
        } else {
            io.out << importSummaryText(report);
            io.out.flush();
        }
        if (!json && report.status == ImportStatus::Failed)
            io.err << "insighta: " << report.file << ": " << report.error << "\n";
    }
    if (json) {
        const QJsonDocument doc = files.size() == 1 ? QJsonDocument(reports.at(0).toObject()) : QJsonDocument(reports);
        io.out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    return exit;
}

int runValidate(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Validate profile CSV files offline, with the same pipeline as import (no database)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("CSV files to validate."),
                                 QStringLiteral("FILE..."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the JSON report (an array for several files).")});
    parser.addOption({QStringLiteral("rejects"),
                      QStringLiteral("Write every skipped record (original columns + _line + _reason) to this CSV."),
                      QStringLiteral("OUT.csv")});
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("validate"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(io, QStringLiteral("validate"), QStringLiteral("no file given."));
    return runImportFiles(files, ImportRequest{}, parser.isSet(QStringLiteral("json")),
                          parser.value(QStringLiteral("rejects")), io, {});
}

} // namespace insighta::cli
