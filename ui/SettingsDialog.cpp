#include "ui/SettingsDialog.h"

#include "core/db/Connection.h"
#include "core/secrets/SecretStore.h"
#include "core/services/AppSettings.h"
#include "ui/ErrorLabel.h"
#include "ui/KeychainFeedback.h"
#include "ui/settings/EmailPanel.h"
#include "ui/settings/ProvidersPanel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlDatabase>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace insighta {

SettingsDialog::SettingsDialog(const DatabaseUrl &current, QWidget *parent)
    : QDialog(parent)
    , m_chosen(current)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(560);
    auto *outer = new QVBoxLayout(this);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    outer->addWidget(tabs);
    auto *databasePage = new QWidget(tabs);
    databasePage->setObjectName(QStringLiteral("databaseSettingsPage"));
    auto *layout = new QVBoxLayout(databasePage);
    layout->addWidget(buildDatabaseBox(databasePage));

    m_error = new ErrorLabel(QStringLiteral("settingsError"), databasePage);
    layout->addWidget(m_error);
    layout->addStretch();
    tabs->addTab(databasePage, tr("Database"));
    m_providers = new ProvidersPanel(AppSettings::instance(), tabs);
    tabs->addTab(m_providers, tr("AI providers"));
    m_email = new EmailPanel(AppSettings::instance(), tabs);
    tabs->addTab(m_email, tr("Email"));
    m_tabs = tabs;

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    outer->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (current.kind == DatabaseKind::Postgres) {
        m_postgres->setChecked(true);
        m_url->setText(current.toString());
    } else {
        m_embedded->setChecked(true);
    }
    connect(m_embedded, &QRadioButton::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    updateEnabled();
    probeKeychain();
}

// Embedded workspace or a PostgreSQL server, with the server's settings under it.
QGroupBox *SettingsDialog::buildDatabaseBox(QWidget *databasePage)
{
    auto *databaseBox = new QGroupBox(tr("Database"), databasePage);
    auto *databaseLayout = new QVBoxLayout(databaseBox);
    m_embedded = new QRadioButton(tr("Embedded workspace (SQLite, on this computer)"), databaseBox);
    m_embedded->setObjectName(QStringLiteral("embeddedRadio"));
    auto *embeddedPath = new QLabel(DatabaseUrl::sqliteFile(defaultWorkspacePath()).displayName(), databaseBox);
    embeddedPath->setIndent(24);
    embeddedPath->setForegroundRole(QPalette::PlaceholderText);
    m_postgres = new QRadioButton(tr("PostgreSQL server (shared with your team)"), databaseBox);
    m_postgres->setObjectName(QStringLiteral("postgresRadio"));

    databaseLayout->addWidget(m_embedded);
    databaseLayout->addWidget(embeddedPath);
    databaseLayout->addWidget(m_postgres);
    databaseLayout->addLayout(buildServerForm(databaseBox));
    return databaseBox;
}

QFormLayout *SettingsDialog::buildServerForm(QGroupBox *databaseBox)
{
    auto *form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    m_url = new QLineEdit(databaseBox);
    m_url->setObjectName(QStringLiteral("databaseUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://analyst@db.example.org:5432/insighta?sslmode=verify-full"));
    m_password = new QLineEdit(databaseBox);
    m_password->setObjectName(QStringLiteral("databasePasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("leave empty to use PGPASSWORD or ~/.pgpass"));
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Password:"), m_password);
    m_keychainNote = new QLabel(tr("Checking the system keychain…"), databaseBox);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    form->addRow(QString(), m_keychainNote);
    // Only a URL with several servers has a standby to choose (docs/scaling.md).
    m_searchOnStandbys = new QCheckBox(tr("Search on standbys when available"), databaseBox);
    m_searchOnStandbys->setObjectName(QStringLiteral("searchOnStandbysCheck"));
    m_searchOnStandbys->setToolTip(tr("With several servers in the URL, searches, counts, charts and exports go to a "
                                      "hot standby; imports, jobs and every write go to the primary."));
    m_searchOnStandbys->setChecked(AppSettings::instance().value(AppSettings::Key::SearchOnStandbys).toBool());
    form->addRow(QString(), m_searchOnStandbys);

    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test connection"), databaseBox);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_testResult = new QLabel(databaseBox);
    m_testResult->setObjectName(QStringLiteral("testConnectionResult"));
    m_testResult->setWordWrap(true);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    form->addRow(QString(), testRow);
    return form;
}

void SettingsDialog::probeKeychain()
{
    // Probe the keychain once: a read of a key that does not exist tells whether a service runs.
    SecretStore::read(QStringLiteral("probe"), this, [this](const SecretStore::Outcome &outcome) {
        m_keychainAvailable = outcome.ok || outcome.notFound;
        m_keychainNote->setText(m_keychainAvailable
                                    ? tr("The password is kept in the system keychain.")
                                    : tr("No system keychain is available, so the password will not be remembered: "
                                         "it is used for this session only. Set PGPASSWORD or use ~/.pgpass to avoid "
                                         "typing it again."));
    });
}

void SettingsDialog::updateEnabled()
{
    const bool postgres = m_postgres->isChecked();
    m_url->setEnabled(postgres);
    m_password->setEnabled(postgres);
    m_searchOnStandbys->setEnabled(postgres);
    m_test->setEnabled(true);
}

std::optional<DatabaseUrl> SettingsDialog::validatedUrl(QString *error) const
{
    if (m_embedded->isChecked())
        return DatabaseUrl::sqliteFile(defaultWorkspacePath());
    const auto url = DatabaseUrl::parse(m_url->text());
    if (!url.ok()) {
        *error = url.error();
        return std::nullopt;
    }
    if (url->kind != DatabaseKind::Postgres) {
        *error = tr("Enter a postgresql:// URL, or choose the embedded workspace.");
        return std::nullopt;
    }
    return url.value();
}

void SettingsDialog::testConnection()
{
    QString error;
    const auto url = validatedUrl(&error);
    if (!url) {
        m_testResult->setText(error);
        return;
    }
    if (!m_password->text().isEmpty())
        Credentials::setPassword(*url, m_password->text());
    m_test->setEnabled(false);
    m_testResult->setText(tr("Connecting…"));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QString result = watcher->result();
        m_testResult->setText(result.isEmpty() ? tr("Connected successfully.") : result);
        m_test->setEnabled(true);
    });
    const DatabaseUrl &target = *url;
    watcher->setFuture(QtConcurrent::run([target] {
        const QString name = QStringLiteral("settings-test-%1").arg(quintptr(QThread::currentThreadId()));
        QString error;
        {
            auto db = openDatabase(target, name);
            if (!db.ok())
                error = db.error();
            else
                db.value().close();
        }
        QSqlDatabase::removeDatabase(name);
        return error;
    }));
}

void SettingsDialog::accept()
{
    QString error;
    const auto url = validatedUrl(&error);
    if (!url) {
        m_error->setText(error);
        return;
    }
    if (!m_email->validate().isEmpty()) {
        m_tabs->setCurrentWidget(m_email);
        return;
    }
    if (const QString problem = m_providers->validate(); !problem.isEmpty()) {
        m_tabs->setCurrentWidget(m_providers);
        m_error->setText(problem);
        return;
    }
    m_chosen = *url;
    AppSettings::instance().setValue(AppSettings::Key::SearchOnStandbys, m_searchOnStandbys->isChecked());
    m_providers->save();
    m_email->save();
    if (m_chosen.kind == DatabaseKind::Postgres && !m_password->text().isEmpty()) {
        Credentials::setPassword(m_chosen, m_password->text());
        if (m_keychainAvailable)
            SecretStore::write(SecretStore::databasePasswordKey(m_chosen.toString()), m_password->text(), parent(),
                               reportKeychainWrite(parent(), tr("The database password")));
    }
    QDialog::accept();
}

ServiceConfig SettingsDialog::serviceConfig() const
{
    ServiceConfig config;
    config.ai = m_providers->currentSettings();
    config.emailFrom = m_email->sender();
    config.resendApiKey = m_email->apiKey();
    return config;
}

} // namespace insighta
