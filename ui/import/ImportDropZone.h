#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QMimeData;
class QPushButton;

namespace insighta {

// The obvious place to drop CSV files: a large dashed frame that lights up while a drag with
// .csv files hovers over it, plus a "Choose files…" button for those who prefer a dialog.
class ImportDropZone : public QFrame
{
    Q_OBJECT
public:
    explicit ImportDropZone(QWidget *parent = nullptr);

    // The local .csv files in a drag's URLs (other files and remote URLs are left out).
    static QStringList csvFiles(const QMimeData *mime);
    // Every local file in the drag, to say which ones were refused.
    static QStringList localFiles(const QMimeData *mime);

signals:
    void filesDropped(const QStringList &paths);
    void chooseFilesRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setHovered(bool hovered);

    QLabel *m_title = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_choose = nullptr;
    bool m_hovered = false;
};

} // namespace insighta
