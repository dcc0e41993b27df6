#pragma once

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

// Reads the provider and email settings and the keys (from the system keychain, asynchronously);
// calls `done` on `context`'s thread. Keys that cannot be read are simply absent.
void loadServiceConfig(AppSettings &settings, QObject *context, std::function<void(ServiceConfig)> done);

} // namespace insighta
