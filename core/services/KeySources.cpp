#include "core/services/KeySources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <unistd.h>

namespace insighta::keysources {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("KeySources", text);
}

} // namespace

QString environmentName(const QString &id)
{
    return QStringLiteral("INSIGHTA_%1_API_KEY").arg(id.toUpper());
}

Result<QHash<QString, QString>> parseCredentials(const QByteArray &text)
{
    QHash<QString, QString> keys;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype equals = line.indexOf('=');
        const QString id = QString::fromUtf8(line.left(equals)).trimmed().toLower();
        const QString value = QString::fromUtf8(line.mid(equals + 1)).trimmed();
        if (equals <= 0 || id.isEmpty() || value.isEmpty())
            return Error{tr("line %1 is not \"name = key\" (for example \"gemini = ...\")").arg(i + 1)};
        keys.insert(id, value);
    }
    return keys;
}

QString unsafePermissions(const QString &path)
{
    const QFileInfo info(path);
    if (info.ownerId() != ::getuid())
        return tr("%1 belongs to another user; the worker only reads keys from a file of its own user.").arg(path);
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & others)
        return tr("%1 can be read or changed by other users; keys must be readable by their owner only "
                  "(chmod 600 %1).")
            .arg(path);
    return {};
}

Result<QHash<QString, QString>> readCredentialsFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error{tr("There is no credentials file at %1.").arg(path)};
    if (const QString unsafe = unsafePermissions(path); !unsafe.isEmpty())
        return Error{tr("Refusing the credentials file: %1").arg(unsafe)};
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read the credentials file %1: %2").arg(path, file.errorString())};
    auto keys = parseCredentials(file.readAll());
    if (!keys.ok())
        return Error{tr("The credentials file %1 is not usable: %2.").arg(path, keys.error())};
    return keys;
}

QString defaultCredentialsFile()
{
    QStringList candidates{qEnvironmentVariable("INSIGHTA_CREDENTIALS_FILE")};
    if (const QString dir = qEnvironmentVariable("CREDENTIALS_DIRECTORY"); !dir.isEmpty())
        candidates << QDir(dir).filePath(QStringLiteral("insighta-credentials"));
    candidates << QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                      .filePath(QStringLiteral("credentials"));
    for (const QString &candidate : candidates) {
        // A file named explicitly is used even when missing, so the error says it is missing.
        if (!candidate.isEmpty() && (QFileInfo::exists(candidate) || candidate == candidates.first()))
            return candidate;
    }
    return {};
}

} // namespace insighta::keysources
