#include "app/cli/commands/Commands.h"

#include "core/db/Connection.h"
#include "core/db/Migrator.h"

namespace insighta::cli {

int runDb(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Database maintenance.\n\n  insighta db migrate [--database URL]   "
                                                    "apply pending schema migrations"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("migrate"));
    addDatabaseOption(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("db"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional != QStringList{QStringLiteral("migrate")})
        return usageError(io, QStringLiteral("db"), QStringLiteral("expected 'insighta db migrate'."));
    const auto url = resolveDatabase(parser, io);
    if (!url)
        return UnusableInput;

    const QString name = QStringLiteral("insighta-cli-migrate");
    int exitCode = Success;
    {
        auto db = openDatabase(*url, name);
        if (!db.ok()) {
            io.err << "insighta db migrate: " << db.error() << "\n";
            exitCode = BackendFailure;
        } else {
            Migrator migrator(db.value(), url->kind);
            const auto applied = migrator.apply();
            if (!applied.ok()) {
                io.err << "insighta db migrate: " << applied.error() << "\n";
                exitCode = BackendFailure;
            } else {
                const int version = migrator.currentVersion().ok() ? migrator.currentVersion().value() : 0;
                if (applied->isEmpty())
                    io.out << url->displayName() << " is up to date (schema version " << version << ").\n";
                else
                    io.out << "Applied " << applied->size() << " migration(s) to " << url->displayName()
                           << "; schema version " << version << ".\n";
            }
            db.value().close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return exitCode;
}

} // namespace insighta::cli
