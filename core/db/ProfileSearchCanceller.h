#pragma once

#include <QMutex>
#include <QSqlDatabase>

#include <memory>

namespace insighta {

// Cancels the statement running on one connection from any thread: libpq PQcancel through the
// QPSQL handle, sqlite3_interrupt through the QSQLITE handle. The owning thread brackets each
// statement with begin(generation)/end(); cancelOlderThan(g) cancels only a statement of an
// older generation, so a late cancel never hits the query that replaced it. detach() before the
// connection closes (the owner's destructor does).
class ProfileSearchCanceller
{
public:
    explicit ProfileSearchCanceller(const QSqlDatabase &db);
    ~ProfileSearchCanceller();
    ProfileSearchCanceller(const ProfileSearchCanceller &) = delete;
    ProfileSearchCanceller &operator=(const ProfileSearchCanceller &) = delete;

    void begin(quint64 generation);
    void end();
    // Returns whether a cancel request was sent.
    bool cancelOlderThan(quint64 generation);
    bool cancelRunning();
    void detach();
    bool supported() const;

private:
    bool cancelLocked();

    mutable QMutex m_mutex;
    void *m_pgCancel = nullptr; // PGcancel*
    void *m_sqlite = nullptr; // sqlite3*
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace insighta
