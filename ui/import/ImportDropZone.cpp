#include "ui/import/ImportDropZone.h"

#include <QDragEnterEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

namespace insighta {

ImportDropZone::ImportDropZone(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("importDropZone"));
    setAcceptDrops(true);
    setMinimumHeight(110);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(18);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_DialogOpenButton).pixmap(48, 48));
    layout->addWidget(icon);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(4);
    m_title = new QLabel(tr("Drop CSV files here"), this);
    m_title->setObjectName(QStringLiteral("importDropTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_hint = new QLabel(tr("…or anywhere on the window. Each file gets a preview first; several files run side by "
                           "side."),
                        this);
    m_hint->setWordWrap(true);
    texts->addWidget(m_title);
    texts->addWidget(m_hint);
    layout->addLayout(texts, 1);

    m_choose = new QPushButton(tr("Choose files…"), this);
    m_choose->setObjectName(QStringLiteral("importChooseFiles"));
    m_choose->setToolTip(tr("Pick CSV files with a file dialog (File → Import CSV…, Ctrl+I)"));
    connect(m_choose, &QPushButton::clicked, this, &ImportDropZone::chooseFilesRequested);
    layout->addWidget(m_choose, 0, Qt::AlignVCenter);

    setHovered(false);
}

void ImportDropZone::setHovered(bool hovered)
{
    m_hovered = hovered;
    // A stylesheet on this frame only (by object name) so children keep the platform look.
    // Colours from the palette, so the zone stays readable under a dark one.
    const QPalette colours = palette();
    const QString border = (hovered ? colours.color(QPalette::Highlight) : colours.color(QPalette::Mid)).name();
    const QColor base = colours.color(QPalette::AlternateBase);
    const QColor tint = hovered
        ? QColor::fromRgbF((base.redF() * 3 + colours.color(QPalette::Highlight).redF()) / 4,
                           (base.greenF() * 3 + colours.color(QPalette::Highlight).greenF()) / 4,
                           (base.blueF() * 3 + colours.color(QPalette::Highlight).blueF()) / 4)
        : base;
    const QString background = tint.name();
    setStyleSheet(QStringLiteral("QFrame#importDropZone { border: 2px dashed %1; border-radius: 10px; "
                                 "background: %2; } QFrame#importDropZone QLabel { background: transparent; }")
                      .arg(border, background));
    m_title->setText(hovered ? tr("Release to preview the files") : tr("Drop CSV files here"));
}

QStringList ImportDropZone::localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

QStringList ImportDropZone::csvFiles(const QMimeData *mime)
{
    QStringList csv;
    const QStringList paths = localFiles(mime);
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const QString suffix = info.suffix().toLower();
        if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt"))
            csv << info.absoluteFilePath();
    }
    return csv;
}

void ImportDropZone::dragEnterEvent(QDragEnterEvent *event)
{
    if (csvFiles(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    setHovered(true);
}

void ImportDropZone::dragMoveEvent(QDragMoveEvent *event)
{
    if (csvFiles(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void ImportDropZone::dragLeaveEvent(QDragLeaveEvent *event)
{
    setHovered(false);
    QFrame::dragLeaveEvent(event);
}

void ImportDropZone::dropEvent(QDropEvent *event)
{
    setHovered(false);
    const QStringList files = csvFiles(event->mimeData());
    if (files.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(files);
}

} // namespace insighta
