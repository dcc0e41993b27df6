#pragma once

#include "app/cli/Cli.h"

// One function per command, each in its own file under commands/.
namespace insighta::cli {
int runValidate(const QStringList &arguments, Io &io);
int runImport(const QStringList &arguments, Io &io);
int runParse(const QStringList &arguments, Io &io);
int runSearch(const QStringList &arguments, Io &io);
int runExport(const QStringList &arguments, Io &io);
int runDemo(const QStringList &arguments, Io &io);
int runDb(const QStringList &arguments, Io &io);
int runJobs(const QStringList &arguments, Io &io);
int runInterviews(const QStringList &arguments, Io &io);
} // namespace insighta::cli
