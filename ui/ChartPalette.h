#pragma once

class QChart;
class QPalette;

namespace insighta {

// Gives a chart the window's colours: the dark chart theme under a dark palette, the light one
// otherwise, with the palette's base colour behind it and its text colour for labels. Series
// colours set afterwards are kept.
void applyPaletteToChart(QChart *chart, const QPalette &palette);

} // namespace insighta
