#include "ui/Workspace.h"

#include "core/common/Logging.h"
#include "core/db/Connection.h"
#include "core/db/Replication.h"
#include "core/demo/DemoSeeder.h"

#include <QPointer>
#include <QTimer>
#include <QtConcurrent>

namespace insighta {

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_demoProfiles(DemoSeeder::kDefaultProfiles)
{
    qRegisterMetaType<insighta::DatabaseUrl>();
}

Workspace::~Workspace()
{
    cancelSeeding();
}

void Workspace::connectTo(const DatabaseUrl &url, bool seedDemoWhenEmpty)
{
    cancelSeeding();
    m_url = url;
    m_state = State::Connecting;
    m_error.clear();
    m_readOnly = false;
    if (m_reprobe)
        m_reprobe->stop();
    const quint64 generation = ++m_generation;
    emit connecting(url);

    struct Probe
    {
        QString error;
        bool empty = false;
        QString server; // the one writes go to, "db1:5432 (primary)"; empty for SQLite
        bool readOnly = false; // no primary answered, a standby did
    };
    auto *watcher = new QFutureWatcher<Probe>(this);
    connect(watcher, &QFutureWatcher<Probe>::finished, this, [this, watcher, generation, seedDemoWhenEmpty] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer connectTo() won
        const Probe probe = watcher->result();
        if (!probe.error.isEmpty()) {
            m_state = State::Failed;
            m_error = probe.error;
            qCWarning(lcUi).noquote() << "Cannot connect:" << probe.error;
            emit failed(probe.error);
            return;
        }
        m_state = State::Ready;
        m_server = probe.server;
        m_readOnly = probe.readOnly;
        if (m_readOnly) {
            qCWarning(lcUi).noquote() << "Read-only: no primary answered; searching on" << m_server;
            reprobePrimary();
        }
        emit ready(this->url());
        if (seedDemoWhenEmpty && probe.empty && !m_readOnly)
            startSeeding();
    });
    watcher->setFuture(QtConcurrent::run([url] {
        Probe probe;
        const auto empty = workspaceIsEmpty(url); // opens, migrates, probes
        if (!empty.ok())
            probe.error = empty.error();
        else
            probe.empty = empty.value();
        // No primary among several servers: a hot standby still serves searches.
        if (!probe.error.isEmpty() && url.kind == DatabaseKind::Postgres && url.isMultiHost()) {
            const Connection standby(url.forReads(), QStringLiteral("workspace-standby"));
            const replication::ServerIdentity server
                = standby.ok() ? replication::serverIdentity(standby.database()) : replication::ServerIdentity{};
            if (server.known && server.standby) {
                probe.error.clear();
                probe.readOnly = true;
                probe.server = replication::describe(server);
                return probe;
            }
        }
        if (probe.error.isEmpty() && url.kind == DatabaseKind::Postgres) {
            const Connection connection(url, QStringLiteral("workspace-server"));
            const replication::ServerIdentity server
                = connection.ok() ? replication::serverIdentity(connection.database()) : replication::ServerIdentity{};
            probe.server = replication::describe(server);
            // A URL without target_session_attrs takes the first server that answers: a standby
            // is no place for writes.
            probe.readOnly = server.known && server.standby;
        }
        return probe;
    }));
}

// Read-only: asks for a primary in the background every m_reprobeMs, and connects as usual (the
// pages reconnect on ready()) once one answers.
void Workspace::reprobePrimary()
{
    if (!m_reprobe) {
        m_reprobe = new QTimer(this);
        m_reprobe->setSingleShot(true);
        connect(m_reprobe, &QTimer::timeout, this, [this] {
            const quint64 generation = m_generation;
            const DatabaseUrl writes = m_url;
            auto *watcher = new QFutureWatcher<bool>(this);
            connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, generation] {
                watcher->deleteLater();
                if (generation != m_generation || !m_readOnly)
                    return;
                if (watcher->result())
                    connectTo(m_url, false);
                else
                    m_reprobe->start(m_reprobeMs);
            });
            watcher->setFuture(
                QtConcurrent::run([writes] { return Connection(writes, QStringLiteral("workspace-reprobe")).ok(); }));
        });
    }
    m_reprobe->start(m_reprobeMs);
}

void Workspace::startSeeding()
{
    m_seeding = true;
    m_cancelSeed = std::make_shared<std::atomic_bool>(false);
    const qint64 total = m_demoProfiles;
    emit seedingStarted(total);
    QPointer<Workspace> self(this);
    const DatabaseUrl url = m_url;
    auto cancel = m_cancelSeed;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_seeding = false;
        emit seedingFinished(watcher->result());
        emit dataChanged();
    });
    watcher->setFuture(QtConcurrent::run([url, total, cancel, self] {
        qint64 lastReported = -1;
        const auto summary = DemoSeeder(url).run(
            total,
            [&](qint64 done, qint64 all) {
                // Throttle: at most ~100 progress signals for the whole run.
                if (all > 0 && done * 100 / all == lastReported)
                    return;
                lastReported = all > 0 ? done * 100 / all : 100;
                QObject *context = self.data();
                if (!context)
                    return;
                QMetaObject::invokeMethod(
                    context,
                    [self, done, all] {
                        if (self)
                            emit self->seedingProgress(done, all);
                    },
                    Qt::QueuedConnection);
            },
            cancel.get());
        if (!summary.ok())
            return QStringLiteral("Demo data could not be created: %1").arg(summary.error());
        if (summary->cancelled)
            return QStringLiteral("Demo data stopped at %L1 profiles.").arg(summary->profilesInserted);
        return QStringLiteral("Demo workspace ready: %L1 profiles and %2 interviews.")
            .arg(summary->profilesInserted)
            .arg(summary->interviews);
    }));
}

void Workspace::cancelSeeding()
{
    if (m_cancelSeed)
        m_cancelSeed->store(true);
}

} // namespace insighta
