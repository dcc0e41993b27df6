#pragma once

#include "app/cli/Cli.h"
#include "core/interviews/InterviewRepository.h"

// The actions of `insighta interviews`, split by what they need: the database alone
// (InterviewsCommand.cpp) or the AI providers and Resend as well (InterviewsAiCommands.cpp).
namespace insighta::cli::interviews {

struct Context
{
    const QCommandLineParser &parser;
    const QStringList &positional; // action, ID, ...
    const DatabaseUrl &url;
    InterviewRepository &repository;
    Io &io;
};

int assess(Context &c, const InterviewDetail &detail);
int ask(Context &c, const InterviewDetail &detail);
int email(Context &c, const InterviewDetail &detail);

} // namespace insighta::cli::interviews
