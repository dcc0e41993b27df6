#pragma once

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace insighta {

// Recipient, subject and a personal message for an invitation or a shared report.
class EmailDialog : public QDialog
{
    Q_OBJECT
public:
    EmailDialog(const QString &title, const QString &to, const QString &subject, const QString &message,
                QWidget *parent = nullptr);

    QString to() const;
    QString subject() const;
    QString message() const;

private:
    QLineEdit *m_to;
    QLineEdit *m_subject;
    QPlainTextEdit *m_message;
};

} // namespace insighta
