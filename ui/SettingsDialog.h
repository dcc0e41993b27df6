#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/services/ServiceConfig.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTabWidget;

namespace insighta {

class EmailPanel;
class ProvidersPanel;

// Three tabs: "Database", "AI providers" (ProvidersPanel) and "Email" (EmailPanel). The database tab chooses the
// embedded SQLite workspace or a PostgreSQL server by URL. The password goes to the system keychain; where there is
// none, the dialog says so and the password is used for this session only (PGPASSWORD and ~/.pgpass still work).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const DatabaseUrl &current, QWidget *parent = nullptr);

    DatabaseUrl chosenUrl() const { return m_chosen; }
    bool keychainAvailable() const { return m_keychainAvailable; }
    // The providers and email as accepted, keys included (typed or read from the keychain):
    // the background services take it as is, without reading the keychain again.
    ServiceConfig serviceConfig() const;

    void accept() override;

private:
    QGroupBox *buildDatabaseBox(QWidget *databasePage);
    QFormLayout *buildServerForm(QGroupBox *databaseBox);
    void probeKeychain();
    void updateEnabled();
    void testConnection();
    std::optional<DatabaseUrl> validatedUrl(QString *error) const;

    QRadioButton *m_embedded = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_url = nullptr;
    QCheckBox *m_searchOnStandbys = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_test = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTabWidget *m_tabs = nullptr;
    ProvidersPanel *m_providers = nullptr;
    EmailPanel *m_email = nullptr;
    DatabaseUrl m_chosen;
    bool m_keychainAvailable = false;
};

} // namespace insighta
