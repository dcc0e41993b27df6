#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace insighta {

class AppSettings;

// Settings → "Email": the sender of invitations and reports (AppSettings EmailFrom) and the
// Resend API key (system keychain only). Without a key, queued emails wait in the job queue and
// go out once one is set — nothing is lost.
class EmailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EmailPanel(AppSettings &settings, QWidget *parent = nullptr);

    // Empty when the sender is acceptable; otherwise what is wrong with it, in words (also
    // shown on the panel).
    QString validate();
    // Writes the sender to the settings and a typed key to the keychain.
    void save();
    QString sender() const;
    // The key as currently known: typed in this dialog, or read from the keychain.
    QString apiKey() const;

    // Accepts "name@example.org" and "Name <name@example.org>".
    static bool isValidSender(const QString &sender);

private:
    void updateKeyStatus();

    AppSettings &m_settings;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLabel *m_error = nullptr;
    QString m_storedKey;
    bool m_keychainAvailable = true;
    bool m_keyLoaded = false;
};

} // namespace insighta
