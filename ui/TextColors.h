#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace insighta {

// Colours for the text and tints the window draws itself (rich text, highlights), taken from the
// palette, so that they read on a light and on a dark one alike. Built where the text is built:
// a page redrawn after a palette change picks the new colours up.
struct TextColors
{
    QColor text; // ordinary text
    QColor muted; // secondary text: hints, times, "none noted"
    QColor accent; // the score dots, the candidate's name: the link colour
    QColor error; // "Failed:", required columns missing
    QColor warning; // the interviewer's name, the mark of a rebuilt turn
    QColor infoTint; // behind an answer, the selected turn
    QColor warningTint; // behind an offline answer, a notice, a search match
    QColor strongTint; // behind the current search match

    static TextColors from(const QPalette &palette);
};

// "#rrggbb", for a style attribute in rich text.
inline QString css(const QColor &color)
{
    return color.name(QColor::HexRgb);
}

} // namespace insighta
