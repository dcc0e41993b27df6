#include "core/interviews/AiBackend.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace insighta {

void NoAiBackend::send(const AiRequest &, QObject *context, std::function<void(const AiReply &)> done)
{
    AiReply reply;
    reply.error = QCoreApplication::translate("Interviews",
                                              "No AI provider is configured. Add a provider key in Settings, then "
                                              "retry.");
    // Queued, like a real reply, so callers never re-enter themselves.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
}

} // namespace insighta
