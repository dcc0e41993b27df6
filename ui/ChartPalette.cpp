#include "ui/ChartPalette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QPalette>

namespace insighta {

void applyPaletteToChart(QChart *chart, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::Text));
}

} // namespace insighta
