#pragma once

#include "core/profiles/QueryParser.h"

#include <QFrame>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSpinBox;
class QToolButton;

namespace insighta {

// One understood term of the plain-English query, shown as a chip: "country: Nigeria  ×".
// Clicking the chip (or Enter / F2 when it has focus) turns it into an editor that fits the
// term — a combo for gender, age group and sort, a combo with completion for countries, spin
// boxes for ages. Enter or leaving the editor applies, Esc cancels. Delete / × removes the term.
// The chip only reports what the person asked for; QueryBox decides whether the query can say
// it and rewrites the text.
class QueryChip : public QFrame
{
    Q_OBJECT
public:
    QueryChip(const QueryTerm &term, int index, QWidget *parent = nullptr);

    const QueryTerm &term() const { return m_term; }
    bool isEditing() const { return m_editor != nullptr; }
    void startEditing();
    // Gives keyboard focus to the chip itself (after a rebuild, so Tab order survives an edit).
    void focusChip();
    // The widget Tab stops at (chips are made after the rest of the page, so the box puts
    // them back in order right after the text).
    QWidget *tabStop() const;

    // What a chip shows for a term's value ("NG" -> "Nigeria").
    static QString displayValue(const QueryTerm &term);
    // The whole chip label: "country: Nigeria", "not Nigeria", "gender probability: ≥ 0.90".
    static QString chipText(const QueryTerm &term);

signals:
    // The person asked for this value. `kind` can differ from the term's kind: editing "young"
    // gives an age range. `byKeyboard` = Enter was pressed, so focus should come back here.
    void editRequested(QueryTerm::Kind kind, const QString &value, bool byKeyboard);
    void removeRequested();
    // The editor holds something that is not a value (an unknown country name): the reason.
    void editRefused(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildEditor();
    void addCombo(QWidget *editor, QHBoxLayout *row);
    QSpinBox *addSpin(QWidget *editor, QHBoxLayout *row, const QString &suffix, int value);
    void fillChoices();
    void fillCountries();
    void commit(bool byKeyboard);
    void finishEditing();
    // Where focus went when an editor widget lost it: still inside the editor means keep going.
    void focusLeft();
    // The edited value in the term's own value format, or an error for the person.
    QString editedValue(QString *error) const;
    QueryTerm::Kind editedKind() const;

    QueryTerm m_term;
    int m_index;
    QToolButton *m_value;
    QToolButton *m_remove;
    QWidget *m_editor = nullptr;
    QComboBox *m_combo = nullptr;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
    bool m_committing = false;
};

} // namespace insighta
