#include "core/interviews/InterviewReports.h"

#include "core/interviews/AskInterview.h"
#include "core/interviews/AssessmentJson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace insighta::reports {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Reports", text);
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString when(const InterviewSummary &s)
{
    const QDateTime t = s.startedAt.isValid() ? s.startedAt : s.scheduledAt;
    return t.isValid() ? QLocale(QLocale::English).toString(t.toUTC(), QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"))
                       : QString();
}

QString elapsedOf(const QString &turnId, const QList<TranscriptTurn> &turns)
{
    for (const TranscriptTurn &t : turns)
        if (t.id == turnId)
            return t.elapsed;
    return {};
}

QString scoreDots(int score)
{
    return QString(score, QChar(0x25CF)) + QString(5 - score, QChar(0x25CB));
}

} // namespace

QString assessmentHtml(const InterviewDetail &interview, const Assessment &assessment)
{
    const InterviewSummary &s = interview.summary;
    const AssessmentContent &c = assessment.content;
    QString html = QStringLiteral(
        "<html><head><style>"
        "body { font-family: sans-serif; font-size: 10pt; color: #202124; }"
        "h1 { font-size: 18pt; margin-bottom: 0; } h2 { font-size: 12pt; margin-top: 14pt; color: #1a4f8b; }"
        ".meta { color: #5f6368; } .quote { color: #3c4043; font-style: italic; } .time { color: #5f6368; }"
        "td, th { padding: 4px 6px; vertical-align: top; } th { background: #e8eef7; text-align: left; }"
        "</style></head><body>");
    html += QStringLiteral("<h1>%1</h1>").arg(esc(s.candidateName));
    html += QStringLiteral("<p class='meta'>%1 · %2%3</p>")
                .arg(esc(s.role), esc(when(s)),
                     s.candidateEmail.isEmpty() ? QString() : QStringLiteral(" · ") + esc(s.candidateEmail));
    html += QStringLiteral("<p><b>%1:</b> %2</p>")
                .arg(tr("Recommendation"), esc(assessment::recommendationLabel(c.recommendation)));
    html += QStringLiteral("<h2>%1</h2><p>%2</p>").arg(tr("Summary"), esc(c.summary));
    html += QStringLiteral("<h2>%1</h2><table width='100%' cellspacing='0' border='0'>"
                           "<tr><th width='24%'>%2</th><th width='20%'>%3</th><th>%4</th></tr>")
                .arg(tr("Scorecard"), tr("Competency"), tr("Score"), tr("Evidence"));
    for (const ScorecardEntry &e : c.scorecard) {
        QString evidence;
        for (const QString &quote : e.evidence) {
            const QString at
                = elapsedOf(assessment::turnForQuote(quote, interview.transcript.turns), interview.transcript.turns);
            evidence += QStringLiteral("<p class='quote'>“%1”%2</p>")
                            .arg(esc(quote),
                                 at.isEmpty() ? QString() : QStringLiteral(" <span class='time'>[%1]</span>").arg(at));
        }
        if (e.evidence.isEmpty())
            evidence = QStringLiteral("<p class='meta'>%1</p>").arg(tr("No quote given."));
        html += QStringLiteral("<tr><td><b>%1</b></td><td style='white-space:nowrap'>%2&nbsp;%3/5</td><td>%4</td></tr>")
                    .arg(esc(e.competency), scoreDots(e.score), QString::number(e.score), evidence);
    }
    html += QStringLiteral("</table>");
    auto list = [&](const QString &title, const QStringList &items) {
        html += QStringLiteral("<h2>%1</h2>").arg(title);
        if (items.isEmpty()) {
            html += QStringLiteral("<p class='meta'>%1</p>").arg(tr("None noted."));
            return;
        }
        html += QStringLiteral("<ul>");
        for (const QString &item : items)
            html += QStringLiteral("<li>%1</li>").arg(esc(item));
        html += QStringLiteral("</ul>");
    };
    list(tr("Strengths"), c.strengths);
    list(tr("Concerns"), c.concerns);
    QString footer
        = tr("Generated %1")
              .arg(assessment.generatedAt.isValid()
                       ? QLocale(QLocale::English)
                             .toString(assessment.generatedAt.toUTC(), QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"))
                       : tr("(time unknown)"));
    if (!assessment.provider.isEmpty())
        footer += tr(" by %1").arg(assessment.provider)
            + (assessment.model.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(assessment.model));
    html += QStringLiteral("<p class='meta'><br/>%1. %2</p></body></html>")
                .arg(esc(footer),
                     esc(tr("An AI-assisted assessment: check the evidence in the transcript before "
                            "deciding.")));
    return html;
}

QString assessmentText(const InterviewDetail &interview, const Assessment &assessment)
{
    const InterviewSummary &s = interview.summary;
    const AssessmentContent &c = assessment.content;
    QString text
        = s.candidateName + QStringLiteral(" — ") + s.role + QLatin1Char('\n') + when(s) + QStringLiteral("\n\n");
    text += tr("Recommendation") + QStringLiteral(": ") + assessment::recommendationLabel(c.recommendation)
        + QStringLiteral("\n\n");
    text += c.summary + QStringLiteral("\n\n") + tr("Scorecard") + QLatin1Char('\n');
    for (const ScorecardEntry &e : c.scorecard) {
        text += QStringLiteral("- %1: %2/5\n").arg(e.competency).arg(e.score);
        for (const QString &q : e.evidence)
            text += QStringLiteral("    “%1”\n").arg(q);
    }
    text += QLatin1Char('\n') + tr("Strengths") + QLatin1Char('\n');
    for (const QString &x : c.strengths)
        text += QStringLiteral("- ") + x + QLatin1Char('\n');
    text += QLatin1Char('\n') + tr("Concerns") + QLatin1Char('\n');
    for (const QString &x : c.concerns)
        text += QStringLiteral("- ") + x + QLatin1Char('\n');
    return text;
}

QString defaultSender()
{
    return QStringLiteral("Insighta Interviews <interviews@insighta.example>");
}

EmailDraft invitation(const InterviewSummary &interview, const QString &message, const QString &from)
{
    EmailDraft d;
    d.kind = QStringLiteral("invitation");
    d.to = {interview.candidateEmail};
    d.subject = tr("Interview invitation: %1").arg(interview.role);
    const QString whenText = when(interview);
    QString text = tr("Hello %1,").arg(interview.candidateName) + QStringLiteral("\n\n") + message.trimmed();
    if (!whenText.isEmpty())
        text += QStringLiteral("\n\n") + tr("Interview for %1: %2").arg(interview.role, whenText);
    QString html = QStringLiteral("<p>%1</p><p>%2</p>")
                       .arg(esc(tr("Hello %1,").arg(interview.candidateName)),
                            esc(message.trimmed()).replace(QLatin1Char('\n'), QStringLiteral("<br/>")));
    if (!whenText.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(esc(tr("Interview for %1: %2").arg(interview.role, whenText)));
    d.payload = QJsonObject{
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), QJsonArray::fromStringList(d.to)},
        {QStringLiteral("subject"), d.subject},
        {QStringLiteral("html"), html},
        {QStringLiteral("text"), text},
        {QStringLiteral("tags"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("kind")}, {QStringLiteral("value"), d.kind}}}},
    };
    return d;
}

EmailDraft reportShare(const InterviewDetail &interview, const Assessment &assessment, const QString &hiringManager,
                       const QString &note, const QString &from)
{
    EmailDraft d;
    d.kind = QStringLiteral("report");
    d.to = {hiringManager};
    d.subject = tr("Interview report: %1, %2").arg(interview.summary.candidateName, interview.summary.role);
    QString html = assessmentHtml(interview, assessment);
    QString text = assessmentText(interview, assessment);
    if (!note.trimmed().isEmpty()) {
        html.replace(QStringLiteral("<body>"),
                     QStringLiteral("<body><p>%1</p><hr/>")
                         .arg(esc(note.trimmed()).replace(QLatin1Char('\n'), QStringLiteral("<br/>"))));
        text = note.trimmed() + QStringLiteral("\n\n") + text;
    }
    d.payload = QJsonObject{
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), QJsonArray::fromStringList(d.to)},
        {QStringLiteral("subject"), d.subject},
        {QStringLiteral("html"), html},
        {QStringLiteral("text"), text},
        {QStringLiteral("tags"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("kind")}, {QStringLiteral("value"), d.kind}}}},
    };
    return d;
}

} // namespace insighta::reports
