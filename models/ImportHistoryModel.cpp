#include "models/ImportHistoryModel.h"

#include "core/common/Logging.h"
#include "core/common/UntrustedText.h"
#include "core/db/Connection.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

namespace insighta {

namespace {

struct HistoryReply
{
    QList<ImportHistoryEntry> entries;
    QString error;
};

} // namespace

ImportHistoryModel::ImportHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportHistoryModel::refresh(const DatabaseUrl &url, int limit)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    auto *watcher = new QFutureWatcher<HistoryReply>(this);
    connect(watcher, &QFutureWatcher<HistoryReply>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer refresh is on its way
        m_loading = false;
        HistoryReply reply = watcher->result();
        if (!reply.error.isEmpty()) {
            m_error = reply.error;
            qCWarning(lcImport).noquote() << "Cannot read the import history:" << reply.error;
            emit failed(reply.error);
            return;
        }
        m_error.clear();
        beginResetModel();
        m_entries = std::move(reply.entries);
        endResetModel();
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run([url, limit] {
        HistoryReply reply;
        Connection connection(url, QStringLiteral("import-history"));
        if (!connection.ok()) {
            reply.error = connection.error();
            return reply;
        }
        ImportHistory history(connection.database(), connection.kind());
        auto recent = history.recent(limit);
        if (!recent.ok())
            reply.error = recent.error();
        else
            reply.entries = std::move(recent).value();
        return reply;
    }));
}

int ImportHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ImportHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ImportHistoryEntry &entry = m_entries.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() >= ReadColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == FileColumn)
        return plainTextToolTip(entry.filePath.isEmpty() ? entry.fileName : entry.filePath); // from the database
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !entry.error.isEmpty())
        return plainTextToolTip(entry.error);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case FileColumn:
        return entry.fileName;
    case StartedColumn:
        return locale.toString(entry.startedAt.toLocalTime(), QLocale::ShortFormat);
    case StatusColumn:
        return entry.status;
    case ReadColumn:
        return locale.toString(entry.rowsRead);
    case LoadedColumn:
        return locale.toString(entry.rowsLoaded);
    case SkippedColumn:
        return locale.toString(entry.rowsSkipped);
    default:
        return {};
    }
}

QVariant ImportHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn:
        return tr("File");
    case StartedColumn:
        return tr("Started");
    case StatusColumn:
        return tr("Status");
    case ReadColumn:
        return tr("Read");
    case LoadedColumn:
        return tr("Loaded");
    case SkippedColumn:
        return tr("Skipped");
    default:
        return {};
    }
}

} // namespace insighta
