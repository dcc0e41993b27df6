#pragma once

#include "core/db/DatabaseUrl.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace insighta::cli {

// Exit codes, the public contract (docs/cli.md).
enum ExitCode : int {
    Success = 0, // success, and every row valid
    RowsSkipped = 1, // finished, but some rows were skipped (report written)
    UnusableInput = 2, // unreadable file, not CSV, missing columns, query not understood, bad arguments
    BackendFailure = 3, // database or network failure
};

// Where a command writes. Tests pass string-backed streams.
struct Io
{
    QTextStream &out;
    QTextStream &err;
};

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments, Io &io); // arguments[0] is the command name
};

const QList<Command> &commands();
int runCli(const QStringList &arguments, Io &io); // arguments[0] is the program name

// Shared option handling: --database URL (default INSIGHTA_DATABASE_URL, else the workspace).
void addDatabaseOption(QCommandLineParser &parser);
// Resolves --database (or the default), and for PostgreSQL loads a saved password from the
// keychain when there is one. On a bad URL prints the reason and returns nullopt.
std::optional<DatabaseUrl> resolveDatabase(const QCommandLineParser &parser, Io &io);

// resolveDatabase() for every command that must not create a workspace (all but `demo` and
// `db migrate`): a SQLite workspace that does not exist is refused with a message. On failure
// returns nullopt with `exitCode` set: UnusableInput for a bad URL, BackendFailure for a
// missing workspace.
std::optional<DatabaseUrl> resolveExistingDatabase(const QCommandLineParser &parser, Io &io, int &exitCode);

// Prints the parser's error plus a hint and returns UnusableInput.
int usageError(Io &io, const QString &command, const QString &message);

} // namespace insighta::cli
