#pragma once

// Header-only helpers for GUI tests of the Import page (the testkit library itself links no
// widgets): a workspace on a real database, files dropped as a person drags them, and the wait
// for the preview. Use from tests that link insighta_ui.

#include "ui/Workspace.h"
#include "ui/import/ImportDropZone.h"
#include "ui/import/ImportPreviewPanel.h"
#include "ui/pages/ImportPage.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <memory>

namespace insighta::testkit {

// Opens `url` in the workspace and waits until it is ready.
inline bool connectWorkspace(Workspace &workspace, const DatabaseUrl &url, int timeoutMs = 20000)
{
    QSignalSpy ready(&workspace, &Workspace::ready);
    workspace.connectTo(url, false);
    return ready.wait(timeoutMs);
}

// Drags files onto `target` and drops them; false when either event was refused.
inline bool dropFiles(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

// Drops one file on the page's drop zone and waits for its preview.
inline bool dropAndWaitForPreview(ImportPage &page, const QString &path, int timeoutMs = 10000)
{
    QSignalSpy loaded(page.previewPanel(), &ImportPreviewPanel::previewLoaded);
    auto *zone = page.findChild<ImportDropZone *>(QStringLiteral("importDropZone"));
    return zone && dropFiles(zone, {path}) && loaded.wait(timeoutMs);
}

// A workspace on a real database and an Import page on it, shown at a size where everything
// fits: the set-up most Import page tests start from.
struct ShownImportPage
{
    Workspace workspace;
    std::unique_ptr<ImportPage> shownPage;

    bool open(const DatabaseUrl &url)
    {
        if (!connectWorkspace(workspace, url))
            return false;
        shownPage = std::make_unique<ImportPage>(&workspace);
        shownPage->resize(1300, 850);
        shownPage->show();
        return true;
    }
    ImportPage &page() { return *shownPage; }
};

} // namespace insighta::testkit
