#include "core/importer/ImportResume.h"

#include "core/db/Connection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace insighta {

QString fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QString resumePointJson(const ImportCheckpoint &checkpoint)
{
    const QJsonObject wrapped{{QStringLiteral("stopped_at"), checkpoint.toJson()}};
    return QString::fromUtf8(QJsonDocument(wrapped).toJson(QJsonDocument::Compact));
}

std::optional<ImportCheckpoint> resumePointOf(const ImportHistoryEntry &entry)
{
    if (entry.status == QLatin1String("completed") || entry.reportJson.isEmpty())
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(entry.reportJson.toUtf8());
    if (!document.isObject())
        return std::nullopt;
    std::optional<ImportCheckpoint> point
        = ImportCheckpoint::fromJson(document.object().value(QStringLiteral("stopped_at")).toObject());
    // Nothing committed yet: there is nothing to resume, a fresh run is the same thing.
    if (!point || point->record <= 0)
        return std::nullopt;
    point->importId = entry.id;
    return point;
}

Result<std::optional<UnfinishedImport>> findUnfinishedImport(const DatabaseUrl &database, const QString &filePath)
{
    const QString sha256 = fileSha256(filePath);
    if (sha256.isEmpty())
        return std::optional<UnfinishedImport>(); // unreadable: the import itself says why
    Connection connection(database, QStringLiteral("unfinished-import"));
    if (!connection.ok())
        return Error{connection.error()};
    ImportHistory history(connection.database(), connection.kind());
    auto latest = history.latestWithSha256(sha256);
    if (!latest.ok())
        return Error{QStringLiteral("Cannot read the import history: %1").arg(latest.error())};
    if (!latest.value())
        return std::optional<UnfinishedImport>();
    const std::optional<ImportCheckpoint> point = resumePointOf(*latest.value());
    if (!point)
        return std::optional<UnfinishedImport>();
    return std::optional<UnfinishedImport>(UnfinishedImport{*latest.value(), *point});
}

void applyUnfinishedChoice(ImportRequest &request, const UnfinishedImport &unfinished, UnfinishedChoice choice)
{
    switch (choice) {
    case UnfinishedChoice::Resume:
        request.resume = unfinished.checkpoint;
        request.restartImportId.clear();
        break;
    case UnfinishedChoice::Restart:
        request.resume.reset();
        request.restartImportId = unfinished.entry.id;
        break;
    case UnfinishedChoice::Ask:
        break;
    }
}

} // namespace insighta
