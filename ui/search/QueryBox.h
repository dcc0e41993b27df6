#pragma once

#include "core/profiles/QueryParser.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;

namespace insighta {

// The plain-English box. Shows what was understood as chips (click a chip's × to drop that
// term from the query), the words that were not understood, and a clear message with example
// queries when nothing was understood. Parsing is pure and instant, so it runs here.
class QueryBox : public QWidget
{
    Q_OBJECT
public:
    explicit QueryBox(QWidget *parent = nullptr);
    QString text() const;
    void setText(const QString &text);
    // The last parse (ok() false when nothing was understood; empty query = no filter).
    const ParsedQuery &parsed() const { return m_parsed; }
    bool isEmpty() const;
    // Shows a message under the box (errors, contradictions); empty hides it.
    void showMessage(const QString &html);

signals:
    void queryChanged();

private:
    void reparse();
    void rebuildChips();

    QLineEdit *m_edit;
    QWidget *m_chips;
    QHBoxLayout *m_chipsLayout;
    QLabel *m_unrecognised;
    QLabel *m_message;
    ParsedQuery m_parsed;
};

} // namespace insighta
