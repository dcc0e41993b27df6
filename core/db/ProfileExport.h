#pragma once

#include "core/common/Result.h"
#include "core/profiles/ProfileFilter.h"

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <functional>

namespace insighta {

enum class DatabaseKind;

struct ExportSummary
{
    qint64 rows = 0;
    bool cancelled = false;
};

// Streams the profiles a filter selects to a CSV file, in the filter's sort order, by keyset
// pages (memory stays flat whatever the size). Writes to a temporary file and renames it at the
// end, so a cancelled or failed export never leaves a half file under the chosen name.
// Runs in the thread that owns the connection.
class ProfileCsvExporter
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    ProfileCsvExporter(const QSqlDatabase &db, DatabaseKind kind);
    Result<ExportSummary> exportTo(const QString &path, const ProfileFilter &filter, const Progress &progress = {},
                                   const std::atomic_bool *cancel = nullptr);

    static QStringList header();
    // One CSV cell: quoted when needed (RFC 4180), and a cell a spreadsheet would run as a
    // formula (starting with = + - @, tab or carriage return) is prefixed with a quote.
    static QString cell(const QString &value);
    static QString line(const Profile &profile);
    // One tab-separated row for the clipboard (pasted into spreadsheets: the same formula rule).
    static QString clipboardLine(const Profile &profile);

    static constexpr int kPageSize = 5000;

private:
    QSqlDatabase m_db;
    DatabaseKind m_kind;
};

} // namespace insighta
