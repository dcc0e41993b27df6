#pragma once

#include <QDialog>
#include <QList>
#include <QString>

namespace insighta {

// Help → About: the version, our licence, and the licences of what the package ships against.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    struct Component
    {
        QString name;
        QString licence;
        QString use;
    };

    explicit AboutDialog(QWidget *parent = nullptr);

    static QString versionText(); // "Version 0.1.0 (Qt 6.4.2)"
    static QString licence(); // SPDX id of the project licence, as in the AppStream metadata
    static const QList<Component> &components();
};

} // namespace insighta
