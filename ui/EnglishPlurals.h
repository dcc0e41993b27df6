#pragma once

#include <QTranslator>

namespace insighta {

// The app's own strings are English and use Qt's plural form: tr("%n import(s)", nullptr, n).
// Without a translation Qt shows "(s)" as written ("1 import(s)"). This translator, installed
// first, resolves "(s)" for English: dropped for one, "s" otherwise. Real translations, when
// there are any, are installed after it and win.
class EnglishPlurals : public QTranslator
{
public:
    using QTranslator::QTranslator;
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }

    // The rule itself, for tests: "%n file(s)" with n = 1 → "%n file".
    static QString resolve(const QString &text, int n);
};

} // namespace insighta
