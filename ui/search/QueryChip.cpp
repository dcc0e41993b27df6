#include "ui/search/QueryChip.h"

#include "core/profiles/Countries.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QFocusEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

#include <cmath>

namespace insighta {

namespace {

const QChar kEnDash(0x2013);

QString kindLabel(QueryTerm::Kind kind)
{
    return queryTermKindName(kind).replace(QLatin1Char('_'), QLatin1Char(' '));
}

// "20–45" or "30" -> {20, 45} / {30, 30}.
std::pair<int, int> rangeOf(const QString &value)
{
    const QStringList parts = value.split(kEnDash);
    const int lo = parts.value(0).toInt();
    return {lo, parts.size() > 1 ? parts.at(1).toInt() : lo};
}

struct SortChoice
{
    SortKey key;
    SortOrder order;
};

QList<SortChoice> sortChoices()
{
    QList<SortChoice> choices;
    for (const SortKey key :
         {SortKey::CreatedAt, SortKey::Age, SortKey::Name, SortKey::Country, SortKey::GenderProbability}) {
        for (const SortOrder order : {SortOrder::Asc, SortOrder::Desc})
            choices.append({key, order});
    }
    return choices;
}

QString sortValue(SortKey key, SortOrder order)
{
    return sortKeyName(key) + QLatin1Char(' ') + sortOrderName(order);
}

bool isProbability(QueryTerm::Kind kind)
{
    return kind == QueryTerm::Kind::MinGenderProbability || kind == QueryTerm::Kind::MinCountryProbability;
}

} // namespace

QueryChip::QueryChip(const QueryTerm &term, int index, QWidget *parent)
    : QFrame(parent)
    , m_term(term)
    , m_index(index)
{
    setObjectName(QStringLiteral("searchChip%1").arg(index));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 1, 2, 1);
    layout->setSpacing(0);
    m_value = new QToolButton(this);
    m_value->setObjectName(QStringLiteral("searchChip%1Value").arg(index));
    m_value->setText(chipText(term));
    m_value->setToolTip(
        tr("From \"%1\". Click, or press Enter or F2, to change it; Delete removes it.").arg(term.text));
    m_value->setAutoRaise(true);
    m_value->setFocusPolicy(Qt::StrongFocus); // Tab reaches every chip
    m_value->installEventFilter(this);
    layout->addWidget(m_value);
    m_remove = new QToolButton(this);
    m_remove->setObjectName(QStringLiteral("searchChip%1Remove").arg(index));
    m_remove->setText(QStringLiteral("×"));
    m_remove->setToolTip(tr("Remove \"%1\" from the query").arg(term.text));
    m_remove->setAutoRaise(true);
    m_remove->setFocusPolicy(Qt::NoFocus); // Delete on the chip does the same from the keyboard
    layout->addWidget(m_remove);
    setFocusProxy(m_value);

    connect(m_value, &QToolButton::clicked, this, &QueryChip::startEditing);
    connect(m_remove, &QToolButton::clicked, this, &QueryChip::removeRequested);
}

QString QueryChip::chipText(const QueryTerm &term)
{
    // An exclusion reads as what it does, so it is never mistaken for the country it names.
    if (term.kind == QueryTerm::Kind::ExcludeCountry)
        return tr("not %1").arg(displayValue(term));
    if (isProbability(term.kind))
        return QStringLiteral("%1: ≥ %2").arg(kindLabel(term.kind).remove(QStringLiteral("min ")), term.value);
    return QStringLiteral("%1: %2").arg(kindLabel(term.kind), displayValue(term));
}

QString QueryChip::displayValue(const QueryTerm &term)
{
    if (term.kind != QueryTerm::Kind::Country && term.kind != QueryTerm::Kind::ExcludeCountry)
        return term.value;
    QStringList names;
    for (const QString &code : term.value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = Countries::instance().nameFor(code);
        names << (name.isEmpty() ? code : name);
    }
    return names.join(QStringLiteral(" / "));
}

QWidget *QueryChip::tabStop() const
{
    return m_value;
}

void QueryChip::focusChip()
{
    m_value->setFocus(Qt::OtherFocusReason);
}

void QueryChip::startEditing()
{
    if (m_editor)
        return;
    m_editor = buildEditor();
    m_value->hide();
    m_remove->hide();
    layout()->addWidget(m_editor);
    m_editor->show(); // now, not when the layout gets round to it: it takes focus next
    // An open chip looks like the input field it now is.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setFrameShadow(QFrame::Sunken);
    QWidget *first = m_combo ? static_cast<QWidget *>(m_combo) : m_from;
    first->setFocus(Qt::OtherFocusReason);
    if (m_combo && m_combo->isEditable())
        m_combo->lineEdit()->selectAll();
    else if (m_from)
        m_from->selectAll();
}

QWidget *QueryChip::buildEditor()
{
    auto *editor = new QWidget(this);
    editor->setObjectName(QStringLiteral("searchChip%1Editor").arg(m_index));
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(4, 0, 0, 0);
    row->setSpacing(4);
    auto *label = new QLabel(kindLabel(m_term.kind) + QLatin1Char(':'), editor);
    row->addWidget(label);

    switch (m_term.kind) {
    case QueryTerm::Kind::Gender:
    case QueryTerm::Kind::AgeGroup:
    case QueryTerm::Kind::Sort:
        addCombo(editor, row);
        fillChoices();
        break;
    case QueryTerm::Kind::Country:
    case QueryTerm::Kind::ExcludeCountry:
        addCombo(editor, row);
        fillCountries();
        break;
    case QueryTerm::Kind::MinAge:
    case QueryTerm::Kind::MaxAge:
        m_from = addSpin(editor, row, QStringLiteral("Age"), m_term.value.toInt());
        break;
    case QueryTerm::Kind::MinGenderProbability:
    case QueryTerm::Kind::MinCountryProbability:
        // Whole percentages: the filter keeps two decimals, so a finer step would not hold.
        m_from = addSpin(editor, row, QStringLiteral("Percent"), int(std::lround(m_term.value.toDouble() * 100.0)));
        m_from->setRange(0, 100);
        m_from->setSuffix(QStringLiteral("%"));
        break;
    case QueryTerm::Kind::AgeRange:
    case QueryTerm::Kind::Young: {
        const auto [lo, hi] = rangeOf(m_term.value);
        m_from = addSpin(editor, row, QStringLiteral("From"), lo);
        row->addWidget(new QLabel(tr("to"), editor));
        m_to = addSpin(editor, row, QStringLiteral("To"), hi);
        break;
    }
    }
    if (m_combo) {
        const bool country = m_term.kind == QueryTerm::Kind::Country || m_term.kind == QueryTerm::Kind::ExcludeCountry;
        const int current = m_combo->findData(country ? m_term.value.section(QLatin1Char(','), 0, 0) : m_term.value);
        m_combo->setCurrentIndex(std::max(0, current));
    }
    return editor;
}

void QueryChip::addCombo(QWidget *editor, QHBoxLayout *row)
{
    m_combo = new QComboBox(editor);
    m_combo->setObjectName(QStringLiteral("searchChip%1Combo").arg(m_index));
    m_combo->installEventFilter(this);
    row->addWidget(m_combo);
}

QSpinBox *QueryChip::addSpin(QWidget *editor, QHBoxLayout *row, const QString &suffix, int value)
{
    auto *spin = new QSpinBox(editor);
    spin->setObjectName(QStringLiteral("searchChip%1%2").arg(m_index).arg(suffix));
    spin->setRange(0, kMaxAge);
    spin->setValue(value);
    spin->setAccelerated(true);
    spin->installEventFilter(this);
    row->addWidget(spin);
    return spin;
}

// The few values a gender, age group or sort chip can take.
void QueryChip::fillChoices()
{
    switch (m_term.kind) {
    case QueryTerm::Kind::Gender:
        for (const Gender gender : {Gender::Female, Gender::Male})
            m_combo->addItem(genderName(gender), genderName(gender));
        break;
    case QueryTerm::Kind::AgeGroup:
        for (const AgeGroup group : {AgeGroup::Child, AgeGroup::Teenager, AgeGroup::Adult, AgeGroup::Senior}) {
            const AgeRange range = ageRangeOf(group);
            m_combo->addItem(range.max >= kMaxAge
                                 ? tr("%1 (%2+)").arg(ageGroupName(group)).arg(range.min)
                                 : tr("%1 (%2–%3)").arg(ageGroupName(group)).arg(range.min).arg(range.max),
                             ageGroupName(group));
        }
        break;
    case QueryTerm::Kind::Sort:
        for (const SortChoice &choice : sortChoices()) {
            const QString value = sortValue(choice.key, choice.order);
            m_combo->addItem(tr("%1, %2").arg(sortKeyName(choice.key).replace(QLatin1Char('_'), QLatin1Char(' ')),
                                              choice.order == SortOrder::Asc ? tr("ascending") : tr("descending")),
                             value);
        }
        break;
    default:
        break;
    }
}

void QueryChip::fillCountries()
{
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->lineEdit()->setObjectName(QStringLiteral("searchChip%1CountryText").arg(m_index));
    QList<const Country *> countries;
    for (const Country &country : Countries::instance().all())
        countries << &country;
    std::sort(countries.begin(), countries.end(),
              [](const Country *a, const Country *b) { return a->name.localeAwareCompare(b->name) < 0; });
    for (const Country *country : std::as_const(countries))
        m_combo->addItem(country->name, country->alpha2);
    // Type any part of a name: "ger" offers Germany, Niger, Nigeria, Algeria.
    m_combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_combo->completer()->setFilterMode(Qt::MatchContains);
    m_combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    // Choosing a completion (Enter or a click in its list) is the edit: while its list is
    // open the completer hands Enter to the combo past this chip's event filter.
    connect(m_combo->completer(), qOverload<const QString &>(&QCompleter::activated), this,
            [this] { QTimer::singleShot(0, this, [this] { commit(true); }); });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { QTimer::singleShot(0, this, [this] { commit(true); }); });
    m_combo->setMaxVisibleItems(15);
    m_combo->setMinimumContentsLength(16);
}

QueryTerm::Kind QueryChip::editedKind() const
{
    // "young" is a fixed range in the language; a different range is an age range.
    return m_term.kind == QueryTerm::Kind::Young ? QueryTerm::Kind::AgeRange : m_term.kind;
}

QString QueryChip::editedValue(QString *error) const
{
    if (m_from) {
        m_from->interpretText();
        if (isProbability(m_term.kind))
            return QString::number(m_from->value() / 100.0, 'f', 2);
        if (!m_to)
            return QString::number(m_from->value());
        m_to->interpretText();
        const int lo = m_from->value();
        const int hi = m_to->value();
        if (hi < lo) {
            *error = tr("The age range must not end (%1) below where it starts (%2).").arg(hi).arg(lo);
            return {};
        }
        return lo == hi ? QString::number(lo) : QStringLiteral("%1%2%3").arg(lo).arg(kEnDash).arg(hi);
    }
    if (!m_combo)
        return {}; // no editor is open
    if (m_term.kind != QueryTerm::Kind::Country && m_term.kind != QueryTerm::Kind::ExcludeCountry)
        return m_combo->currentData().toString();
    // A country: the chosen item when the text still names it, else whatever the text names.
    const QString text = m_combo->currentText().trimmed();
    const int exact = m_combo->findText(text, Qt::MatchFixedString);
    if (exact >= 0)
        return m_combo->itemData(exact).toString();
    QString code = Countries::instance().codeForName(text);
    if (code.isEmpty() && Countries::instance().byCode(text))
        code = text.toUpper();
    if (code.isEmpty())
        *error = tr("\"%1\" is not a country name. Pick one from the list.").arg(text);
    return code;
}

void QueryChip::commit(bool byKeyboard)
{
    if (!m_editor || m_committing)
        return;
    m_committing = true;
    QString error;
    const QString value = editedValue(&error);
    const QueryTerm::Kind kind = editedKind();
    const bool changed = kind != m_term.kind || value != m_term.value;
    finishEditing();
    if (byKeyboard)
        focusChip();
    m_committing = false;
    if (!error.isEmpty())
        emit editRefused(error);
    else if (changed)
        emit editRequested(kind, value, byKeyboard);
}

void QueryChip::finishEditing()
{
    if (!m_editor)
        return;
    QWidget *editor = m_editor;
    m_editor = nullptr;
    m_combo = nullptr;
    m_from = nullptr;
    m_to = nullptr;
    m_value->show();
    m_remove->show();
    setAutoFillBackground(false);
    setBackgroundRole(QPalette::Window);
    setFrameShadow(QFrame::Plain);
    editor->hide();
    // Not deleted here: this runs inside the editor's own event handling.
    editor->deleteLater();
}

void QueryChip::focusLeft()
{
    if (!m_editor)
        return;
    const QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_editor || m_editor->isAncestorOf(focus)))
        return; // from one spin box to the other, or into the combo's own line edit
    if (m_combo && m_combo->view()->isVisible())
        return; // the combo's list is open
    commit(false);
}

bool QueryChip::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_value && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_F2) {
            startEditing();
            return true;
        }
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            emit removeRequested();
            return true;
        }
        return false;
    }
    if (!m_editor || !m_editor->isAncestorOf(qobject_cast<QWidget *>(watched)))
        return false;
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            commit(true);
            return true;
        }
        if (key == Qt::Key_Escape) {
            finishEditing();
            focusChip();
            return true;
        }
    } else if (event->type() == QEvent::FocusOut) {
        const auto reason = static_cast<QFocusEvent *>(event)->reason();
        // A popup (the combo's list) or another window taking focus is not leaving the editor.
        if (reason != Qt::PopupFocusReason && reason != Qt::ActiveWindowFocusReason)
            QTimer::singleShot(0, this, &QueryChip::focusLeft); // once focus has landed
    }
    return false;
}

} // namespace insighta
