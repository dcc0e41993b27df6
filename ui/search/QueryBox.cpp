#include "ui/search/QueryBox.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
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
    row->addWidget(m_unrecognised);
    row->addStretch();
    layout->addLayout(row);
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

void QueryBox::reparse()
{
    m_parsed = isEmpty() ? ParsedQuery{} : QueryParser::parse(m_edit->text());
    rebuildChips();
    emit queryChanged();
}

void QueryBox::rebuildChips()
{
    while (QLayoutItem *item = m_chipsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int index = 0;
    for (const QueryTerm &term : m_parsed.terms) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("searchChip%1").arg(index++));
        chip->setText(QStringLiteral("%1: %2  ×")
                          .arg(queryTermKindName(term.kind).replace(QLatin1Char('_'), QLatin1Char(' ')), term.value));
        chip->setToolTip(tr("From \"%1\". Click to remove it from the query.").arg(term.text));
        chip->setAutoRaise(false);
        // Editing a chip = editing the query: removing it removes its words.
        connect(chip, &QToolButton::clicked, this, [this, term] {
            QString query = m_edit->text();
            if (term.position >= 0 && term.position + term.length <= query.size())
                query.remove(term.position, term.length);
            m_edit->setText(query.simplified());
        });
        m_chipsLayout->addWidget(chip);
    }
    m_unrecognised->setText(m_parsed.unrecognised.isEmpty()
                                ? QString()
                                : tr("Not understood: %1").arg(m_parsed.unrecognised.join(QStringLiteral(", "))));
}

} // namespace insighta
