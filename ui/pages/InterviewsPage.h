#pragma once

#include <QWidget>

namespace insighta {

class Workspace;

class InterviewsPage : public QWidget
{
    Q_OBJECT
public:
    explicit InterviewsPage(Workspace *workspace, QWidget *parent = nullptr);

private:
    Workspace *m_workspace;
};

} // namespace insighta
