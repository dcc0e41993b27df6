#include "core/common/PrivateFiles.h"

#include <QDir>
#include <QFile>

namespace insighta {

bool makePrivateFolder(const QString &path)
{
    if (!QDir().mkpath(path))
        return false;
    // Only the last folder: parents such as ~/.local/share belong to other programs too.
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

bool makePrivateFile(const QString &path)
{
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace insighta
