#pragma once

#include "core/secrets/SecretStore.h"

#include <QString>

class QObject;

namespace insighta {

// A keychain write that fails must say so: the secret then lives for this session only, and the
// person would otherwise find it gone at the next start. The callback logs a warning and shows
// "<what> could not be saved in the keychain: <reason>" in the status bar of `context`'s window
// (a QMainWindow), for 20 s.
SecretStore::Callback reportKeychainWrite(QObject *context, const QString &what);

// The message reportKeychainWrite() shows, for a failed outcome.
QString keychainWriteFailure(const QString &what, const SecretStore::Outcome &outcome);

} // namespace insighta
