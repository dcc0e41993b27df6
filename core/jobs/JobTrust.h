#pragma once

#include <QJsonObject>
#include <QString>

namespace insighta::jobs {

// Trust between desktops that share one database. Anyone who can write to the jobs table can
// insert a job, so a job that makes a worker read one of its local files (an import) is only run
// when it is (1) filed for this machine — host affinity, JobSpec::host — and (2) signed with a
// secret that only this user on this machine holds: 32 random bytes in `job-signing.key` in the
// data folder (0600, created on first use). The signature is an HMAC-SHA256 over the kind, the
// host and the payload, stored in the payload under "signature". See docs/security.md.

// This machine's name, as host affinity records it.
QString localHostName();

// The payload key that holds the signature.
QString signatureKey();

// The signature of a job with this kind, host and payload (its "signature" key, if any, left out).
QString signJob(const QString &kind, const QString &host, const QJsonObject &payload);
// `payload` with its signature added.
QJsonObject signedPayload(const QString &kind, const QString &host, QJsonObject payload);
// Whether the payload's signature is this machine's signature of (kind, host, payload).
bool hasValidSignature(const QString &kind, const QString &host, const QJsonObject &payload);

} // namespace insighta::jobs
