#include "ui/Dialogs.h"

#include <QFileDialog>
#include <QQueue>

namespace insighta {

namespace {

struct Answers
{
    QQueue<QMessageBox::StandardButton> buttons;
    QQueue<QStringList> files;
    QStringList shown;
};

Answers &answers()
{
    static Answers instance;
    return instance;
}

} // namespace

QMessageBox::StandardButton Dialogs::question(QWidget *parent, const QString &title, const QString &text,
                                              QMessageBox::StandardButtons buttons,
                                              QMessageBox::StandardButton defaultButton)
{
    answers().shown << title + QStringLiteral(": ") + text;
    if (!answers().buttons.isEmpty())
        return answers().buttons.dequeue();
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void Dialogs::information(QWidget *parent, const QString &title, const QString &text)
{
    answers().shown << title + QStringLiteral(": ") + text;
    if (!answers().buttons.isEmpty()) {
        answers().buttons.dequeue();
        return;
    }
    QMessageBox::information(parent, title, text);
}

void Dialogs::warning(QWidget *parent, const QString &title, const QString &text)
{
    answers().shown << title + QStringLiteral(": ") + text;
    if (!answers().buttons.isEmpty()) {
        answers().buttons.dequeue();
        return;
    }
    QMessageBox::warning(parent, title, text);
}

QString Dialogs::saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (!answers().files.isEmpty())
        return answers().files.dequeue().value(0);
    return QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

QStringList Dialogs::openFileNames(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (!answers().files.isEmpty())
        return answers().files.dequeue();
    return QFileDialog::getOpenFileNames(parent, caption, dir, filter);
}

void Dialogs::preAnswerButton(QMessageBox::StandardButton button)
{
    answers().buttons.enqueue(button);
}

void Dialogs::preAnswerFile(const QString &path)
{
    answers().files.enqueue({path});
}

void Dialogs::preAnswerFiles(const QStringList &paths)
{
    answers().files.enqueue(paths);
}

QStringList Dialogs::shownMessages()
{
    return answers().shown;
}

void Dialogs::reset()
{
    answers() = Answers{};
}

} // namespace insighta
