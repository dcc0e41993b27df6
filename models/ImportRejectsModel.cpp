#include "models/ImportRejectsModel.h"

#include "core/common/UntrustedText.h"

#include <QHash>

namespace insighta {

ImportRejectsModel::ImportRejectsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportRejectsModel::setRejects(QList<RejectedRecord> rejects)
{
    beginResetModel();
    m_all = std::move(rejects);
    m_filter.clear();
    m_visible.clear();
    for (int i = 0; i < m_all.size(); ++i)
        m_visible.append(i);
    endResetModel();
}

void ImportRejectsModel::setReasonFilter(const QString &reasonCode)
{
    if (reasonCode == m_filter)
        return;
    beginResetModel();
    m_filter = reasonCode;
    rebuild();
    endResetModel();
}

void ImportRejectsModel::rebuild()
{
    m_visible.clear();
    for (int i = 0; i < m_all.size(); ++i) {
        if (m_filter.isEmpty() || QLatin1String(rejectReasonCode(m_all.at(i).reason)) == m_filter)
            m_visible.append(i);
    }
}

QStringList ImportRejectsModel::reasons() const
{
    QHash<QString, int> counts;
    for (const RejectedRecord &record : m_all)
        ++counts[QString::fromLatin1(rejectReasonCode(record.reason))];
    QStringList codes = counts.keys();
    std::sort(codes.begin(), codes.end(), [&](const QString &a, const QString &b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    return codes;
}

int ImportRejectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int ImportRejectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportRejectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RejectedRecord &record = m_all.at(m_visible.at(index.row()));
    if (role == ReasonCodeRole)
        return QString::fromLatin1(rejectReasonCode(record.reason));
    if (role == Qt::TextAlignmentRole && index.column() == LineColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case LineColumn:
        return record.line;
    case ReasonColumn:
        return QString::fromLatin1(rejectReasonCode(record.reason));
    case MessageColumn:
        // The file's text: shown as written, never as HTML.
        return role == Qt::ToolTipRole ? plainTextToolTip(record.message) : record.message;
    case RawColumn: {
        if (role == Qt::ToolTipRole)
            return plainTextToolTip(record.raw);
        // One line in the table; the tooltip has the whole text.
        QString raw = record.raw;
        raw.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        return raw.size() > 300 ? raw.left(300) + QStringLiteral("…") : raw;
    }
    default:
        return {};
    }
}

QVariant ImportRejectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ReasonColumn:
        return tr("Reason");
    case MessageColumn:
        return tr("Message");
    case RawColumn:
        return tr("Raw text");
    default:
        return {};
    }
}

} // namespace insighta
