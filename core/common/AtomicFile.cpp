#include "core/common/AtomicFile.h"

#include <QFile>
#include <QSaveFile>

namespace insighta {

Status copyFileAtomically(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("Cannot read %1: %2").arg(source, in.errorString())};
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("Cannot write %1: %2").arg(target, out.errorString())};
    constexpr qint64 kChunk = 1 << 20;
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(kChunk);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError) {
            out.cancelWriting();
            return Error{QStringLiteral("Cannot read %1: %2").arg(source, in.errorString())};
        }
        if (out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return Error{QStringLiteral("Cannot write %1: %2").arg(target, out.errorString())};
        }
    }
    if (!out.commit())
        return Error{QStringLiteral("Cannot write %1: %2").arg(target, out.errorString())};
    return success();
}

} // namespace insighta
