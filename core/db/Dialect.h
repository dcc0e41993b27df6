#pragma once

#include "core/db/DatabaseUrl.h"

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace insighta {

// The few places where SQLite and PostgreSQL differ, kept in one seam. Repositories write
// portable SQL and ask here for the rest.
namespace dialect {

// Timestamps: PostgreSQL stores timestamptz; SQLite stores fixed-width ISO-8601 UTC text with
// milliseconds, which sorts correctly as text. Bind and read through these two functions.
QVariant bindTimestamp(DatabaseKind kind, const QDateTime &utc);
QDateTime readTimestamp(const QVariant &value);

// "INSERT ... ON CONFLICT DO NOTHING" works on both (SQLite >= 3.24); kept here for clarity.
inline QString insertIgnoreSuffix()
{
    return QStringLiteral(" ON CONFLICT DO NOTHING");
}

// Current UTC time as an SQL expression of the same type as bindTimestamp() produces.
QString nowExpression(DatabaseKind kind);

} // namespace dialect
} // namespace insighta
