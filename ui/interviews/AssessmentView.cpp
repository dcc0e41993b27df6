#include "ui/interviews/AssessmentView.h"

#include "core/interviews/AssessmentJson.h"
#include "ui/TextColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace insighta {

AssessmentView::AssessmentView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("assessmentView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("assessmentStatus"));
    m_status->setWordWrap(true);
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(QStringLiteral("assessmentGenerateButton"));
    m_export = new QPushButton(tr("Export PDF…"), this);
    m_export->setObjectName(QStringLiteral("assessmentExportButton"));
    m_share = new QPushButton(tr("Share…"), this);
    m_share->setObjectName(QStringLiteral("assessmentShareButton"));
    m_share->setToolTip(tr("Email this report to a hiring manager"));
    // The status gets the full width above the actions: a failure reason is a sentence or two.
    layout->addWidget(m_status);
    row->addWidget(m_generate);
    row->addWidget(m_export);
    row->addWidget(m_share);
    row->addStretch(1);
    layout->addLayout(row);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("assessmentBrowser"));
    m_browser->setOpenLinks(false);
    layout->addWidget(m_browser, 1);

    connect(m_generate, &QPushButton::clicked, this, &AssessmentView::generateRequested);
    connect(m_export, &QPushButton::clicked, this, &AssessmentView::exportRequested);
    connect(m_share, &QPushButton::clicked, this, &AssessmentView::shareRequested);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("turn"))
            emit turnLinkActivated(url.path());
    });
    clear();
}

QString AssessmentView::turnLink(const QString &turnId)
{
    return QStringLiteral("turn:") + turnId;
}

void AssessmentView::clear()
{
    m_status->setText(tr("Select an interview."));
    m_generate->setEnabled(false);
    m_export->setEnabled(false);
    m_share->setEnabled(false);
    m_browser->clear();
}

void AssessmentView::setBusy(bool busy, const QString &text)
{
    m_generate->setEnabled(!busy);
    if (busy && !text.isEmpty())
        m_status->setText(text);
}

void AssessmentView::setInterview(const InterviewDetail &detail)
{
    const TextColors colors = TextColors::from(palette());
    const bool hasTranscript = !detail.transcript.turns.isEmpty();
    if (detail.assessments.isEmpty()) {
        m_status->setText(hasTranscript ? tr("No assessment yet.") : tr("No transcript to assess yet."));
        m_generate->setText(tr("Generate"));
        m_generate->setEnabled(hasTranscript);
        m_export->setEnabled(false);
        m_share->setEnabled(false);
        m_browser->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                               .arg(css(colors.muted),
                                    tr("Generate an assessment to get a summary, a scorecard with evidence from the "
                                       "transcript, strengths, concerns and a recommendation.")
                                        .toHtmlEscaped()));
        return;
    }
    const Assessment &latest = detail.assessments.first();
    showStatus(latest, hasTranscript, colors);

    // The previous ready assessment stays readable while a new one generates or after it failed.
    const Assessment *shown = nullptr;
    for (const Assessment &candidate : detail.assessments)
        if (candidate.status == QLatin1String("ready") && candidate.error.isEmpty()) {
            shown = &candidate;
            break;
        }
    if (!shown) {
        m_browser->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                               .arg(css(colors.muted), tr("No assessment to show yet.").toHtmlEscaped()));
        return;
    }
    m_browser->setHtml(assessmentHtml(*shown, shown != &latest, detail.transcript.turns, colors));
}

// The line above the buttons and what Generate does now: generating, failed (Retry), pending, ready.
void AssessmentView::showStatus(const Assessment &latest, bool hasTranscript, const TextColors &colors)
{
    const bool ready = latest.status == QLatin1String("ready") && latest.error.isEmpty();
    m_export->setEnabled(ready);
    m_share->setEnabled(ready && !latest.content.summary.isEmpty());
    m_generate->setEnabled(hasTranscript);
    if (latest.status == QLatin1String("generating")) {
        m_status->setText(tr("Generating… the assessment runs in the background."));
        m_generate->setText(tr("Generating…"));
        m_generate->setEnabled(false);
    } else if (latest.status == QLatin1String("failed")) {
        m_status->setText(QStringLiteral("<span style='color:%1'><b>%2</b></span> %3")
                              .arg(css(colors.error), tr("Failed:").toHtmlEscaped(), latest.error.toHtmlEscaped()));
        m_generate->setText(tr("Retry"));
    } else if (latest.status == QLatin1String("pending")) {
        m_status->setText(tr("Pending: not generated yet."));
        m_generate->setText(tr("Generate"));
    } else {
        QString by = latest.provider.isEmpty() ? QString() : tr(" by %1").arg(latest.provider);
        if (!latest.model.isEmpty())
            by += QStringLiteral(" (%1)").arg(latest.model);
        m_status->setText(latest.error.isEmpty()
                              ? tr("Ready — generated %1%2")
                                    .arg(QLocale().toString(latest.generatedAt.toLocalTime(), QLocale::ShortFormat), by)
                                    .toHtmlEscaped()
                              : latest.error.toHtmlEscaped());
        m_generate->setText(tr("Regenerate"));
    }
}

QString AssessmentView::assessmentHtml(const Assessment &shown, bool previous, const QList<TranscriptTurn> &turns,
                                       const TextColors &colors) const
{
    const AssessmentContent &c = shown.content;
    QString html;
    if (previous)
        html += QStringLiteral("<p style='color:%1'><i>%2</i></p>")
                    .arg(css(colors.muted),
                         tr("Showing the previous assessment from %1.")
                             .arg(QLocale().toString(shown.generatedAt.toLocalTime(), QLocale::ShortFormat))
                             .toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Recommendation:").toHtmlEscaped(),
                     assessment::recommendationLabel(c.recommendation).toHtmlEscaped());
    html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Summary").toHtmlEscaped(), c.summary.toHtmlEscaped());
    html += scorecardHtml(c.scorecard, turns, colors);
    auto list = [&](const QString &title, const QStringList &items) {
        html += QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped());
        if (items.isEmpty()) {
            html += QStringLiteral("<p style='color:%1'>%2</p>")
                        .arg(css(colors.muted), tr("None noted.").toHtmlEscaped());
            return;
        }
        html += QStringLiteral("<ul>");
        for (const QString &item : items)
            html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    };
    list(tr("Strengths"), c.strengths);
    list(tr("Concerns"), c.concerns);
    return html;
}

// Each competency with its score as dots, then its evidence linked to the turn it quotes.
QString AssessmentView::scorecardHtml(const QList<ScorecardEntry> &scorecard, const QList<TranscriptTurn> &turns,
                                      const TextColors &colors) const
{
    QString html
        = QStringLiteral("<h3>%1</h3><table width='100%' cellspacing='0' cellpadding='4'>").arg(tr("Scorecard"));
    const int dotsWidth = fontMetrics().horizontalAdvance(QString(5, QChar(0x25CF)) + QStringLiteral(" 5/5")) + 8;
    for (const ScorecardEntry &e : scorecard) {
        // The dots get exactly their width, so the name has the rest and a narrow tab wraps it
        // between words, never inside one ("Collaborati|on"): Qt's table layout shares spare
        // width between columns otherwise, whatever their percentages say.
        html += QStringLiteral("<tr><td><b>%1</b></td><td width='%6' align='right' style='white-space:nowrap'>"
                               "<span style='color:%5'>%2</span>%3&nbsp;%4/5</td></tr>")
                    .arg(e.competency.toHtmlEscaped(), QString(e.score, QChar(0x25CF)),
                         QString(5 - e.score, QChar(0x25CB)), QString::number(e.score), css(colors.accent),
                         QString::number(dotsWidth));
        for (const QString &quote : e.evidence) {
            const QString turnId = assessment::turnForQuote(quote, turns);
            QString elapsed;
            for (const TranscriptTurn &t : turns)
                if (t.id == turnId)
                    elapsed = t.elapsed;
            const QString quoted = QStringLiteral("“%1”").arg(quote.toHtmlEscaped());
            html += QStringLiteral("<tr><td colspan='2' style='padding-left:16px; color:%2'>%1</td></tr>")
                        .arg(turnId.isEmpty() ? quoted
                                     + QStringLiteral(" <span style='color:%1'>(%2)</span>")
                                           .arg(css(colors.muted), tr("not found in the transcript").toHtmlEscaped())
                                              : QStringLiteral("<a href='%1'>%2</a> <span style='color:%4'>[%3]</span>")
                                                    .arg(turnLink(turnId), quoted, elapsed, css(colors.muted)),
                             css(colors.text));
        }
    }
    return html + QStringLiteral("</table>");
}

} // namespace insighta
