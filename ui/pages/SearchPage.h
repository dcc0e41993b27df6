#pragma once

#include <QWidget>

namespace insighta {

class Workspace;

class SearchPage : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPage(Workspace *workspace, QWidget *parent = nullptr);

private:
    Workspace *m_workspace;
};

} // namespace insighta
