#include "core/db/ProfileSearchCanceller.h"

#include "core/common/Logging.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace insighta {

ProfileSearchCanceller::ProfileSearchCanceller(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return;
    const QVariant handle = db.driver()->handle();
    const QByteArray type = handle.typeName() ? QByteArray(handle.typeName()) : QByteArray();
    // Qt registers the libpq handle under its struct name, "pg_conn*" (older Qt: "PGconn*").
    if (type == "pg_conn*" || type == "PGconn*") {
        // PQgetCancel must run in the owning thread; PQcancel on the result is thread-safe.
        if (auto *conn = *static_cast<PGconn *const *>(handle.data()))
            m_pgCancel = PQgetCancel(conn);
    } else if (type == "sqlite3*") {
        m_sqlite = *static_cast<sqlite3 *const *>(handle.data());
    } else {
        qCWarning(lcSearch) << "No way to cancel queries on a connection with handle type" << type;
    }
}

ProfileSearchCanceller::~ProfileSearchCanceller()
{
    detach();
}

bool ProfileSearchCanceller::supported() const
{
    QMutexLocker lock(&m_mutex);
    return m_pgCancel || m_sqlite;
}

void ProfileSearchCanceller::begin(quint64 generation)
{
    QMutexLocker lock(&m_mutex);
    m_running = true;
    m_generation = generation;
}

void ProfileSearchCanceller::end()
{
    QMutexLocker lock(&m_mutex);
    m_running = false;
}

bool ProfileSearchCanceller::cancelOlderThan(quint64 generation)
{
    QMutexLocker lock(&m_mutex);
    if (!m_running || m_generation >= generation)
        return false;
    return cancelLocked();
}

bool ProfileSearchCanceller::cancelRunning()
{
    QMutexLocker lock(&m_mutex);
    if (!m_running)
        return false;
    return cancelLocked();
}

bool ProfileSearchCanceller::cancelLocked()
{
    // Under the mutex: the owner cannot finish this statement's bracket and start the next one
    // until the request has been delivered.
    if (m_pgCancel) {
        char message[256] = {};
        if (!PQcancel(static_cast<PGcancel *>(m_pgCancel), message, int(sizeof message))) {
            qCWarning(lcSearch) << "PQcancel failed:" << message;
            return false;
        }
        return true;
    }
    if (m_sqlite) {
        sqlite3_interrupt(static_cast<sqlite3 *>(m_sqlite));
        return true;
    }
    return false;
}

void ProfileSearchCanceller::detach()
{
    QMutexLocker lock(&m_mutex);
    if (m_pgCancel)
        PQfreeCancel(static_cast<PGcancel *>(m_pgCancel));
    m_pgCancel = nullptr;
    m_sqlite = nullptr;
    m_running = false;
}

} // namespace insighta
