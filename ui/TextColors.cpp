#include "ui/TextColors.h"

#include <QPalette>

#include <cmath>

namespace insighta {

namespace {

// `over` laid over `base` at `alpha`: a tint that keeps the base's lightness, light or dark.
QColor blend(const QColor &base, const QColor &over, double alpha)
{
    const auto mix = [alpha](int a, int b) { return int(std::lround(a * (1.0 - alpha) + b * alpha)); };
    return QColor(mix(base.red(), over.red()), mix(base.green(), over.green()), mix(base.blue(), over.blue()));
}

} // namespace

TextColors TextColors::from(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    const QColor amber(0xff, 0xc1, 0x07);
    TextColors colors;
    colors.text = palette.color(QPalette::Text);
    colors.muted = palette.color(QPalette::PlaceholderText);
    colors.accent = palette.color(QPalette::Link);
    // Hues chosen per background: a dark red is unreadable on a dark base, a light one on white.
    colors.error = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20);
    colors.warning = dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x5a, 0x00);
    colors.infoTint = blend(base, palette.color(QPalette::Highlight), dark ? 0.30 : 0.12);
    colors.warningTint = blend(base, amber, dark ? 0.25 : 0.20);
    colors.strongTint = blend(base, QColor(0xff, 0x9f, 0x1c), dark ? 0.55 : 0.70);
    return colors;
}

} // namespace insighta
