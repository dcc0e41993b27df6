#include "core/profiles/QueryTokens.h"

#include "core/profiles/Countries.h"

namespace insighta::query {

namespace {

bool isApostrophe(QChar c)
{
    return c == QLatin1Char('\'') || c == QChar(0x2019);
}

bool isDash(QChar c)
{
    // hyphen, figure dash, en dash, em dash, minus sign
    return c == QLatin1Char('-') || c == QChar(0x2012) || c == QChar(0x2013) || c == QChar(0x2014)
        || c == QChar(0x2212);
}

Token symbol(TokenKind kind, const QString &text, const QString &norm, qsizetype start)
{
    Token token;
    token.kind = kind;
    token.text = text;
    token.norm = norm;
    token.start = start;
    token.end = start + text.size();
    return token;
}

qsizetype readWord(const QString &query, qsizetype i, QList<Token> &tokens)
{
    const qsizetype n = query.size();
    const qsizetype start = i;
    while (i < n) {
        const QChar d = query.at(i);
        if (d.isLetter() || d.isMark())
            ++i;
        else if (isApostrophe(d) && i + 1 < n && query.at(i + 1).isLetter())
            ++i; // "d'Ivoire"
        else
            break;
    }
    Token token;
    token.kind = TokenKind::Word;
    token.text = query.mid(start, i - start);
    token.norm = Countries::nameLookupKey(token.text).remove(QLatin1Char(' '));
    token.start = start;
    token.end = i;
    tokens.append(token);
    return i;
}

qsizetype readNumber(const QString &query, qsizetype i, QList<Token> &tokens)
{
    const qsizetype n = query.size();
    const qsizetype start = i;
    while (i < n && query.at(i).isDigit())
        ++i;
    bool decimal = false;
    if (i + 1 < n && query.at(i) == QLatin1Char('.') && query.at(i + 1).isDigit()) {
        decimal = true;
        ++i;
        while (i < n && query.at(i).isDigit())
            ++i;
    }
    Token token;
    token.text = query.mid(start, i - start);
    token.norm = token.text;
    token.start = start;
    token.real = token.text.toDouble();
    bool fits = false;
    const int value = token.text.toInt(&fits);
    token.integer = fits && !decimal;
    token.number = token.integer ? value : 0;
    token.kind = TokenKind::Number;
    // "30s", "30's": a decade, when nothing but the s follows.
    qsizetype s = i;
    if (s < n && isApostrophe(query.at(s)))
        ++s;
    if (token.integer && s < n && query.at(s).toLower() == QLatin1Char('s')
        && (s + 1 >= n || !query.at(s + 1).isLetter())) {
        token.kind = TokenKind::Decade;
        i = s + 1;
        token.text = query.mid(start, i - start);
    }
    token.end = i;
    tokens.append(token);
    return i;
}

} // namespace

QList<Token> tokenize(const QString &query)
{
    QList<Token> tokens;
    const qsizetype n = query.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = query.at(i);
        const bool equalsNext = i + 1 < n && query.at(i + 1) == QLatin1Char('=');
        if (c.isLetter()) {
            i = readWord(query, i, tokens);
        } else if (c.isDigit()) {
            i = readNumber(query, i, tokens);
        } else if (isDash(c) || c == QLatin1Char('+')) {
            tokens.append(symbol(c == QLatin1Char('+') ? TokenKind::Plus : TokenKind::Dash, QString(c), QString(c), i));
            ++i;
        } else if (c == QLatin1Char('%')) {
            tokens.append(symbol(TokenKind::Percent, QString(c), QString(c), i));
            ++i;
        } else if (c == QLatin1Char('>') || c == QLatin1Char('<')) {
            const QString text = query.mid(i, equalsNext ? 2 : 1);
            tokens.append(symbol(TokenKind::Compare, text, text, i));
            i += text.size();
        } else if (c == QChar(0x2265) || c == QChar(0x2264)) { // ≥ ≤
            tokens.append(symbol(TokenKind::Compare, QString(c),
                                 c == QChar(0x2265) ? QStringLiteral(">=") : QStringLiteral("<="), i));
            ++i;
        } else {
            ++i; // every other character separates
        }
    }
    return tokens;
}

} // namespace insighta::query
