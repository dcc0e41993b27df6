#pragma once

#include <QStyledItemDelegate>

namespace insighta {

// Draws the Progress column of running jobs as a progress bar.
class JobProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace insighta
