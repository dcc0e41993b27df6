#include "ui/settings/EmailPanel.h"

#include "core/interviews/InterviewReports.h"
#include "core/secrets/SecretStore.h"
#include "core/services/AppSettings.h"
#include "ui/ErrorLabel.h"
#include "ui/KeychainFeedback.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace insighta {

EmailPanel::EmailPanel(AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("emailPanel"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Invitations and assessment reports are sent through Resend, each exactly once, "
                                "by background jobs. The API key is kept in the system keychain."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_from = new QLineEdit(settings.value(AppSettings::Key::EmailFrom).toString(), this);
    m_from->setObjectName(QStringLiteral("emailFromEdit"));
    m_from->setPlaceholderText(reports::defaultSender());
    m_from->setToolTip(tr("An address on a domain you verified with Resend, e.g. "
                          "\"Hiring team <hiring@example.org>\"."));
    form->addRow(tr("Sender:"), m_from);
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("resendKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("re_…"));
    form->addRow(tr("Resend API key:"), m_key);
    m_keyStatus = new QLabel(this);
    m_keyStatus->setObjectName(QStringLiteral("resendKeyStatus"));
    m_keyStatus->setWordWrap(true);
    form->addRow(QString(), m_keyStatus);
    layout->addLayout(form);
    m_error = new ErrorLabel(QStringLiteral("emailSettingsError"), this);
    layout->addWidget(m_error);
    layout->addStretch();

    connect(m_key, &QLineEdit::textChanged, this, &EmailPanel::updateKeyStatus);
    updateKeyStatus();
    SecretStore::read(SecretStore::resendApiKeyKey(), this, [this](const SecretStore::Outcome &outcome) {
        m_keyLoaded = true;
        if (outcome.ok)
            m_storedKey = outcome.value;
        else if (!outcome.notFound)
            m_keychainAvailable = false;
        updateKeyStatus();
    });
}

bool EmailPanel::isValidSender(const QString &sender)
{
    // Resend takes "email@example.com" or "Name <email@example.com>".
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*(?:[^<>@]*<\s*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)\s*$)"));
    return pattern.match(sender).hasMatch();
}

QString EmailPanel::validate()
{
    const QString from = m_from->text().trimmed();
    QString error;
    if (!from.isEmpty() && !isValidSender(from))
        error = tr("The sender \"%1\" is not an email address. Write it as name@example.org or "
                   "Name <name@example.org>.")
                    .arg(from);
    m_error->setText(error);
    return error;
}

QString EmailPanel::sender() const
{
    return m_from->text().trimmed();
}

QString EmailPanel::apiKey() const
{
    const QString typed = m_key->text().trimmed();
    return typed.isEmpty() ? m_storedKey : typed;
}

void EmailPanel::save()
{
    m_settings.setValue(AppSettings::Key::EmailFrom, sender());
    const QString typed = m_key->text().trimmed();
    if (typed.isEmpty())
        return;
    // Parented to the dialog's parent so the write completes after the dialog closes.
    QObject *owner = parent() ? parent() : this;
    SecretStore::write(SecretStore::resendApiKeyKey(), typed, owner,
                       reportKeychainWrite(owner, tr("The Resend API key")));
    m_storedKey = typed;
    m_key->clear();
}

void EmailPanel::updateKeyStatus()
{
    QString text;
    if (!m_key->text().trimmed().isEmpty())
        text = m_keychainAvailable ? tr("The new key is saved to the keychain when you press OK.")
                                   : tr("No keychain is running: the key is used until you quit, not remembered.");
    else if (!m_keyLoaded)
        text = tr("Reading the keychain…");
    else if (!m_keychainAvailable)
        text = tr("No keychain is running: a key typed here is used until you quit, not remembered.");
    else if (!m_storedKey.isEmpty())
        text = tr("A key is saved in the keychain. Type a new one to replace it.");
    else
        text = tr("No key yet: emails wait in the queue and are sent once a key is set.");
    m_keyStatus->setText(text);
}

} // namespace insighta
