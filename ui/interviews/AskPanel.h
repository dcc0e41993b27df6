#pragma once

#include "core/interviews/AskInterview.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace insighta {

// The ask-the-interview chat: questions and answers, with every cited turn time a link.
class AskPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AskPanel(QWidget *parent = nullptr);

    void clear();
    void setEnabledForInterview(bool enabled);
    void addQuestion(const QString &question);
    void addAnswer(const ask::Answer &answer);
    void setBusy(bool busy);

    QTextBrowser *history() const { return m_history; }
    QLineEdit *input() const { return m_input; }

signals:
    void questionAsked(const QString &question);
    void turnLinkActivated(const QString &turnId);

private:
    void submit();
    void render();

    QTextBrowser *m_history;
    QLineEdit *m_input;
    QPushButton *m_ask;
    QStringList m_entries; // rendered HTML per message
};

} // namespace insighta
