#pragma once

#include <QWidget>

class QVBoxLayout;

namespace insighta {

// A page's header: a title and one sentence that says what the page is for. Every page uses
// it so the window reads the same everywhere.
class PageHeader : public QWidget
{
    Q_OBJECT
public:
    PageHeader(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace insighta
