#include "core/interviews/AskInterview.h"

#include "core/interviews/Bm25.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace insighta::ask {

QString speakerLabel(const QString &speaker, const QString &candidateName)
{
    if (speaker == QLatin1String("candidate"))
        return candidateName.isEmpty() ? QCoreApplication::translate("Ask", "Candidate") : candidateName;
    if (speaker == QLatin1String("interviewer"))
        return QCoreApplication::translate("Ask", "Interviewer");
    if (speaker.isEmpty())
        return QCoreApplication::translate("Ask", "Unknown speaker");
    QString label = speaker;
    label[0] = label.at(0).toUpper();
    return label;
}

QList<TranscriptTurn> retrieve(const QString &question, const QList<TranscriptTurn> &turns, int k)
{
    QList<int> indexes;
    for (const bm25::Hit &hit : bm25::rank(question, turns, k))
        indexes.append(hit.index);
    std::sort(indexes.begin(), indexes.end());
    QList<TranscriptTurn> out;
    for (int i : indexes)
        out.append(turns.at(i));
    return out;
}

QString systemPrompt()
{
    return QStringLiteral(
        "You answer a recruiter's question about a job interview using only the transcript excerpts given. "
        "Cite every claim with the excerpt's time in square brackets, exactly as given, e.g. [00:01:11]. "
        "If the excerpts do not answer the question, say so plainly. Answer in at most five sentences.");
}

QString userPrompt(const QString &question, const QString &candidateName, const QList<TranscriptTurn> &context)
{
    QString prompt = QStringLiteral("Transcript excerpts:\n");
    for (const TranscriptTurn &t : context)
        prompt += QStringLiteral("[%1] %2: %3\n").arg(t.elapsed, speakerLabel(t.speaker, candidateName), t.text);
    if (context.isEmpty())
        prompt += QStringLiteral("(no excerpt matched the question)\n");
    prompt += QStringLiteral("\nQuestion: ") + question;
    return prompt;
}

QList<Citation> extractCitations(const QString &answer, const QList<TranscriptTurn> &turns)
{
    static const QRegularExpression pattern(QStringLiteral(R"(\[(?:(\d{1,3}):)?(\d{1,2}):(\d{2})\])"));
    QList<Citation> out;
    QSet<QString> seen;
    auto it = pattern.globalMatch(answer);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const qint64 seconds
            = m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60 + m.captured(3).toLongLong();
        for (const TranscriptTurn &t : turns) {
            if (t.elapsedSeconds == seconds) {
                if (!seen.contains(t.id)) {
                    seen.insert(t.id);
                    out.append({t.id, t.elapsed});
                }
                break;
            }
        }
    }
    return out;
}

Answer offlineAnswer(const QString &question, const QList<TranscriptTurn> &turns, const QString &candidateName,
                     int maxQuotes)
{
    Answer answer;
    answer.offline = true;
    answer.provider = QStringLiteral("offline");
    const QList<bm25::Hit> hits = bm25::rank(question, turns, maxQuotes);
    if (hits.isEmpty()) {
        answer.text = QCoreApplication::translate("Ask",
                                                  "Offline answer (no AI provider reachable): no part of the "
                                                  "transcript matches this question.");
        return answer;
    }
    QString text = QCoreApplication::translate("Ask",
                                               "Offline answer (no AI provider reachable): the most relevant "
                                               "quotes from the transcript.");
    for (const bm25::Hit &hit : hits) {
        const TranscriptTurn &t = turns.at(hit.index);
        text += QStringLiteral("\n• [%1] %2: “%3”").arg(t.elapsed, speakerLabel(t.speaker, candidateName), t.text);
        answer.citations.append({t.id, t.elapsed});
    }
    answer.text = text;
    return answer;
}

} // namespace insighta::ask
