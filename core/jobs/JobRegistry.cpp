#include "core/jobs/JobRegistry.h"

#include <algorithm>

namespace insighta::jobs {

void JobRegistry::add(const QString &kind, std::shared_ptr<JobHandler> handler, KindOptions options)
{
    m_entries.insert(kind, Entry{std::move(handler), std::move(options)});
}

void JobRegistry::add(const QString &kind, std::function<JobOutcome(JobContext &)> function, KindOptions options)
{
    add(kind, std::make_shared<FunctionJobHandler>(std::move(function)), std::move(options));
}

std::shared_ptr<JobHandler> JobRegistry::handler(const QString &kind) const
{
    const auto it = m_entries.constFind(kind);
    return it == m_entries.constEnd() ? nullptr : it->handler;
}

KindOptions JobRegistry::options(const QString &kind) const
{
    return m_entries.value(kind).options;
}

QStringList JobRegistry::kinds() const
{
    QStringList kinds = m_entries.keys();
    std::sort(kinds.begin(), kinds.end());
    return kinds;
}

} // namespace insighta::jobs
