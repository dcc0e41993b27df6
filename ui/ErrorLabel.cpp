#include "ui/ErrorLabel.h"

namespace insighta {

ErrorLabel::ErrorLabel(const QString &objectName, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    setPalette(errorPalette);
}

} // namespace insighta
