#include "app/cli/commands/ServiceOptions.h"

#include "core/net/ai/AiProvider.h"
#include "core/services/AppSettings.h"

#include <QFileInfo>

#include <memory>

namespace insighta::cli {

void addServiceOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("settings"),
         QStringLiteral("The settings file with the provider, email and retry settings (default: the window's)."),
         QStringLiteral("file")},
        {QStringLiteral("credentials"),
         QStringLiteral("A file of \"name = key\" lines readable by its owner only (default: "
                        "INSIGHTA_CREDENTIALS_FILE, else ~/.config/insighta-desk/credentials if present)."),
         QStringLiteral("file")},
    });
}

std::optional<ServiceConfig> loadServiceConfig(const QCommandLineParser &parser, Io &io, int &exitCode)
{
    std::unique_ptr<AppSettings> own;
    const AppSettings *settings = &AppSettings::instance();
    if (parser.isSet(QStringLiteral("settings"))) {
        const QString path = parser.value(QStringLiteral("settings"));
        if (!QFileInfo(path).isFile()) {
            io.err << "insighta: There is no settings file at " << path << ".\n";
            exitCode = UnusableInput;
            return std::nullopt;
        }
        own = std::make_unique<AppSettings>(path);
        settings = own.get();
    }
    KeyLookup lookup;
    lookup.useKeychain = qEnvironmentVariableIsEmpty("INSIGHTA_NO_KEYCHAIN");
    lookup.credentialsFile = parser.value(QStringLiteral("credentials"));
    auto config = loadServiceConfigBlocking(*settings, lookup);
    if (!config.ok()) {
        io.err << "insighta: " << config.error() << "\n";
        exitCode = UnusableInput;
        return std::nullopt;
    }
    return std::move(config).value();
}

QStringList usableProviders(const ServiceConfig &config)
{
    QStringList usable;
    for (const QString &id : config.ai.order) {
        // A keyless local server (Ollama) counts once the settings name where it runs: the
        // default order lists it for every machine, most of which run none.
        const bool ready
            = net::AiProvider::needsKey(id) ? config.ai.apiKeys.contains(id) : config.ai.baseUrls.contains(id);
        if (ready)
            usable << id;
    }
    return usable;
}

} // namespace insighta::cli
