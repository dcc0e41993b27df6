#pragma once

#include <QString>
#include <QStringView>

#include <string>
#include <string_view>

namespace insighta {

// Text that came from a file, the database or a server, on its way to a spreadsheet or a
// terminal. Pure functions, one rule each, shared by every writer and reader of such text.

// A spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula
// (CSV injection). Such a cell is written with one leading ' (the export, the rejects file and
// the clipboard), and the importer removes exactly that ' again, so a file we wrote imports back
// to the same values.
bool startsLikeFormula(QStringView text);
bool startsLikeFormula(std::string_view text);
QString neutralizeFormula(const QString &text);
void neutralizeFormula(std::string_view text, std::string &out); // appends to `out`
// The cell without the ' that neutralizeFormula() added; anything else is unchanged ('Twas).
std::string_view withoutFormulaGuard(std::string_view cell);

// Control characters that a terminal would act on (C0, DEL, C1: cursor moves, colours, a
// title change, a bell) and the bidirectional overrides that make text read in another order
// than it is stored, replaced by visible escapes (\x1B, \u202E). For messages that quote data.
QString printable(QStringView text);

// A tooltip that shows `text` as written. Qt renders a tooltip as rich text when it merely
// looks like HTML (Qt::mightBeRichText), so a candidate named <img src=...> would be rendered
// and could load a resource; the escaped text in a paragraph that keeps its line breaks cannot.
QString plainTextToolTip(const QString &text);

} // namespace insighta
