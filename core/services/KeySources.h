#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QString>

namespace insighta {

// Where API keys come from on a machine without a keychain (a server running the worker):
// environment variables INSIGHTA_<ID>_API_KEY, or a credentials file that only its owner can
// read. Never the command line, where every user of the machine sees them in the process list.
//
// The credentials file has one "id = key" line per service ("gemini", "groq", "openrouter",
// "resend"); blank lines and lines starting with '#' are skipped.
namespace keysources {

// "gemini" -> "INSIGHTA_GEMINI_API_KEY"
QString environmentName(const QString &id);

// Parses a credentials file's text. Pure; a malformed line is an error naming its number (never
// its text, which may hold a key).
Result<QHash<QString, QString>> parseCredentials(const QByteArray &text);

// Why a file with these permissions may not hold keys, or empty when it may: only its owner may
// read or write it, and its owner must be the user running this process.
QString unsafePermissions(const QString &path);

// Reads and parses `path`, refusing one that others can read (unsafePermissions()).
Result<QHash<QString, QString>> readCredentialsFile(const QString &path);

// The credentials file to use when none is named: INSIGHTA_CREDENTIALS_FILE, else
// "insighta-credentials" in systemd's $CREDENTIALS_DIRECTORY, else "credentials" in the app's
// configuration folder, whichever is set and exists first. Empty when there is none.
QString defaultCredentialsFile();

} // namespace keysources
} // namespace insighta
