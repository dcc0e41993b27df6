#include "app/cli/commands/Commands.h"

namespace insighta::cli {

// Placeholder until the feature lands; keeps the command list and exit codes honest.
int runJobs(const QStringList &arguments, Io &io)
{
    Q_UNUSED(arguments);
    io.err << "insighta jobs: not available in this build yet.\n";
    return UnusableInput;
}

} // namespace insighta::cli
