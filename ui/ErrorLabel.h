#pragma once

#include <QLabel>

namespace insighta {

// A word-wrapped label in the app's error colour, for a form's "what is wrong" line.
class ErrorLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ErrorLabel(const QString &objectName, QWidget *parent = nullptr);
};

} // namespace insighta
