#pragma once

#include "core/importer/ImportTypes.h"

#include <QString>

namespace insighta {

// The human summary of a report that `insighta validate` / `insighta import` print (and the
// Import page can show): status, counts, skipped rows per reason, warnings, the first rejects.
QString importSummaryText(const ImportReport &report, int maxRejectLines = 10);

} // namespace insighta
