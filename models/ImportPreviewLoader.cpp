#include "models/ImportPreviewLoader.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace insighta {

ImportPreviewLoader::ImportPreviewLoader(QObject *parent)
    : QObject(parent)
{
}

void ImportPreviewLoader::load(const PreviewRequest &request)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    using Reply = Result<ImportPreview>;
    auto *watcher = new QFutureWatcher<Reply>(this);
    const QString path = request.filePath;
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher, generation, path] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        const Reply reply = watcher->result();
        if (reply.ok())
            emit loaded(reply.value());
        else
            emit failed(path, reply.error());
    });
    watcher->setFuture(QtConcurrent::run([request]() -> Reply { return previewImport(request); }));
}

} // namespace insighta
