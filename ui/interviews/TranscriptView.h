#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QTextCursor>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QToolButton;

namespace insighta {

// The transcript: one paragraph per turn (elapsed time, speaker, text), a banner when turns
// were rebuilt from the session's JSON, and find-in-transcript with every match highlighted.
class TranscriptView : public QWidget
{
    Q_OBJECT
public:
    explicit TranscriptView(QWidget *parent = nullptr);

    void setTranscript(const Transcript &transcript, const QString &candidateName);
    void showMessage(const QString &message);

    // Scrolls to the turn and selects it. False when the transcript has no such turn.
    bool selectTurn(const QString &turnId);
    QString selectedTurnId() const { return m_selectedTurn; }

    void find(const QString &text);
    void findNext();
    void findPrevious();
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_current; }

    QTextBrowser *browser() const { return m_browser; }
    const QList<TranscriptTurn> &turns() const { return m_turns; }

signals:
    void turnSelected(const QString &turnId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void styleBanner();
    void updateHighlights();
    void showCurrentMatch();
    void setFindStatus(const QString &text); // "3 of 12", "No match", or hidden

    QLabel *m_banner;
    QLineEdit *m_findEdit;
    QLabel *m_findStatus;
    QToolButton *m_previous;
    QToolButton *m_next;
    QTextBrowser *m_browser;
    QList<TranscriptTurn> m_turns;
    QList<QTextCursor> m_matches;
    int m_current = -1;
    QString m_selectedTurn;
};

} // namespace insighta
