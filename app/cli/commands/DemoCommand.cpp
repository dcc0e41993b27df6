#include "app/cli/commands/Commands.h"

#include "core/demo/DemoSeeder.h"

#include <QElapsedTimer>

namespace insighta::cli {

int runDemo(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Create or refresh the demo workspace: deterministic synthetic "
                       "profiles and demo interviews. Running it again adds only what is missing."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("profiles"), QStringLiteral("Number of profiles (default 200000)."),
                      QStringLiteral("N"), QString::number(DemoSeeder::kDefaultProfiles)});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("No progress output.")});
    addDatabaseOption(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("demo"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    bool ok = false;
    const qint64 count = parser.value(QStringLiteral("profiles")).toLongLong(&ok);
    if (!ok || count < 0)
        return usageError(io, QStringLiteral("demo"), QStringLiteral("--profiles needs a whole number of 0 or more."));
    const auto url = resolveDatabase(parser, io);
    if (!url)
        return UnusableInput;

    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    io.out << "Building the demo workspace in " << url->displayName() << " (" << count << " profiles)...\n";
    io.out.flush();
    QElapsedTimer timer;
    timer.start();
    qint64 lastPercent = -1;
    const auto summary = DemoSeeder(*url).run(count, [&](qint64 done, qint64 total) {
        const qint64 percent = total ? done * 100 / total : 100;
        if (!quiet && percent / 10 != lastPercent / 10) {
            io.err << "  " << percent << "%\n";
            io.err.flush();
        }
        lastPercent = percent;
    });
    if (!summary.ok()) {
        io.err << "insighta demo: " << summary.error() << "\n";
        return BackendFailure;
    }
    io.out << "Done in " << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1)
           << " s: " << summary->profilesInserted << " new profiles ("
           << (summary->profilesRequested - summary->profilesInserted) << " already there), " << summary->interviews
           << " demo interviews.\n";
    return Success;
}

} // namespace insighta::cli
