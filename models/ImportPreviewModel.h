#pragma once

#include "core/importer/ImportPreview.h"

#include <QAbstractTableModel>

namespace insighta {

// The preview's sample: one row per record, one column per source column. Cells with a problem
// are tinted and carry the reason as their tooltip; a problem with the whole record (column -1)
// marks every cell of the row.
class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { ProblemRole = Qt::UserRole + 1 }; // reason code of the cell's first problem, or empty

    explicit ImportPreviewModel(QObject *parent = nullptr);

    void setPreview(ImportPreview preview);
    void clear();
    const ImportPreview &preview() const { return m_preview; }
    bool hasPreview() const { return !m_preview.filePath.isEmpty(); }
    // Records in the sample with at least one problem.
    int problemRecordCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CellProblem> problemsAt(int row, int column) const;

    ImportPreview m_preview;
    int m_columns = 0;
};

} // namespace insighta
