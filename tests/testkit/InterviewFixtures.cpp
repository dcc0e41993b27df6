#include "tests/testkit/InterviewFixtures.h"

#include "core/profiles/Uuid.h"
#include "tests/testkit/ScriptedHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace insighta::testkit {

QString demoInterviewId(int n)
{
    return uuidV5(QStringLiteral("demo-interview-%1").arg(n)).toString(QUuid::WithoutBraces);
}

QByteArray chatCompletion(const QString &text)
{
    const QJsonObject reply{{QStringLiteral("choices"),
                             QJsonArray{QJsonObject{{QStringLiteral("message"),
                                                     QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                 {QStringLiteral("content"), text}}},
                                                    {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}}};
    return QJsonDocument(reply).toJson(QJsonDocument::Compact);
}

QString validAssessmentJson()
{
    const QJsonObject a{
        {QStringLiteral("summary"), QStringLiteral("Calm, structured answers.")},
        {QStringLiteral("scorecard"),
         QJsonArray{QJsonObject{{QStringLiteral("competency"), QStringLiteral("Communication")},
                                {QStringLiteral("score"), 4},
                                {QStringLiteral("evidence"), QJsonArray{QStringLiteral("I explain the trade-offs.")}}},
                    QJsonObject{{QStringLiteral("competency"), QStringLiteral("Design")},
                                {QStringLiteral("score"), 3},
                                {QStringLiteral("evidence"), QJsonArray{QStringLiteral("We split the service.")}}}}},
        {QStringLiteral("strengths"), QJsonArray{QStringLiteral("Listens")}},
        {QStringLiteral("concerns"), QJsonArray{}},
        {QStringLiteral("recommendation"), QStringLiteral("hire")}};
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

net::AiSettings scriptedGroq(const ScriptedHttpServer &server, const QString &apiKey)
{
    const QString groq = QStringLiteral("groq");
    net::AiSettings settings;
    settings.order = {groq};
    settings.baseUrls = {{groq, server.url(QStringLiteral("/openai/v1"))}};
    settings.models = {{groq, QStringLiteral("llama-test")}};
    settings.apiKeys = {{groq, apiKey}};
    return settings;
}

} // namespace insighta::testkit
