#include "core/profiles/Uuid.h"

#include <QRandomGenerator>

namespace insighta {

QUuid uuidV7(qint64 unixMillis)
{
    std::array<quint8, 16> bytes{};
    const quint64 ms = quint64(unixMillis);
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = quint8(ms >> (8 * (5 - i)));
    QRandomGenerator *random = QRandomGenerator::global();
    for (size_t i = 6; i < 16; ++i)
        bytes[i] = quint8(random->bounded(256));
    bytes[6] = quint8(0x70 | (bytes[6] & 0x0F)); // version 7
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3F)); // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
}

QUuid uuidV7()
{
    return uuidV7(QDateTime::currentMSecsSinceEpoch());
}

QString uuidV7String(qint64 unixMillis)
{
    return uuidV7(unixMillis).toString(QUuid::WithoutBraces);
}

QUuid uuidV5(const QString &name)
{
    // Namespace: uuidV5(DNS, "insighta.example.org"), fixed forever.
    static const QUuid kNamespace(QStringLiteral("{6f2b3a52-7d0e-5c1b-9a64-1c4d8e2f7b90}"));
    return QUuid::createUuidV5(kNamespace, name);
}

} // namespace insighta
