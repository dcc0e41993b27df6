#pragma once

#include <QWidget>

namespace insighta {

class Workspace;

class JobsPage : public QWidget
{
    Q_OBJECT
public:
    explicit JobsPage(Workspace *workspace, QWidget *parent = nullptr);

private:
    Workspace *m_workspace;
};

} // namespace insighta
