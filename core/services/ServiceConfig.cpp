#include "core/services/ServiceConfig.h"

#include "core/interviews/InterviewReports.h"
#include "core/net/ai/AiProvider.h"
#include "core/secrets/SecretStore.h"
#include "core/services/AppSettings.h"
#include "core/services/KeySources.h"

#include <QFileInfo>

#include <QPointer>

namespace insighta {

QString ServiceConfig::sender() const
{
    return emailFrom.trimmed().isEmpty() ? reports::defaultSender() : emailFrom.trimmed();
}

net::AiSettings storedAiSettings(const AppSettings &settings)
{
    return net::AiSettings::fromStored(settings.value(AppSettings::Key::ProviderOrder).toString(),
                                       settings.value(AppSettings::Key::ProviderBaseUrls).toString(),
                                       settings.value(AppSettings::Key::ProviderModels).toString());
}

ServiceConfig storedServiceConfig(const AppSettings &settings)
{
    ServiceConfig config;
    config.ai = storedAiSettings(settings);
    config.emailFrom = settings.value(AppSettings::Key::EmailFrom).toString();
    const QUrl resend(settings.value(AppSettings::Key::ResendBaseUrl).toString().trimmed());
    if (resend.isValid() && !resend.isRelative())
        config.resendBaseUrl = resend;
    return config;
}

void loadServiceConfig(AppSettings &settings, QObject *context, std::function<void(ServiceConfig)> done)
{
    auto config = std::make_shared<ServiceConfig>(storedServiceConfig(settings));
    // Two keychain reads, one after the other: the Resend key, then the providers' keys.
    SecretStore::read(SecretStore::resendApiKeyKey(), context,
                      [config, context, done = std::move(done)](const SecretStore::Outcome &resend) {
                          if (resend.ok)
                              config->resendApiKey = resend.value;
                          net::loadApiKeys(config->ai.order, context, [config, done](QHash<QString, QString> keys) {
                              config->ai.apiKeys = std::move(keys);
                              done(*config);
                          });
                      });
}

Result<ServiceConfig> loadServiceConfigBlocking(const AppSettings &settings, const KeyLookup &lookup)
{
    ServiceConfig config = storedServiceConfig(settings);
    const QString path
        = lookup.credentialsFile.isEmpty() ? keysources::defaultCredentialsFile() : lookup.credentialsFile;
    QHash<QString, QString> fromFile;
    if (!path.isEmpty()) {
        auto read = keysources::readCredentialsFile(path);
        if (!read.ok())
            return Error{read.error()};
        fromFile = std::move(read).value();
    }
    auto keyFor = [&](const QString &id) {
        if (lookup.useKeychain) {
            const auto stored = SecretStore::readBlocking(SecretStore::apiKeyKey(id));
            if (stored.ok && !stored.value.isEmpty())
                return stored.value;
        }
        const QString fromEnvironment = qEnvironmentVariable(keysources::environmentName(id).toLatin1().constData());
        return fromEnvironment.isEmpty() ? fromFile.value(id) : fromEnvironment;
    };
    for (const QString &id : config.ai.order) {
        if (!net::AiProvider::needsKey(id))
            continue;
        if (const QString key = keyFor(id); !key.isEmpty())
            config.ai.apiKeys.insert(id, key);
    }
    config.resendApiKey = keyFor(QStringLiteral("resend"));
    return config;
}

} // namespace insighta
