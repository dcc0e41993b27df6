#include "core/importer/ImportRowIds.h"

#include <QCryptographicHash>

#include <array>

namespace insighta {

namespace {
constexpr quint64 kTagMask = (quint64(1) << 42) - 1;
constexpr char kHex[] = "0123456789abcdef";
} // namespace

quint64 importTagFor(const QString &importId)
{
    const QByteArray digest = QCryptographicHash::hash(importId.toUtf8(), QCryptographicHash::Sha256);
    quint64 tag = 0;
    for (int i = 0; i < 8; ++i)
        tag = (tag << 8) | quint8(digest.at(i));
    return tag & kTagMask;
}

void formatImportRowId(qint64 unixMillis, quint64 tag, qint64 line, std::string &out)
{
    std::array<quint8, 16> b{};
    const quint64 ms = quint64(unixMillis);
    for (int i = 0; i < 6; ++i)
        b[size_t(i)] = quint8(ms >> (8 * (5 - i)));
    const quint32 l = quint32(line);
    b[6] = quint8(0x70 | ((tag >> 38) & 0x0F)); // version 7 + tag bits 41..38
    b[7] = quint8(tag >> 30); // 37..30
    b[8] = quint8(0x80 | ((tag >> 24) & 0x3F)); // variant + 29..24
    b[9] = quint8(tag >> 16);
    b[10] = quint8(tag >> 8);
    b[11] = quint8(tag);
    b[12] = quint8(l >> 24);
    b[13] = quint8(l >> 16);
    b[14] = quint8(l >> 8);
    b[15] = quint8(l);
    out.resize(36);
    size_t o = 0;
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = kHex[b[i] >> 4];
        out[o++] = kHex[b[i] & 0x0F];
    }
}

std::optional<qint64> importLineFromId(const QString &id, quint64 tag)
{
    std::array<quint8, 16> b{};
    size_t n = 0;
    int high = -1;
    for (const QChar c : id) {
        int v;
        const char16_t u = c.unicode();
        if (u >= '0' && u <= '9')
            v = u - '0';
        else if (u >= 'a' && u <= 'f')
            v = u - 'a' + 10;
        else if (u >= 'A' && u <= 'F')
            v = u - 'A' + 10;
        else
            continue;
        if (n >= 16)
            return std::nullopt;
        if (high < 0) {
            high = v;
        } else {
            b[n++] = quint8(high << 4 | v);
            high = -1;
        }
    }
    if (n != 16 || (b[6] >> 4) != 7)
        return std::nullopt;
    const quint64 found = (quint64(b[6] & 0x0F) << 38) | (quint64(b[7]) << 30) | (quint64(b[8] & 0x3F) << 24)
        | (quint64(b[9]) << 16) | (quint64(b[10]) << 8) | quint64(b[11]);
    if (found != (tag & kTagMask))
        return std::nullopt;
    return qint64((quint32(b[12]) << 24) | (quint32(b[13]) << 16) | (quint32(b[14]) << 8) | quint32(b[15]));
}

} // namespace insighta
