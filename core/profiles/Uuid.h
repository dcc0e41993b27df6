#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace insighta {

// UUID v7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids sort by creation time,
// which keeps B-tree inserts local. Thread-safe.
QUuid uuidV7(qint64 unixMillis);
QUuid uuidV7();
QString uuidV7String(qint64 unixMillis);

// UUID v5 (name-based, SHA-1) in a fixed namespace of ours: the same input always gives the
// same id, so rebuilt transcript turns keep stable ids.
QUuid uuidV5(const QString &name);

} // namespace insighta
