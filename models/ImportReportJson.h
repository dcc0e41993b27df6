#pragma once

#include "core/importer/ImportTypes.h"

#include <QJsonObject>

namespace insighta {

// Reads back a report that ImportReport::toJson() wrote (the imports table keeps it), so a past
// report can be shown again. Unknown reason codes are kept out of the rejects list but still
// counted in skipped_by_reason.
ImportReport importReportFromJson(const QJsonObject &object);

// A readable one-line summary: "people.csv: 9,990 loaded, 10 skipped (completed)".
QString importReportSummary(const ImportReport &report);

} // namespace insighta
