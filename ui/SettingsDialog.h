#pragma once

#include "core/db/DatabaseUrl.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace insighta {

class ProvidersPanel;

// Two tabs: "Database" and "AI providers" (ProvidersPanel). The database tab chooses the embedded
// SQLite workspace or a PostgreSQL server by URL. The password goes to the system keychain; where there is none, the
// dialog says so and the password is used for this session only (PGPASSWORD and ~/.pgpass still work).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const DatabaseUrl &current, QWidget *parent = nullptr);

    DatabaseUrl chosenUrl() const { return m_chosen; }
    bool keychainAvailable() const { return m_keychainAvailable; }

    void accept() override;

private:
    void updateEnabled();
    void testConnection();
    std::optional<DatabaseUrl> validatedUrl(QString *error) const;

    QRadioButton *m_embedded = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_test = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    ProvidersPanel *m_providers = nullptr;
    DatabaseUrl m_chosen;
    bool m_keychainAvailable = false;
};

} // namespace insighta
