#include "core/jobs/JobTrust.h"

#include "core/common/Logging.h"
#include "core/common/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>

namespace insighta::jobs {

namespace {

constexpr qsizetype kKeyBytes = 32;

QString keyPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/insighta-desk");
    return dir + QStringLiteral("/job-signing.key");
}

QByteArray readKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray key = QByteArray::fromHex(file.readAll().trimmed());
    return key.size() == kKeyBytes ? key : QByteArray();
}

// Creates the key once. NewOnly is an exclusive create, so of two processes starting at once
// one writes the key and the other reads it; the file is made owner-only before anything is
// written to it.
QByteArray createKey(const QString &path)
{
    if (!makePrivateFolder(QFileInfo(path).absolutePath()))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly)) {
        // Someone else is creating it: give them a moment to finish writing 64 characters.
        for (int round = 0; round < 50; ++round) {
            if (const QByteArray key = readKey(path); !key.isEmpty())
                return key;
            QThread::msleep(10);
        }
        return {};
    }
    if (!makePrivateFile(path))
        return {};
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(key.data()),
                                         reinterpret_cast<quint32 *>(key.data() + key.size()));
    if (file.write(key.toHex()) != kKeyBytes * 2 || !file.flush())
        return {};
    return key;
}

QByteArray signingKey()
{
    static QMutex mutex;
    static QByteArray cached;
    QMutexLocker lock(&mutex);
    if (cached.isEmpty()) {
        const QString path = keyPath();
        cached = readKey(path);
        if (cached.isEmpty())
            cached = createKey(path);
        if (cached.isEmpty())
            qCWarning(lcJobs).noquote() << "Cannot create the job signing key" << path
                                        << "- import jobs cannot be filed or run here.";
    }
    return cached;
}

QByteArray message(const QString &kind, const QString &host, QJsonObject payload)
{
    payload.remove(signatureKey());
    // QJsonDocument writes object keys sorted, so the same payload always gives the same bytes.
    return kind.toUtf8() + '\n' + host.toUtf8() + '\n' + QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

} // namespace

QString localHostName()
{
    return QSysInfo::machineHostName();
}

QString signatureKey()
{
    return QStringLiteral("signature");
}

QString signJob(const QString &kind, const QString &host, const QJsonObject &payload)
{
    const QByteArray key = signingKey();
    if (key.isEmpty())
        return {};
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message(kind, host, payload), key, QCryptographicHash::Sha256).toHex());
}

QJsonObject signedPayload(const QString &kind, const QString &host, QJsonObject payload)
{
    payload.insert(signatureKey(), signJob(kind, host, payload));
    return payload;
}

bool hasValidSignature(const QString &kind, const QString &host, const QJsonObject &payload)
{
    const QString given = payload.value(signatureKey()).toString();
    const QString expected = signJob(kind, host, payload);
    if (given.isEmpty() || expected.isEmpty() || given.size() != expected.size())
        return false;
    // Constant time, so the comparison does not tell how much of a guess was right.
    char difference = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |= char(given.at(i).unicode() ^ expected.at(i).unicode());
    return difference == 0;
}

} // namespace insighta::jobs
