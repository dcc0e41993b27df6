#include "core/services/AppSettings.h"

namespace insighta {

namespace {

struct KeyInfo
{
    AppSettings::Key key;
    const char *name;
    QVariant defaultValue;
};

const QList<KeyInfo> &keyTable()
{
    static const QList<KeyInfo> table{
        {AppSettings::Key::DatabaseUrl, "database/url", QString()},
        {AppSettings::Key::ImportBatchSize, "import/batchSize", 10000},
        {AppSettings::Key::ImportConcurrency, "import/concurrency", 2},
        {AppSettings::Key::ProviderOrder, "ai/providerOrder", QStringLiteral("gemini,groq,openrouter,ollama")},
        {AppSettings::Key::ProviderBaseUrls, "ai/baseUrls", QStringLiteral("{}")},
        {AppSettings::Key::ProviderModels, "ai/models", QStringLiteral("{}")},
        {AppSettings::Key::MainWindowGeometry, "ui/mainWindowGeometry", QByteArray()},
        {AppSettings::Key::LastImportFolder, "ui/lastImportFolder", QString()},
        {AppSettings::Key::LastExportFolder, "ui/lastExportFolder", QString()},
        {AppSettings::Key::EmailFrom, "email/from", QString()},
        {AppSettings::Key::ResendBaseUrl, "email/resendBaseUrl", QString()},
        {AppSettings::Key::SearchOnStandbys, "database/searchOnStandbys", false},
    };
    return table;
}

const KeyInfo &info(AppSettings::Key key)
{
    for (const KeyInfo &entry : keyTable()) {
        if (entry.key == key)
            return entry;
    }
    Q_UNREACHABLE();
}

} // namespace

AppSettings &AppSettings::instance()
{
    static AppSettings settings;
    return settings;
}

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

AppSettings::AppSettings(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

QVariant AppSettings::value(Key key) const
{
    const KeyInfo &entry = info(key);
    return m_settings->value(QString::fromLatin1(entry.name), entry.defaultValue);
}

void AppSettings::setValue(Key key, const QVariant &value)
{
    if (m_settings->value(keyName(key), defaultValue(key)) == value)
        return;
    m_settings->setValue(keyName(key), value);
    emit changed(key);
}

QString AppSettings::keyName(Key key)
{
    return QString::fromLatin1(info(key).name);
}

QVariant AppSettings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

} // namespace insighta
