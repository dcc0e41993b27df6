#include "ui/ErrorLabel.h"

#include "ui/TextColors.h"

namespace insighta {

ErrorLabel::ErrorLabel(const QString &objectName, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText, TextColors::from(errorPalette).error);
    setPalette(errorPalette);
}

} // namespace insighta
