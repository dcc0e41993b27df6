#pragma once

#include <QString>

namespace insighta {

// The status bar's connection line, from what the workspace and the search page reached. With
// PostgreSQL it names the server each side uses, since with several servers in the URL (and
// "search on standbys" on) they can differ:
//   "Connected: insighta on 2 servers (TLS verified) · writes db1:5432 (primary) · searches
//    db2:5433 (standby)"
// `writeServer` and `searchServer` are replication::describe() texts, empty when not known.
QString connectionStatusText(const QString &displayName, const QString &tls, const QString &writeServer,
                             const QString &searchServer);

// No primary answered, a standby did: searching works, imports and jobs wait.
//   "Read-only: the primary is unreachable · insighta on 2 servers · searches db2:5433 (standby)"
QString readOnlyStatusText(const QString &displayName, const QString &searchServer);

} // namespace insighta
