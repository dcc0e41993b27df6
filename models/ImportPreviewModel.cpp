#include "models/ImportPreviewModel.h"

#include "core/common/UntrustedText.h"

#include <QBrush>
#include <QColor>

namespace insighta {

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportPreviewModel::setPreview(ImportPreview preview)
{
    beginResetModel();
    m_preview = std::move(preview);
    // Ragged records may be wider than the header: show every cell they have.
    m_columns = int(m_preview.header.size());
    for (const PreviewRecord &record : std::as_const(m_preview.records))
        m_columns = std::max(m_columns, int(record.cells.size()));
    if (m_preview.maxColumns > 0)
        m_columns = std::min(m_columns, m_preview.maxColumns); // see PreviewRequest::maxColumns
    endResetModel();
}

void ImportPreviewModel::clear()
{
    beginResetModel();
    m_preview = ImportPreview{};
    m_columns = 0;
    endResetModel();
}

int ImportPreviewModel::problemRecordCount() const
{
    return int(std::count_if(m_preview.records.cbegin(), m_preview.records.cend(),
                             [](const PreviewRecord &record) { return !record.problems.isEmpty(); }));
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.records.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QList<CellProblem> ImportPreviewModel::problemsAt(int row, int column) const
{
    QList<CellProblem> found;
    for (const CellProblem &problem : m_preview.records.at(row).problems)
        if (problem.column == column || problem.column < 0)
            found.append(problem);
    return found;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PreviewRecord &record = m_preview.records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return record.cells.value(index.column());
    case Qt::ToolTipRole: {
        const QList<CellProblem> problems = problemsAt(index.row(), index.column());
        QStringList lines;
        for (const CellProblem &problem : problems)
            lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(rejectReasonCode(problem.reason)),
                                                  problem.message);
        if (lines.isEmpty())
            return {};
        return plainTextToolTip(lines.join(QLatin1Char('\n'))); // messages quote the file
    }
    case ProblemRole: {
        const QList<CellProblem> problems = problemsAt(index.row(), index.column());
        return problems.isEmpty() ? QString() : QString::fromLatin1(rejectReasonCode(problems.first().reason));
    }
    case Qt::BackgroundRole: {
        const QList<CellProblem> problems = problemsAt(index.row(), index.column());
        if (problems.isEmpty())
            return {};
        // A whole-record problem is a lighter tint than a problem pinned on this cell.
        const bool onThisCell = std::any_of(problems.cbegin(), problems.cend(),
                                            [&](const CellProblem &p) { return p.column == index.column(); });
        return QBrush(onThisCell ? QColor(255, 205, 205) : QColor(255, 232, 232));
    }
    case Qt::ForegroundRole:
        if (!problemsAt(index.row(), index.column()).isEmpty())
            return QBrush(QColor(110, 0, 0));
        return {};
    default:
        return {};
    }
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_preview.records.size())
            return {};
        if (role == Qt::DisplayRole)
            return m_preview.records.at(section).line;
        if (role == Qt::ToolTipRole)
            return tr("Line %1 of the file").arg(m_preview.records.at(section).line);
        return {};
    }
    if (role == Qt::DisplayRole)
        return section < m_preview.header.size() ? m_preview.header.at(section) : tr("(extra %1)").arg(section + 1);
    return {};
}

} // namespace insighta
