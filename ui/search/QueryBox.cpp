#include "ui/search/QueryBox.h"

#include "ui/search/QueryChip.h"
#include "ui/search/QueryRewrite.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace insighta {

QueryBox::QueryBox(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("searchQueryBox"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("searchQuery"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("Describe who you are looking for, e.g. \"nigerian women between 20 and 45\""));
    layout->addWidget(m_edit);
    auto *row = new QHBoxLayout;
    m_chips = new QWidget(this);
    m_chips->setObjectName(QStringLiteral("searchChips"));
    m_chipsLayout = new QHBoxLayout(m_chips);
    m_chipsLayout->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_chips);
    m_unrecognised = new QLabel(this);
    m_unrecognised->setObjectName(QStringLiteral("searchUnrecognised"));
    m_unrecognised->setTextFormat(Qt::PlainText);
    // No wider than the words: the two notes sit together right after the chips.
    m_unrecognised->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    row->addWidget(m_unrecognised);
    m_corrections = new QLabel(this);
    m_corrections->setObjectName(QStringLiteral("searchCorrections"));
    m_corrections->setTextFormat(Qt::PlainText);
    m_corrections->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    row->addWidget(m_corrections);
    row->addStretch(1); // the labels sit right after the chips; the spare width goes here
    row->setSpacing(12);
    layout->addLayout(row);
    m_chipMessage = new QLabel(this);
    m_chipMessage->setObjectName(QStringLiteral("searchChipMessage"));
    m_chipMessage->setWordWrap(true);
    m_chipMessage->setTextFormat(Qt::PlainText);
    m_chipMessage->setForegroundRole(QPalette::LinkVisited); // stands out without shouting
    m_chipMessage->hide();
    layout->addWidget(m_chipMessage);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("searchMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);
    connect(m_edit, &QLineEdit::textChanged, this, &QueryBox::reparse);
}

QString QueryBox::text() const
{
    return m_edit->text();
}

void QueryBox::setText(const QString &text)
{
    m_edit->setText(text);
}

bool QueryBox::isEmpty() const
{
    return m_edit->text().trimmed().isEmpty();
}

void QueryBox::showMessage(const QString &html)
{
    m_message->setText(html);
    m_message->setVisible(!html.isEmpty());
}

QString QueryBox::chipMessage() const
{
    return m_chipMessage->isVisible() ? m_chipMessage->text() : QString();
}

void QueryBox::showChipMessage(const QString &text)
{
    m_chipMessage->setText(text);
    m_chipMessage->setVisible(!text.isEmpty());
}

void QueryBox::reparse()
{
    m_parsed = isEmpty() ? ParsedQuery{} : QueryParser::parse(m_edit->text());
    showChipMessage(QString()); // the text changed: an earlier refusal no longer applies
    rebuildChips();
    emit queryChanged();
}

void QueryBox::applyChipEdit(int index, QueryTerm::Kind kind, const QString &value, bool refocus)
{
    const QueryRewrite::Edit edit = QueryRewrite::replaceTerm(m_edit->text(), m_parsed, index, kind, value);
    if (!edit.ok()) {
        showChipMessage(edit.error);
        return;
    }
    m_refocusChip = refocus ? index : -1;
    m_edit->setText(edit.query); // reparses, rebuilds the chips and re-runs the search
    m_refocusChip = -1;
}

void QueryBox::removeChip(int index)
{
    if (index < 0 || index >= m_parsed.terms.size())
        return;
    m_edit->setText(QueryRewrite::removeTerm(m_edit->text(), m_parsed.terms.at(index)));
}

void QueryBox::rebuildChips()
{
    while (QLayoutItem *item = m_chipsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QWidget *previous = m_edit;
    for (int index = 0; index < m_parsed.terms.size(); ++index) {
        auto *chip = new QueryChip(m_parsed.terms.at(index), index, m_chips);
        // Queued: the chip asks from inside its own event handling, and the rebuild that the
        // new text causes deletes it.
        connect(chip, &QueryChip::editRequested, this,
                [this, index](QueryTerm::Kind kind, const QString &value, bool byKeyboard) {
                    QTimer::singleShot(0, this, [=, this] { applyChipEdit(index, kind, value, byKeyboard); });
                });
        connect(chip, &QueryChip::removeRequested, this,
                [this, index] { QTimer::singleShot(0, this, [this, index] { removeChip(index); }); });
        connect(chip, &QueryChip::editRefused, this, &QueryBox::showChipMessage);
        m_chipsLayout->addWidget(chip);
        chip->show(); // now, so that it can take focus
        QWidget::setTabOrder(previous, chip->tabStop()); // Tab from the text goes through the chips
        previous = chip->tabStop();
        if (index == m_refocusChip)
            chip->focusChip();
    }
    // Beside the chips, so a result is never read without the words it left out. A refused or
    // contradictory query says why in its own message; nothing understood still gets the
    // did-you-mean ("nigeri": Niger or Nigeria?).
    const bool notes = m_parsed.ok() || m_parsed.error == QueryParser::unableToInterpret();
    const QString ignored = notes ? m_parsed.ignoredWords() : QString();
    m_unrecognised->setText(ignored.isEmpty() ? QString() : tr("Ignored: %1").arg(ignored));
    m_unrecognised->setVisible(!ignored.isEmpty());
    const QString corrected = m_parsed.correctionsText();
    m_corrections->setText(corrected.isEmpty() ? QString() : tr("Read as: %1").arg(corrected));
    m_corrections->setVisible(!corrected.isEmpty());
}

} // namespace insighta
