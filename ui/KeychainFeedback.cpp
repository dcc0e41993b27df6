#include "ui/KeychainFeedback.h"

#include "core/common/Logging.h"

#include <QMainWindow>
#include <QPointer>
#include <QStatusBar>

namespace insighta {

namespace {

QMainWindow *mainWindowOf(QObject *context)
{
    for (QObject *object = context; object; object = object->parent()) {
        if (auto *window = qobject_cast<QMainWindow *>(object))
            return window;
        if (auto *widget = qobject_cast<QWidget *>(object); widget && widget->window() != widget)
            if (auto *window = qobject_cast<QMainWindow *>(widget->window()))
                return window;
    }
    return nullptr;
}

} // namespace

QString keychainWriteFailure(const QString &what, const SecretStore::Outcome &outcome)
{
    return QObject::tr("%1 could not be saved in the keychain (%2); it is used until you quit, not remembered.")
        .arg(what, outcome.error.isEmpty() ? QObject::tr("no reason given") : outcome.error);
}

SecretStore::Callback reportKeychainWrite(QObject *context, const QString &what)
{
    QPointer<QObject> guard(context);
    return [guard, what](const SecretStore::Outcome &outcome) {
        if (outcome.ok)
            return;
        const QString message = keychainWriteFailure(what, outcome);
        qCWarning(lcUi).noquote() << message;
        if (QMainWindow *window = guard ? mainWindowOf(guard.data()) : nullptr)
            window->statusBar()->showMessage(message, 20000);
    };
}

} // namespace insighta
