#pragma once

#include "core/interviews/InterviewTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

class QLabel;
class QWidget;

namespace insighta {

class BackgroundServices;
class InterviewWorkerThread;

// An interview's emails: the Invite and Share dialogs, queuing each email as a durable send job,
// and the status line under the title ("Invitation to …: sent 4 Dec 10:12"). When a job we queued
// ends, the next reload of the interview says once, as a notice, how it ended.
class InterviewEmails : public QObject
{
    Q_OBJECT
public:
    // `dialogParent` parents the dialogs and the status line; without `services` nothing sends
    // and the status says what is missing.
    InterviewEmails(InterviewWorkerThread *worker, BackgroundServices *services, QWidget *dialogParent);

    QLabel *statusLine() const { return m_status; }

    void invite(const InterviewSummary &interview);
    void shareReport(const InterviewDetail &detail, const Assessment &assessment);
    // The worker's answer to a queue request.
    void queued(const QString &emailId, qint64 jobId, const QString &error);
    // True when `jobId` sent one of the emails queued here: the interview should reload.
    bool jobFinished(qint64 jobId);
    void show(const InterviewDetail &detail);
    void hide();

signals:
    void notice(const QString &text);

private:
    void queue(const QString &kind, const QString &interviewId, const QStringList &to, const QString &subject,
               const QJsonObject &payload);
    bool canSend() const;
    QString sender() const; // the From address
    QString stateText(const QueuedEmail &email) const;

    InterviewWorkerThread *m_worker;
    BackgroundServices *m_services;
    QWidget *m_dialogParent;
    QLabel *m_status;
    QHash<qint64, QString> m_jobs; // send-email job -> email id, for the emails we queued
    QSet<QString> m_toAnnounce; // their job ended: say how, once the interview reloads
};

} // namespace insighta
