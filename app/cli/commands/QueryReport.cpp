#include "app/cli/commands/QueryReport.h"

#include <QJsonArray>

namespace insighta::cli {

namespace {

QJsonObject spanJson(const ParsedQuery &parsed, const QuerySpan &span)
{
    QJsonObject object{{QStringLiteral("text"), span.text},
                       {QStringLiteral("position"), qint64(span.position)},
                       {QStringLiteral("length"), qint64(span.length)},
                       {QStringLiteral("role"), querySpanRoleName(span.role)}};
    if (span.term >= 0 && span.term < parsed.terms.size()) {
        const QueryTerm &term = parsed.terms.at(span.term);
        object.insert(QStringLiteral("kind"), queryTermKindName(term.kind));
        object.insert(QStringLiteral("value"), term.value);
    }
    if (span.role == QuerySpan::Role::Ignored)
        object.insert(QStringLiteral("suggestions"), QJsonArray::fromStringList(span.suggestions));
    return object;
}

} // namespace

QJsonObject queryReportJson(const ParsedQuery &parsed)
{
    QJsonArray spans;
    QJsonArray ignored;
    for (const QuerySpan &span : parsed.spans) {
        spans.append(spanJson(parsed, span));
        if (span.role == QuerySpan::Role::Ignored)
            ignored.append(QJsonObject{{QStringLiteral("text"), span.text},
                                       {QStringLiteral("suggestions"), QJsonArray::fromStringList(span.suggestions)}});
    }
    QJsonArray corrections;
    for (const QueryCorrection &correction : parsed.corrections)
        corrections.append(QJsonObject{{QStringLiteral("written"), correction.written},
                                       {QStringLiteral("corrected"), correction.corrected},
                                       {QStringLiteral("position"), qint64(correction.position)},
                                       {QStringLiteral("length"), qint64(correction.length)}});
    return QJsonObject{{QStringLiteral("spans"), spans},
                       {QStringLiteral("ignored"), ignored},
                       {QStringLiteral("corrections"), corrections}};
}

QStringList queryReportLines(const ParsedQuery &parsed)
{
    QStringList lines;
    if (const QString ignored = parsed.ignoredWords(); !ignored.isEmpty())
        lines << QStringLiteral("Ignored:        ") + ignored;
    if (const QString corrected = parsed.correctionsText(); !corrected.isEmpty())
        lines << QStringLiteral("Corrected:      ") + corrected;
    return lines;
}

} // namespace insighta::cli
