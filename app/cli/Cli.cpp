#include "app/cli/Cli.h"

#include "app/cli/commands/Commands.h"
#include "core/db/Connection.h"
#include "core/secrets/SecretStore.h"

#include <QCoreApplication>

namespace insighta::cli {

const QList<Command> &commands()
{
    static const QList<Command> list{
        {"validate", "Validate CSV files offline (no database)", &runValidate},
        {"import", "Import CSV files into the workspace or a PostgreSQL database", &runImport},
        {"parse", "Turn a plain-English query into a canonical filter", &runParse},
        {"search", "Search profiles", &runSearch},
        {"export", "Export matching profiles to CSV", &runExport},
        {"demo", "Create or refresh the demo workspace", &runDemo},
        {"db", "Database maintenance: db migrate", &runDb},
        {"jobs", "Background jobs: jobs list | show ID | retry ID | cancel ID | work", &runJobs},
        {"interviews", "Interviews: list | show | assess | ask | email | pdf", &runInterviews},
    };
    return list;
}

namespace {

void printHelp(QTextStream &out)
{
    out << "Usage: insighta <command> [options]\n\n"
           "Insighta Desk on the command line: validate and import profile CSV files,\n"
           "search profiles, and manage the workspace.\n\nCommands:\n";
    for (const Command &command : commands())
        out << QStringLiteral("  %1%2\n")
                   .arg(QString::fromLatin1(command.name), -12)
                   .arg(QString::fromLatin1(command.summary));
    out << "\nOptions:\n"
           "  -h, --help     Show this help (or 'insighta <command> --help')\n"
           "  -v, --version  Show the version\n\n"
           "Databases: --database URL, or INSIGHTA_DATABASE_URL; default is the embedded SQLite workspace.\n"
           "  postgresql://user@host:5432/dbname?sslmode=verify-full   sqlite:///path/to/workspace.db\n"
           "Passwords come from the keychain, PGPASSWORD or ~/.pgpass, never from the command line.\n\n"
           "Exit codes: 0 success, 1 some rows skipped, 2 unusable input, 3 database or network failure.\n";
}

} // namespace

int runCli(const QStringList &arguments, Io &io)
{
    const QString first = arguments.value(1);
    if (first.isEmpty() || first == QLatin1String("-h") || first == QLatin1String("--help")
        || first == QLatin1String("help")) {
        printHelp(io.out);
        return first.isEmpty() ? UnusableInput : Success;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        io.out << "insighta " << INSIGHTA_VERSION << "\n";
        return Success;
    }
    for (const Command &command : commands()) {
        if (first == QLatin1String(command.name))
            return command.run(arguments.mid(1), io);
    }
    io.err << "insighta: unknown command '" << first << "'. Run 'insighta --help' for the list.\n";
    return UnusableInput;
}

void addDatabaseOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("database"),
                      QStringLiteral("Database URL (postgresql://user@host:port/db, several servers as "
                                     "postgresql://user@db1:5432,db2:5432/db?target_session_attrs=read-write, "
                                     "or sqlite:///path). "
                                     "Default: INSIGHTA_DATABASE_URL, else the embedded workspace."),
                      QStringLiteral("url")});
}

std::optional<DatabaseUrl> resolveDatabase(const QCommandLineParser &parser, Io &io)
{
    const auto url = parser.isSet(QStringLiteral("database"))
        ? DatabaseUrl::parse(parser.value(QStringLiteral("database")))
        : defaultDatabaseUrl();
    if (!url.ok()) {
        io.err << "insighta: " << url.error() << "\n";
        return std::nullopt;
    }
    if (const QString warning = url->tlsWarning(); !warning.isEmpty())
        io.err << "insighta: warning: " << warning << "\n";
    if (url->kind == DatabaseKind::Postgres && qEnvironmentVariableIsEmpty("PGPASSWORD")
        && qEnvironmentVariableIsEmpty("INSIGHTA_NO_KEYCHAIN")) {
        // A password saved from the Settings dialog; without a keychain libpq uses ~/.pgpass.
        const auto secret = SecretStore::readBlocking(SecretStore::databasePasswordKey(url->toString()));
        if (secret.ok)
            Credentials::setPassword(url.value(), secret.value);
    }
    return url.value();
}

std::optional<DatabaseUrl> resolveExistingDatabase(const QCommandLineParser &parser, Io &io, int &exitCode)
{
    auto url = resolveDatabase(parser, io);
    if (!url) {
        exitCode = UnusableInput;
        return std::nullopt;
    }
    // Opening a missing SQLite file would create it (and its folders): a mistyped path would
    // answer "0 profiles" from a new empty workspace instead of saying it is wrong.
    if (const Status exists = requireExistingWorkspace(*url); !exists.ok()) {
        io.err << "insighta: " << exists.error() << "\n";
        exitCode = BackendFailure;
        return std::nullopt;
    }
    return url;
}

int usageError(Io &io, const QString &command, const QString &message)
{
    io.err << "insighta " << command << ": " << message << "\nRun 'insighta " << command << " --help' for usage.\n";
    return UnusableInput;
}

} // namespace insighta::cli
