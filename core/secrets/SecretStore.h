#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace insighta {

// Secrets (database passwords, API keys) live in the system keychain through QtKeychain,
// never in settings files or logs. Where no keychain service runs (a bare server, CI), reads
// and writes fail with a readable reason and callers fall back (PGPASSWORD, ~/.pgpass,
// environment variables) and tell the user the secret will not be remembered.
class SecretStore
{
public:
    struct Outcome
    {
        bool ok = false;
        QString value; // for reads
        QString error; // readable reason when !ok
        bool notFound = false;
    };
    using Callback = std::function<void(const Outcome &)>;

    static QString serviceName();

    // Asynchronous; the callback runs on `context`'s thread and is dropped if context dies.
    static void read(const QString &key, QObject *context, Callback done);
    static void write(const QString &key, const QString &value, QObject *context, Callback done);
    static void remove(const QString &key, QObject *context, Callback done);

    // Blocking variants for the command line (spins a local event loop; never on the UI thread).
    static Outcome readBlocking(const QString &key);

    // Keys used across the app.
    static QString databasePasswordKey(const QString &databaseUrl) { return QStringLiteral("db:") + databaseUrl; }
    static QString apiKeyKey(const QString &provider) { return QStringLiteral("api:") + provider; }
    static QString resendApiKeyKey() { return apiKeyKey(QStringLiteral("resend")); }
};

} // namespace insighta
