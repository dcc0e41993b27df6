#pragma once

#include <QString>
#include <QStringList>

namespace insighta::net {

// Removes secrets from text meant for logs and error messages: the given secret values, bearer
// tokens, API-key headers and key= query parameters. Applied to every line the layer writes.
QString redact(QString text, const QStringList &secrets = {});

} // namespace insighta::net
