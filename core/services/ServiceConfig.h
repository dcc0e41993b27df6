#pragma once

#include "core/common/Result.h"
#include "core/net/ai/AiService.h"

#include <QString>
#include <QUrl>

#include <functional>

namespace insighta {

class AppSettings;

// What the background services need to reach the outside world: the AI provider chain and
// Resend. A plain value, read on the UI thread (settings and keychain) and handed over.
struct ServiceConfig
{
    net::AiSettings ai; // with the API keys found in the keychain
    QString resendApiKey; // empty: emails wait in the queue until one is set
    QUrl resendBaseUrl; // empty: Resend's own
    QString emailFrom; // "Insighta Interviews <interviews@example.org>"
    int workers = 2; // worker-pool threads
    qint64 resendSpacingMs = -1; // -1: the client's default pace (tests set 0)

    bool emailConfigured() const { return !resendApiKey.isEmpty(); }
    QString sender() const; // emailFrom, or the built-in sender when none is set
};

// The provider order, base URLs and models as stored in the settings (no keys).
net::AiSettings storedAiSettings(const AppSettings &settings);

// The provider and email settings, without keys.
ServiceConfig storedServiceConfig(const AppSettings &settings);

// Reads the provider and email settings and the keys (from the system keychain, asynchronously);
// calls `done` on `context`'s thread. Keys that cannot be read are simply absent.
void loadServiceConfig(AppSettings &settings, QObject *context, std::function<void(ServiceConfig)> done);

// Where a process without a window looks for keys, for each service in turn: the system keychain
// (unless `useKeychain` is off or none runs), the environment (INSIGHTA_<ID>_API_KEY), then the
// credentials file (keysources::defaultCredentialsFile() when `credentialsFile` is empty).
struct KeyLookup
{
    bool useKeychain = true;
    QString credentialsFile;
};

// The blocking variant for the command line. An error only for a credentials file that is
// named but missing, unreadable, malformed or readable by others; keys simply not found are
// absent from the configuration.
Result<ServiceConfig> loadServiceConfigBlocking(const AppSettings &settings, const KeyLookup &lookup);

} // namespace insighta
