#pragma once

#include <QWidget>

namespace insighta {

class Workspace;

class ImportPage : public QWidget
{
    Q_OBJECT
public:
    explicit ImportPage(Workspace *workspace, QWidget *parent = nullptr);

private:
    Workspace *m_workspace;
};

} // namespace insighta
