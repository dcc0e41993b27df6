#include "ui/interviews/EmailDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace insighta {

EmailDialog::EmailDialog(const QString &title, const QString &to, const QString &subject, const QString &message,
                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("emailDialog"));
    setWindowTitle(title);
    auto *form = new QFormLayout(this);
    m_to = new QLineEdit(to, this);
    m_to->setObjectName(QStringLiteral("emailTo"));
    m_subject = new QLineEdit(subject, this);
    m_subject->setObjectName(QStringLiteral("emailSubject"));
    m_message = new QPlainTextEdit(message, this);
    m_message->setObjectName(QStringLiteral("emailMessage"));
    form->addRow(tr("To:"), m_to);
    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("Message:"), m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("emailButtons"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Queue email"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto validate = [this, buttons] {
        static const QRegularExpression email(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(email.match(m_to->text().trimmed()).hasMatch() && !m_subject->text().trimmed().isEmpty());
    };
    connect(m_to, &QLineEdit::textChanged, this, validate);
    connect(m_subject, &QLineEdit::textChanged, this, validate);
    validate();
    resize(520, 360);
}

QString EmailDialog::to() const
{
    return m_to->text().trimmed();
}

QString EmailDialog::subject() const
{
    return m_subject->text().trimmed();
}

QString EmailDialog::message() const
{
    return m_message->toPlainText();
}

} // namespace insighta
