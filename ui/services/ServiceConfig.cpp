#include "ui/services/ServiceConfig.h"

#include "core/interviews/InterviewReports.h"
#include "core/secrets/SecretStore.h"
#include "ui/AppSettings.h"

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

void loadServiceConfig(AppSettings &settings, QObject *context, std::function<void(ServiceConfig)> done)
{
    auto config = std::make_shared<ServiceConfig>();
    config->ai = storedAiSettings(settings);
    config->emailFrom = settings.value(AppSettings::Key::EmailFrom).toString();
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

} // namespace insighta
