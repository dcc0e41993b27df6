#include "ui/pages/PageShell.h"

#include <QLabel>
#include <QVBoxLayout>

namespace insighta {

PageHeader::PageHeader(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    auto *titleLabel = new QLabel(title, this);
    QFont font = titleLabel->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    titleLabel->setFont(font);
    auto *descriptionLabel = new QLabel(description, this);
    descriptionLabel->setWordWrap(true);
    descriptionLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(titleLabel);
    layout->addWidget(descriptionLabel);
}

} // namespace insighta
