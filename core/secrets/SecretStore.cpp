#include "core/secrets/SecretStore.h"

#include "core/common/Logging.h"

#include <QEventLoop>
#include <QPointer>
#include <qt6keychain/keychain.h>

namespace insighta {

namespace {

SecretStore::Outcome outcomeOf(QKeychain::Job *job)
{
    SecretStore::Outcome outcome;
    outcome.ok = job->error() == QKeychain::NoError;
    outcome.notFound = job->error() == QKeychain::EntryNotFound;
    if (!outcome.ok) {
        switch (job->error()) {
        case QKeychain::EntryNotFound:
            outcome.error = QStringLiteral("No saved secret.");
            break;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
        case QKeychain::OtherError:
            outcome.error = QStringLiteral("No system keychain is available (%1).").arg(job->errorString());
            break;
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            outcome.error = QStringLiteral("Access to the system keychain was denied.");
            break;
        default:
            outcome.error = job->errorString();
            break;
        }
    }
    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job); read && outcome.ok)
        outcome.value = read->textData();
    return outcome;
}

void finish(QKeychain::Job *job, QObject *context, SecretStore::Callback done)
{
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, guard, done = std::move(done)] {
        if (guard && done)
            done(outcomeOf(job));
    });
    job->start();
}

} // namespace

QString SecretStore::serviceName()
{
    return QStringLiteral(INSIGHTA_APP_ID);
}

void SecretStore::read(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(key);
    finish(job, context, std::move(done));
}

void SecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(value);
    finish(job, context, std::move(done));
}

void SecretStore::remove(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(key);
    finish(job, context, std::move(done));
}

SecretStore::Outcome SecretStore::readBlocking(const QString &key)
{
    QKeychain::ReadPasswordJob job(serviceName());
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return outcomeOf(&job);
}

} // namespace insighta
