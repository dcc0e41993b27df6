#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace insighta {

struct TextColors;

// The latest assessment of an interview: status, summary, scorecard (competency, 1–5 score,
// evidence quotes linking to their turns), strengths, concerns and recommendation, with the
// Generate / Regenerate / Retry action.
class AssessmentView : public QWidget
{
    Q_OBJECT
public:
    explicit AssessmentView(QWidget *parent = nullptr);

    // The interview (for evidence links) and its assessments, newest first.
    void setInterview(const InterviewDetail &detail);
    void clear();
    void setBusy(bool busy, const QString &text = {});

    QTextBrowser *browser() const { return m_browser; }
    QPushButton *generateButton() const { return m_generate; }
    // The href of evidence links: "turn:<id>".
    static QString turnLink(const QString &turnId);

signals:
    void generateRequested();
    void exportRequested();
    void shareRequested();
    void turnLinkActivated(const QString &turnId);

private:
    void showStatus(const Assessment &latest, bool hasTranscript, const TextColors &colors);
    QString assessmentHtml(const Assessment &shown, bool previous, const QList<TranscriptTurn> &turns,
                           const TextColors &colors) const;
    QString scorecardHtml(const QList<ScorecardEntry> &scorecard, const QList<TranscriptTurn> &turns,
                          const TextColors &colors) const;

    QLabel *m_status;
    QPushButton *m_generate;
    QPushButton *m_export;
    QPushButton *m_share;
    QTextBrowser *m_browser;
};

} // namespace insighta
