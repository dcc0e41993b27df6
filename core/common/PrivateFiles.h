#pragma once

#include <QString>

namespace insighta {

// Workspaces, rejected rows and signing keys hold private data: on a shared machine other
// users must not read them. Folders are made 0700 and files 0600 (owner only).

// Creates `path` (and its parents) if needed and restricts the folder itself to its owner.
// False when it cannot be created.
bool makePrivateFolder(const QString &path);
// Restricts an existing file to its owner. False when the permissions cannot be set.
bool makePrivateFile(const QString &path);

} // namespace insighta
