#pragma once

#include "core/net/ai/AiService.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QThread;
class QVBoxLayout;

namespace insighta {

class AppSettings;

// Settings → "AI providers": which providers to use and in what order, their base URLs and
// models (AppSettings ProviderOrder / ProviderBaseUrls / ProviderModels), their API keys (system
// keychain only, never settings or logs), and "Test connection" for the selected provider. The
// test runs in a worker thread; a generation number drops the answer of a superseded test.
class ProvidersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProvidersPanel(AppSettings &settings, QWidget *parent = nullptr);
    ~ProvidersPanel() override;

    // Empty when every base URL may be used; otherwise what is wrong (also shown on the panel,
    // with that provider selected). Only https, or plain http to this machine.
    QString validate();
    // Writes the order, URLs and models to the settings, and typed keys to the keychain.
    void save();
    // The settings as currently shown (keys: typed or loaded from the keychain).
    net::AiSettings currentSettings() const;

signals:
    void testFinished(const QString &provider, bool ok, const QString &text);

private:
    QStringList buildList(const net::AiSettings &stored);
    QVBoxLayout *buildMoveButtons();
    QFormLayout *buildForm();
    void readStoredKeys(const QStringList &ids);
    struct Entry
    {
        QString baseUrl; // empty = default
        QString model; // empty = default
        QString storedKey; // loaded from the keychain, memory only
        QString typedKey; // typed in this session, not yet saved
    };

    QString selectedId() const;
    void showSelected();
    void storeEdits();
    void move(int delta);
    void testConnection();
    void updateKeyStatus();

    AppSettings &m_settings;
    QHash<QString, Entry> m_entries;
    QListWidget *m_list = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_model = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QString m_shownId;
    QThread *m_thread = nullptr;
    QPointer<net::AiService> m_testService;
    quint64 m_generation = 0;
    bool m_keychainAvailable = true;
};

} // namespace insighta
