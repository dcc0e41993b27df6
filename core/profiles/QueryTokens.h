#pragma once

#include <QList>
#include <QString>

namespace insighta::query {

enum class TokenKind {
    Word,
    Number, // "30", "0.9"
    Decade, // "30s", "30's"
    Dash, // hyphen, en dash, em dash, minus
    Plus,
    Percent, // "%"
    Compare, // ">", ">=", "≥", "<", "<=", "≤": norm is ">", ">=", "<" or "<="
};

struct Token
{
    TokenKind kind = TokenKind::Word;
    QString text; // as written
    QString norm; // words: lower case, accents and apostrophes stripped
    qsizetype start = 0;
    qsizetype end = 0; // one past the last character
    int number = 0; // Number (integers only) and Decade ("30s" -> 30)
    bool integer = false; // Number: fits an int and has no decimals
    double real = 0; // Number: the value, decimals included
};

// Words (letters, inner apostrophes), numbers, decades, dashes, "+", "%" and comparison signs.
// Every other character separates, so case, punctuation and spacing never change the result.
QList<Token> tokenize(const QString &query);

} // namespace insighta::query
