#pragma once

#include "core/profiles/QueryParser.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;

namespace insighta {

class QueryChip;

// The plain-English box. Shows what was understood as chips, the words that were not
// understood, and a clear message with example queries when nothing was understood. Parsing is
// pure and instant, so it runs here.
//
// The text is the one source of truth: a chip's × removes its words from the text, and editing
// a chip in place (QueryChip) replaces its words with words that mean the new value
// (QueryRewrite); either way the text is reparsed and queryChanged() fires, exactly as if the
// person had typed it. An edit the query cannot express, or one that contradicts the rest of it,
// is refused with a message and leaves the text alone.
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
    // The message shown after a chip edit was refused (empty when none).
    QString chipMessage() const;

signals:
    void queryChanged();

private:
    void reparse();
    void rebuildChips();
    void applyChipEdit(int index, QueryTerm::Kind kind, const QString &value, bool refocus);
    void removeChip(int index);
    void showChipMessage(const QString &text);

    QLineEdit *m_edit;
    QWidget *m_chips;
    QHBoxLayout *m_chipsLayout;
    QLabel *m_unrecognised; // words not understood, with did-you-mean suggestions
    QLabel *m_corrections; // typos read as another word ("nigria → Nigeria")
    QLabel *m_chipMessage;
    QLabel *m_message;
    ParsedQuery m_parsed;
    int m_refocusChip = -1; // after a keyboard edit, the chip at this index takes focus again
};

} // namespace insighta
