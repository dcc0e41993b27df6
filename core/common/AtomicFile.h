#pragma once

#include "core/common/Result.h"

#include <QString>

namespace insighta {

// Copies `source` over `target` through QSaveFile: the data goes to a temporary file beside the
// target, which replaces it only once everything was written. Until then, and whenever the copy
// fails, the target keeps its old content; QFile::remove() followed by QFile::copy() lost the
// person's file when the copy then failed.
Status copyFileAtomically(const QString &source, const QString &target);

} // namespace insighta
