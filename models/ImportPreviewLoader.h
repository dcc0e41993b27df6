#pragma once

#include "core/importer/ImportPreview.h"

#include <QObject>

namespace insighta {

// Reads a file's preview on a worker thread. Each request gets a generation number; only the
// reply to the latest request is delivered, so quick option changes never show a stale sample.
class ImportPreviewLoader : public QObject
{
    Q_OBJECT
public:
    explicit ImportPreviewLoader(QObject *parent = nullptr);

    void load(const PreviewRequest &request);
    bool isLoading() const { return m_loading; }

signals:
    void loaded(const insighta::ImportPreview &preview);
    void failed(const QString &filePath, const QString &error);

private:
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace insighta
