#pragma once

#include "app/cli/Cli.h"
#include "core/services/ServiceConfig.h"

namespace insighta::cli {

// --settings FILE and --credentials FILE, for the commands that reach AI providers or Resend
// (`jobs work`, `interviews`). Keys are never options: see loadServiceConfigBlocking().
void addServiceOptions(QCommandLineParser &parser);

// The provider and email settings (the window's settings file, or --settings FILE) with the
// keys from the keychain, the environment or the credentials file. On failure prints why and
// returns nullopt with `exitCode` set (UnusableInput: a missing settings file, or a credentials
// file that is missing, malformed or readable by others).
std::optional<ServiceConfig> loadServiceConfig(const QCommandLineParser &parser, Io &io, int &exitCode);

// The configured providers that have what they need: a key, or for a keyless local server a
// base URL in the settings. Empty = a missing provider configuration.
QStringList usableProviders(const ServiceConfig &config);

} // namespace insighta::cli
