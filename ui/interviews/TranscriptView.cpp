#include "ui/interviews/TranscriptView.h"

#include "core/interviews/AskInterview.h"
#include "core/interviews/TranscriptAssembly.h"
#include "ui/TextColors.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace insighta {

TranscriptView::TranscriptView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("transcriptView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("transcriptBanner"));
    m_banner->setWordWrap(true);
    styleBanner();
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *findRow = new QHBoxLayout;
    m_findEdit = new QLineEdit(this);
    m_findEdit->setObjectName(QStringLiteral("transcriptFind"));
    m_findEdit->setPlaceholderText(tr("Find in transcript"));
    m_findEdit->setClearButtonEnabled(true);
    // Room for the whole hint beside the clear button. The match count only shows while there
    // is a search, when the hint is gone, so the two never need the width at once.
    m_findEdit->setMinimumWidth(m_findEdit->fontMetrics().horizontalAdvance(m_findEdit->placeholderText())
                                + m_findEdit->sizeHint().height() + 16);
    m_findStatus = new QLabel(this);
    m_findStatus->setObjectName(QStringLiteral("transcriptFindStatus"));
    m_findStatus->hide();
    m_previous = new QToolButton(this);
    m_previous->setObjectName(QStringLiteral("transcriptFindPrevious"));
    m_previous->setText(QStringLiteral("▲"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next = new QToolButton(this);
    m_next->setObjectName(QStringLiteral("transcriptFindNext"));
    m_next->setText(QStringLiteral("▼"));
    m_next->setToolTip(tr("Next match (Enter)"));
    findRow->addWidget(m_findEdit, 1);
    findRow->addWidget(m_findStatus);
    findRow->addWidget(m_previous);
    findRow->addWidget(m_next);
    layout->addLayout(findRow);

    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("transcriptBrowser"));
    m_browser->setOpenLinks(false);
    m_browser->document()->setDocumentMargin(8);
    layout->addWidget(m_browser, 1);

    connect(m_findEdit, &QLineEdit::textChanged, this, &TranscriptView::find);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_next, &QToolButton::clicked, this, &TranscriptView::findNext);
    connect(m_previous, &QToolButton::clicked, this, &TranscriptView::findPrevious);
    connect(m_browser, &QTextBrowser::cursorPositionChanged, this, [this] {
        const int block = m_browser->textCursor().blockNumber();
        if (block >= 0 && block < m_turns.size() && m_turns.at(block).id != m_selectedTurn) {
            m_selectedTurn = m_turns.at(block).id;
            updateHighlights();
            emit turnSelected(m_selectedTurn);
        }
    });
}

// From the current palette, and again when it changes: a notice stays readable on a dark one.
void TranscriptView::styleBanner()
{
    const TextColors colors = TextColors::from(palette());
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; border-radius: 4px; padding: 6px; }")
            .arg(css(colors.warningTint), css(colors.text), css(colors.warning)));
}

// The banner and the highlights are cheap to redo; the turns' rich text keeps its colours
// until the next transcript is shown.
void TranscriptView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        styleBanner();
        updateHighlights();
    }
}

void TranscriptView::showMessage(const QString &message)
{
    m_turns.clear();
    m_matches.clear();
    m_current = -1;
    m_selectedTurn.clear();
    m_banner->hide();
    m_browser->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                           .arg(css(TextColors::from(palette()).muted), message.toHtmlEscaped()));
    setFindStatus(QString());
}

void TranscriptView::setTranscript(const Transcript &transcript, const QString &candidateName)
{
    m_turns = transcript.turns;
    m_selectedTurn.clear();
    QString banner = transcript::bannerText(transcript);
    if (!transcript.warning.isEmpty())
        banner += (banner.isEmpty() ? QString() : QStringLiteral(" ")) + transcript.warning;
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
    if (m_turns.isEmpty()) {
        const QString text = tr("No transcript yet: the interview has not taken place or nothing was recorded.");
        m_browser->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                               .arg(css(TextColors::from(palette()).muted), text.toHtmlEscaped()));
        m_matches.clear();
        m_current = -1;
        setFindStatus(QString());
        return;
    }
    // One block per turn (a <br/> inside a paragraph stays in the block), so block number i is
    // turn i: selection, find and scrolling rely on that.
    const TextColors colors = TextColors::from(palette());
    QString html;
    for (const TranscriptTurn &t : m_turns) {
        const bool candidate = t.speaker == QLatin1String("candidate");
        html
            += QStringLiteral("<p style='margin-bottom:8px'><a name='%1'></a>"
                              "<span style='color:%7; font-family:monospace'>%2</span>&nbsp;&nbsp;"
                              "<b style='color:%3'>%4</b>%5<br/>%6</p>")
                   .arg(
                       t.id, t.elapsed, css(candidate ? colors.accent : colors.warning),
                       ask::speakerLabel(t.speaker, candidateName).toHtmlEscaped(),
                       t.origin == TranscriptTurn::Origin::Rebuilt && transcript.source == TranscriptSource::Merged
                           ? QStringLiteral(" <span style='color:%1' title='rebuilt'>↺</span>").arg(css(colors.warning))
                           : QString(),
                       t.text.toHtmlEscaped(), css(colors.muted));
    }
    {
        QSignalBlocker blocker(m_browser); // a new document is not a turn the user selected
        m_browser->setHtml(html);
    }
    find(m_findEdit->text());
}

bool TranscriptView::selectTurn(const QString &turnId)
{
    for (int i = 0; i < m_turns.size(); ++i) {
        if (m_turns.at(i).id != turnId)
            continue;
        const QTextBlock block = m_browser->document()->findBlockByNumber(i);
        m_selectedTurn = turnId;
        {
            QSignalBlocker blocker(m_browser);
            m_browser->setTextCursor(QTextCursor(block));
        }
        // Bring the turn to the top rather than just into view, so it is easy to spot.
        m_browser->scrollToAnchor(turnId);
        updateHighlights();
        emit turnSelected(turnId);
        return true;
    }
    return false;
}

void TranscriptView::find(const QString &text)
{
    m_matches.clear();
    m_current = -1;
    if (!text.trimmed().isEmpty()) {
        QTextDocument *doc = m_browser->document();
        QTextCursor cursor(doc);
        while (true) {
            cursor = doc->find(text, cursor);
            if (cursor.isNull())
                break;
            m_matches.append(cursor);
        }
        if (!m_matches.isEmpty())
            m_current = 0;
    }
    if (text.trimmed().isEmpty())
        setFindStatus(QString());
    else if (m_matches.isEmpty())
        setFindStatus(tr("No match"));
    updateHighlights();
    showCurrentMatch();
}

void TranscriptView::setFindStatus(const QString &text)
{
    m_findStatus->setText(text);
    m_findStatus->setVisible(!text.isEmpty());
}

void TranscriptView::findNext()
{
    if (m_matches.isEmpty())
        return;
    m_current = (m_current + 1) % int(m_matches.size());
    updateHighlights();
    showCurrentMatch();
}

void TranscriptView::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    m_current = (m_current - 1 + int(m_matches.size())) % int(m_matches.size());
    updateHighlights();
    showCurrentMatch();
}

void TranscriptView::showCurrentMatch()
{
    if (m_current < 0 || m_current >= m_matches.size())
        return;
    setFindStatus(tr("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
    QTextCursor cursor = m_matches.at(m_current);
    cursor.clearSelection();
    QSignalBlocker blocker(m_browser); // moving to a match is not selecting its turn
    m_browser->setTextCursor(cursor);
    m_browser->ensureCursorVisible();
}

void TranscriptView::updateHighlights()
{
    const TextColors colors = TextColors::from(palette());
    QList<QTextEdit::ExtraSelection> selections;
    for (int i = 0; i < m_turns.size(); ++i) {
        if (m_turns.at(i).id != m_selectedTurn)
            continue;
        QTextEdit::ExtraSelection turn;
        turn.cursor = QTextCursor(m_browser->document()->findBlockByNumber(i));
        turn.format.setBackground(colors.infoTint);
        turn.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(turn);
    }
    for (int i = 0; i < m_matches.size(); ++i) {
        QTextEdit::ExtraSelection match;
        match.cursor = m_matches.at(i);
        match.format.setBackground(i == m_current ? colors.strongTint : colors.warningTint);
        selections.append(match);
    }
    m_browser->setExtraSelections(selections);
}

} // namespace insighta
