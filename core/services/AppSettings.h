#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace insighta {

// A typed facade over QSettings: keys are an enum with one table of names and defaults.
// Read on the UI thread; hand the values to workers. Secrets never go here (SecretStore).
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        DatabaseUrl, // empty = the embedded workspace
        ImportBatchSize,
        ImportConcurrency,
        ProviderOrder, // comma-separated provider ids
        ProviderBaseUrls, // JSON object provider -> base URL
        ProviderModels, // JSON object provider -> model
        MainWindowGeometry,
        LastImportFolder,
        LastExportFolder,
        EmailFrom, // the sender of invitations and reports; empty = the built-in one
        ResendBaseUrl, // empty = Resend's own (a relay or a test server otherwise)
        SearchOnStandbys, // searches, counts, charts and exports may go to a hot standby
    };
    Q_ENUM(Key)

    // The application's settings (QSettings with the app's organisation/name).
    static AppSettings &instance();
    // A settings object on a file of its own (tests).
    explicit AppSettings(const QString &iniFile, QObject *parent = nullptr);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

signals:
    void changed(insighta::AppSettings::Key key);

private:
    AppSettings();
    std::unique_ptr<QSettings> m_settings;
};

} // namespace insighta
