#include "core/interviews/AssessmentJson.h"

#include "core/interviews/Bm25.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace insighta::assessment {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Assessment", text);
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

Error missing(const QString &field)
{
    return Error{tr("The assessment has no '%1' field.").arg(field)};
}

Error wrongType(const QString &field, const QString &expected, const QJsonValue &got)
{
    return Error{tr("The assessment's '%1' must be %2 (got %3).").arg(field, expected, typeName(got))};
}

Result<QString> requiredText(const QJsonObject &o, const QString &field, const QString &path)
{
    if (!o.contains(field))
        return missing(path);
    const QJsonValue v = o.value(field);
    if (!v.isString())
        return wrongType(path, tr("text"), v);
    if (v.toString().trimmed().isEmpty())
        return Error{tr("The assessment's '%1' is empty.").arg(path)};
    return v.toString().trimmed();
}

Result<QStringList> stringList(const QJsonObject &o, const QString &field, const QString &path)
{
    if (!o.contains(field))
        return missing(path);
    const QJsonValue v = o.value(field);
    if (!v.isArray())
        return wrongType(path, tr("a list of text"), v);
    QStringList out;
    const QJsonArray array = v.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!array.at(i).isString())
            return wrongType(itemPath, tr("text"), array.at(i));
        const QString s = array.at(i).toString().trimmed();
        if (!s.isEmpty())
            out.append(s);
    }
    return out;
}

QStringList wordsOf(const QString &text)
{
    return bm25::tokenize(text, /*dropStopWords=*/false);
}

} // namespace

QStringList recommendations()
{
    return {QStringLiteral("strong_hire"), QStringLiteral("hire"), QStringLiteral("no_hire"),
            QStringLiteral("strong_no_hire")};
}

QString recommendationLabel(const QString &recommendation)
{
    if (recommendation == QLatin1String("strong_hire"))
        return tr("Strong hire");
    if (recommendation == QLatin1String("hire"))
        return tr("Hire");
    if (recommendation == QLatin1String("no_hire"))
        return tr("No hire");
    if (recommendation == QLatin1String("strong_no_hire"))
        return tr("Strong no hire");
    if (recommendation == QLatin1String("not_assessed"))
        return tr("Not assessed (offline summary)");
    return recommendation;
}

QJsonObject jsonSchema()
{
    const QJsonObject stringType{{QStringLiteral("type"), QStringLiteral("string")}};
    const QJsonObject stringArray{{QStringLiteral("type"), QStringLiteral("array")},
                                  {QStringLiteral("items"), stringType}};
    const QJsonObject entry{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("competency"), stringType},
                     {QStringLiteral("score"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("minimum"), 1},
                                  {QStringLiteral("maximum"), 5}}},
                     {QStringLiteral("evidence"), stringArray}}},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("competency"), QStringLiteral("score"), QStringLiteral("evidence")}},
    };
    QJsonArray recommendationEnum;
    for (const QString &r : recommendations())
        recommendationEnum.append(r);
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("summary"), stringType},
             {QStringLiteral("scorecard"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), entry}}},
             {QStringLiteral("strengths"), stringArray},
             {QStringLiteral("concerns"), stringArray},
             {QStringLiteral("recommendation"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("enum"), recommendationEnum}}},
         }},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("summary"), QStringLiteral("scorecard"), QStringLiteral("strengths"),
                    QStringLiteral("concerns"), QStringLiteral("recommendation")}},
    };
}

Result<AssessmentContent> parse(const QByteArray &reply)
{
    QByteArray body = reply.trimmed();
    // Tolerate ```json ... ``` around the object.
    if (body.startsWith("```")) {
        const qsizetype firstNewline = body.indexOf('\n');
        const qsizetype closing = body.lastIndexOf("```");
        if (firstNewline > 0 && closing > firstNewline)
            body = body.mid(firstNewline + 1, closing - firstNewline - 1).trimmed();
    }
    if (body.isEmpty())
        return Error{tr("The provider's reply was empty.")};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{tr("The provider's reply is not valid JSON: %1 at character %2.")
                         .arg(error.errorString())
                         .arg(error.offset)};
    if (!doc.isObject())
        return Error{tr("The provider's reply is JSON but not an object.")};
    return validate(doc.object());
}

Result<AssessmentContent> validate(const QJsonObject &o)
{
    AssessmentContent c;
    const auto summary = requiredText(o, QStringLiteral("summary"), QStringLiteral("summary"));
    if (!summary.ok())
        return Error{summary.error()};
    c.summary = summary.value();

    if (!o.contains(QStringLiteral("scorecard")))
        return missing(QStringLiteral("scorecard"));
    const QJsonValue scorecard = o.value(QStringLiteral("scorecard"));
    if (!scorecard.isArray())
        return wrongType(QStringLiteral("scorecard"), tr("a list"), scorecard);
    const QJsonArray entries = scorecard.toArray();
    if (entries.isEmpty())
        return Error{tr("The assessment's 'scorecard' is empty.")};
    for (int i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("scorecard[%1]").arg(i);
        if (!entries.at(i).isObject())
            return wrongType(path, tr("an object"), entries.at(i));
        const QJsonObject e = entries.at(i).toObject();
        ScorecardEntry entry;
        const auto competency = requiredText(e, QStringLiteral("competency"), path + QStringLiteral(".competency"));
        if (!competency.ok())
            return Error{competency.error()};
        entry.competency = competency.value();
        const QString scorePath = path + QStringLiteral(".score");
        if (!e.contains(QStringLiteral("score")))
            return missing(scorePath);
        const QJsonValue score = e.value(QStringLiteral("score"));
        if (!score.isDouble())
            return wrongType(scorePath, tr("a whole number from 1 to 5"), score);
        const double value = score.toDouble();
        // The range first: casting a double outside qint64's range (1e300 from a model) is
        // undefined behaviour, and only 1..5 can pass anyway.
        if (!(value >= 1 && value <= 5) || value != double(qint64(value)))
            return Error{tr("The assessment's '%1' must be a whole number from 1 to 5 (got %2).")
                             .arg(scorePath, QString::number(value))};
        entry.score = int(value);
        const auto evidence = stringList(e, QStringLiteral("evidence"), path + QStringLiteral(".evidence"));
        if (!evidence.ok())
            return Error{evidence.error()};
        entry.evidence = evidence.value();
        c.scorecard.append(entry);
    }

    const auto strengths = stringList(o, QStringLiteral("strengths"), QStringLiteral("strengths"));
    if (!strengths.ok())
        return Error{strengths.error()};
    c.strengths = strengths.value();
    const auto concerns = stringList(o, QStringLiteral("concerns"), QStringLiteral("concerns"));
    if (!concerns.ok())
        return Error{concerns.error()};
    c.concerns = concerns.value();

    const auto recommendation = requiredText(o, QStringLiteral("recommendation"), QStringLiteral("recommendation"));
    if (!recommendation.ok())
        return Error{recommendation.error()};
    if (!recommendations().contains(recommendation.value()))
        return Error{tr("The assessment's 'recommendation' must be one of %1 (got \"%2\").")
                         .arg(recommendations().join(QStringLiteral(", ")), recommendation.value())};
    c.recommendation = recommendation.value();
    return c;
}

QJsonObject toJson(const AssessmentContent &content)
{
    QJsonArray scorecard;
    for (const ScorecardEntry &e : content.scorecard)
        scorecard.append(QJsonObject{{QStringLiteral("competency"), e.competency},
                                     {QStringLiteral("score"), e.score},
                                     {QStringLiteral("evidence"), QJsonArray::fromStringList(e.evidence)}});
    return QJsonObject{{QStringLiteral("summary"), content.summary},
                       {QStringLiteral("scorecard"), scorecard},
                       {QStringLiteral("strengths"), QJsonArray::fromStringList(content.strengths)},
                       {QStringLiteral("concerns"), QJsonArray::fromStringList(content.concerns)},
                       {QStringLiteral("recommendation"), content.recommendation}};
}

QString scorecardToJson(const QList<ScorecardEntry> &scorecard)
{
    AssessmentContent c;
    c.scorecard = scorecard;
    return QString::fromUtf8(
        QJsonDocument(toJson(c).value(QStringLiteral("scorecard")).toArray()).toJson(QJsonDocument::Compact));
}

QString stringListToJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

Result<AssessmentContent> fromColumns(const QString &summary, const QString &scorecardJson,
                                      const QString &strengthsJson, const QString &concernsJson,
                                      const QString &recommendation)
{
    QJsonObject o;
    o.insert(QStringLiteral("summary"), summary);
    auto column = [&](const QString &field, const QString &json) {
        if (json.isEmpty())
            return;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
        o.insert(field, doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(json));
    };
    column(QStringLiteral("scorecard"), scorecardJson);
    column(QStringLiteral("strengths"), strengthsJson);
    column(QStringLiteral("concerns"), concernsJson);
    o.insert(QStringLiteral("recommendation"), recommendation);
    if (recommendation == QLatin1String("not_assessed")) {
        // The offline extractive summary (assessment::offlineAssessment): texts only, no scores
        // that a provider's reply would have to carry.
        AssessmentContent offline;
        offline.summary = summary;
        for (const QJsonValue v : o.value(QStringLiteral("strengths")).toArray())
            offline.strengths << v.toString();
        for (const QJsonValue v : o.value(QStringLiteral("concerns")).toArray())
            offline.concerns << v.toString();
        offline.recommendation = recommendation;
        return offline;
    }
    return validate(o);
}

QString turnForQuote(const QString &quote, const QList<TranscriptTurn> &turns)
{
    const QStringList quoteWords = wordsOf(quote);
    if (quoteWords.isEmpty())
        return {};
    const QString needle = quoteWords.join(QLatin1Char(' '));
    for (const TranscriptTurn &t : turns)
        if (wordsOf(t.text).join(QLatin1Char(' ')).contains(needle))
            return t.id;
    // Paraphrased quotes: the turn sharing the largest share of the quote's words.
    const QSet<QString> wanted(quoteWords.cbegin(), quoteWords.cend());
    QString best;
    double bestShare = 0;
    for (const TranscriptTurn &t : turns) {
        const QStringList words = wordsOf(t.text);
        const QSet<QString> have(words.cbegin(), words.cend());
        const double share = double(QSet<QString>(wanted).intersect(have).size()) / double(wanted.size());
        if (share > bestShare) {
            bestShare = share;
            best = t.id;
        }
    }
    return bestShare >= 0.6 ? best : QString();
}

} // namespace insighta::assessment
