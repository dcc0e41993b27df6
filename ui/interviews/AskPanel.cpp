#include "ui/interviews/AskPanel.h"

#include "ui/TextColors.h"
#include "ui/interviews/AssessmentView.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace insighta {

AskPanel::AskPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("askPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_history = new QTextBrowser(this);
    m_history->setObjectName(QStringLiteral("askHistory"));
    m_history->setOpenLinks(false);
    layout->addWidget(m_history, 1);
    auto *row = new QHBoxLayout;
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("askInput"));
    m_input->setPlaceholderText(tr("Ask about this interview, e.g. “How did they handle failures?”"));
    m_ask = new QPushButton(tr("Ask"), this);
    m_ask->setObjectName(QStringLiteral("askButton"));
    row->addWidget(m_input, 1);
    row->addWidget(m_ask);
    layout->addLayout(row);
    connect(m_input, &QLineEdit::returnPressed, this, &AskPanel::submit);
    connect(m_ask, &QPushButton::clicked, this, &AskPanel::submit);
    connect(m_history, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("turn"))
            emit turnLinkActivated(url.path());
    });
    clear();
}

void AskPanel::clear()
{
    m_entries.clear();
    render();
}

void AskPanel::setEnabledForInterview(bool enabled)
{
    m_input->setEnabled(enabled);
    m_ask->setEnabled(enabled);
}

void AskPanel::setBusy(bool busy)
{
    m_ask->setEnabled(!busy);
    m_input->setEnabled(!busy);
}

void AskPanel::submit()
{
    const QString question = m_input->text().trimmed();
    if (question.isEmpty())
        return;
    m_input->clear();
    emit questionAsked(question);
}

void AskPanel::addQuestion(const QString &question)
{
    m_entries.append(QStringLiteral("<p style='margin-top:10px'><b>%1</b> %2</p>")
                         .arg(tr("You:").toHtmlEscaped(), question.toHtmlEscaped()));
    render();
}

void AskPanel::addAnswer(const ask::Answer &answer)
{
    QString body = answer.text.toHtmlEscaped();
    // Every cited time becomes a link to its turn.
    for (const ask::Citation &c : answer.citations)
        body.replace(QStringLiteral("[%1]").arg(c.elapsed),
                     QStringLiteral("<a href='%1'>[%2]</a>").arg(AssessmentView::turnLink(c.turnId), c.elapsed));
    body.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
    const QString who = answer.offline
        ? tr("Offline answer")
        : (answer.model.isEmpty() ? answer.provider : QStringLiteral("%1 · %2").arg(answer.provider, answer.model));
    const TextColors colors = TextColors::from(palette());
    m_entries.append(QStringLiteral("<p style='background:%1'>%2<br/><span style='color:%4; font-size:small'>"
                                    "%3</span></p>")
                         .arg(css(answer.offline ? colors.warningTint : colors.infoTint), body, who.toHtmlEscaped(),
                              css(colors.muted)));
    render();
}

void AskPanel::render()
{
    if (m_entries.isEmpty()) {
        m_history->setHtml(QStringLiteral("<p style='color:%2'>%1</p>")
                               .arg(tr("Ask a question about the interview. Answers quote the transcript and cite "
                                       "the times of the turns they use; click a time to jump there.")
                                        .toHtmlEscaped(),
                                    css(TextColors::from(palette()).muted)));
        return;
    }
    m_history->setHtml(m_entries.join(QString()));
    m_history->verticalScrollBar()->setValue(m_history->verticalScrollBar()->maximum());
}

} // namespace insighta
