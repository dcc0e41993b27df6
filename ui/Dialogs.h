#pragma once

#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

namespace insighta {

// Every message box and file dialog goes through here, so GUI tests can pre-answer them
// instead of blocking on a modal dialog.
class Dialogs
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons
                                                = QMessageBox::Yes | QMessageBox::No,
                                                QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text);

    static QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
    static QStringList openFileNames(QWidget *parent, const QString &caption, const QString &dir,
                                     const QString &filter);

    // Test hooks: the next dialogs return these answers (FIFO) without showing anything.
    static void preAnswerButton(QMessageBox::StandardButton button);
    static void preAnswerFile(const QString &path);
    static void preAnswerFiles(const QStringList &paths);
    // What the dialogs would have shown (title: text), for assertions.
    static QStringList shownMessages();
    static void reset();
};

} // namespace insighta
