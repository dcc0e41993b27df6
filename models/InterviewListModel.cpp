#include "models/InterviewListModel.h"

#include "core/common/UntrustedText.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace insighta {

void InterviewListModel::setInterviews(const QList<InterviewSummary> &interviews)
{
    beginResetModel();
    m_interviews = interviews;
    endResetModel();
}

int InterviewListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_interviews.size(); ++i)
        if (m_interviews.at(i).id == id)
            return i;
    return -1;
}

int InterviewListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_interviews.size());
}

int InterviewListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString InterviewListModel::assessmentLabel(const QString &status)
{
    if (status == QLatin1String("ready"))
        return tr("Ready");
    if (status == QLatin1String("generating"))
        return tr("Generating…");
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    return tr("None");
}

QVariant InterviewListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_interviews.size())
        return {};
    const InterviewSummary &s = m_interviews.at(index.row());
    if (role == IdRole)
        return s.id;
    const QDateTime when = s.startedAt.isValid() ? s.startedAt : s.scheduledAt;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Candidate:
            return s.candidateName;
        case Role:
            return s.role;
        case Date:
            return when.isValid() ? QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat) : QString();
        case Assessment:
            return s.status == QLatin1String("scheduled") && s.assessmentStatus.isEmpty()
                ? tr("Scheduled")
                : assessmentLabel(s.assessmentStatus);
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = s.candidateName;
        if (!s.candidateEmail.isEmpty())
            tip += QStringLiteral(" <") + s.candidateEmail + QLatin1Char('>');
        if (when.isValid())
            tip += QLatin1Char('\n') + QLocale().toString(when.toLocalTime(), QLocale::LongFormat);
        return plainTextToolTip(tip); // names and emails come from the database
    }
    if (role == Qt::ForegroundRole && index.column() == Assessment) {
        // Lighter hues on a dark base: a dark red or green is unreadable there.
        const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
        if (s.assessmentStatus == QLatin1String("failed"))
            return QBrush(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
        if (s.assessmentStatus == QLatin1String("ready"))
            return QBrush(dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1e, 0x7b, 0x34));
    }
    return {};
}

QVariant InterviewListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Candidate:
        return tr("Candidate");
    case Role:
        return tr("Role");
    case Date:
        return tr("Date");
    case Assessment:
        return tr("Assessment");
    }
    return {};
}

} // namespace insighta
