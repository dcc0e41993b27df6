#pragma once

#include "core/jobs/JobHandler.h"
#include "core/jobs/RetryPolicy.h"

#include <QHash>
#include <QStringList>

#include <chrono>
#include <memory>

namespace insighta::jobs {

// How one kind of job is run.
struct KindOptions
{
    RetryPolicy retry; // backoff after retryable errors
    int maxConcurrency = 0; // at most this many at once in one worker pool; 0 = no limit
};

// Which handler runs which kind. Filled once at start-up, then only read (by worker threads):
//   JobRegistry registry;
//   registry.add(QStringLiteral("send-email"), std::make_shared<SendEmailHandler>(...), {.maxConcurrency = 1});
class JobRegistry
{
public:
    void add(const QString &kind, std::shared_ptr<JobHandler> handler, KindOptions options = {});
    void add(const QString &kind, std::function<JobOutcome(JobContext &)> function, KindOptions options = {});

    bool contains(const QString &kind) const { return m_entries.contains(kind); }
    std::shared_ptr<JobHandler> handler(const QString &kind) const;
    KindOptions options(const QString &kind) const;
    QStringList kinds() const;

private:
    struct Entry
    {
        std::shared_ptr<JobHandler> handler;
        KindOptions options;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace insighta::jobs
