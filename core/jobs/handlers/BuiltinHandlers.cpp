#include "core/jobs/handlers/BuiltinHandlers.h"

#include <QDeadlineTimer>
#include <QThread>

namespace insighta::jobs {

void registerBuiltinHandlers(JobRegistry &registry)
{
    registry.add(QStringLiteral("noop"), [](JobContext &) { return JobOutcome::success(); });
    registry.add(QStringLiteral("sleep"), [](JobContext &context) {
        const int failAttempts = context.payload().value(QStringLiteral("fail_attempts")).toInt();
        if (context.attempt() <= failAttempts)
            return JobOutcome::retry(QStringLiteral("failing attempt %1 of the first %2 on purpose")
                                         .arg(context.attempt())
                                         .arg(failAttempts));
        const qint64 ms = context.payload().value(QStringLiteral("ms")).toInteger();
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (context.isCancelled())
                return JobOutcome::retry(QStringLiteral("stopped before the end"));
            context.reportProgress(1.0 - double(deadline.remainingTime()) / double(std::max<qint64>(ms, 1)));
            QThread::msleep(std::min<qint64>(20, std::max<qint64>(deadline.remainingTime(), 0)));
        }
        return JobOutcome::success(QJsonObject{{QStringLiteral("slept_ms"), ms}});
    });
}

} // namespace insighta::jobs
