#include "app/cli/commands/Commands.h"

#include "app/cli/commands/InterviewsCommand.h"
#include "app/cli/commands/ServiceOptions.h"
#include "core/common/UntrustedText.h"
#include "core/db/Connection.h"
#include "core/interviews/ReportPdf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace insighta::cli {

namespace {

const QString kUsage = QStringLiteral(
    "Interviews: transcripts, assessments, questions, emails and PDF reports.\n\n"
    "  insighta interviews list [--json]\n"
    "  insighta interviews show ID [--transcript] [--json]\n"
    "  insighta interviews assess ID [--wait]     queue an assessment; --wait runs it and follows it\n"
    "  insighta interviews ask ID \"QUESTION\" [--json]   answered with citations to transcript turns\n"
    "  insighta interviews email ID --to ADDR --template invite|report\n"
    "  insighta interviews pdf ID -o FILE.pdf\n\n"
    "Keys come from the keychain, INSIGHTA_<ID>_API_KEY or the credentials file, never options.");

QJsonValue isoTime(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QString sourceText(const Transcript &transcript)
{
    switch (transcript.source) {
    case TranscriptSource::Empty:
        return QStringLiteral("no transcript");
    case TranscriptSource::Stored:
        return QStringLiteral("stored turns");
    case TranscriptSource::Rebuilt:
        return QStringLiteral("all %1 turns rebuilt from the session JSON").arg(transcript.rebuiltCount);
    case TranscriptSource::Merged:
        return QStringLiteral("%1 stored turns, %2 rebuilt from the session JSON")
            .arg(transcript.storedCount)
            .arg(transcript.rebuiltCount);
    }
    return {};
}

QJsonObject summaryJson(const InterviewSummary &s)
{
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("candidate"), s.candidateName},
        {QStringLiteral("email"), s.candidateEmail},
        {QStringLiteral("role"), s.role},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("scheduled_at"), isoTime(s.scheduledAt)},
        {QStringLiteral("started_at"), isoTime(s.startedAt)},
        {QStringLiteral("assessment"), s.assessmentStatus.isEmpty() ? QJsonValue() : QJsonValue(s.assessmentStatus)}};
}

int list(InterviewRepository &repository, bool json, Io &io)
{
    const auto interviews = repository.list(InterviewFilter{});
    if (!interviews.ok()) {
        io.err << "insighta interviews: " << interviews.error() << "\n";
        return BackendFailure;
    }
    if (json) {
        QJsonArray array;
        for (const InterviewSummary &s : interviews.value())
            array.append(summaryJson(s));
        io.out << QJsonDocument(array).toJson(QJsonDocument::Compact) << "\n";
        return Success;
    }
    io.out << QStringLiteral("%1  %2 %3 %4 %5\n")
                  .arg(QStringLiteral("ID"), -36)
                  .arg(QStringLiteral("CANDIDATE"), -24)
                  .arg(QStringLiteral("ROLE"), -24)
                  .arg(QStringLiteral("STATUS"), -12)
                  .arg(QStringLiteral("ASSESSMENT"));
    for (const InterviewSummary &s : interviews.value())
        io.out << QStringLiteral("%1  %2 %3 %4 %5\n")
                      .arg(s.id, -36)
                      .arg(printable(s.candidateName).left(23), -24)
                      .arg(printable(s.role).left(23), -24)
                      .arg(s.status, -12)
                      .arg(s.assessmentStatus.isEmpty() ? QStringLiteral("-") : s.assessmentStatus);
    return Success;
}

QJsonObject detailJson(const InterviewDetail &d, bool withTranscript)
{
    QJsonObject object = summaryJson(d.summary);
    const Transcript &t = d.transcript;
    object.insert(QStringLiteral("transcript"),
                  QJsonObject{{QStringLiteral("source"), sourceText(t)},
                              {QStringLiteral("stored_turns"), t.storedCount},
                              {QStringLiteral("rebuilt_turns"), t.rebuiltCount},
                              {QStringLiteral("warning"), t.warning.isEmpty() ? QJsonValue() : QJsonValue(t.warning)}});
    if (withTranscript) {
        QJsonArray turns;
        for (const TranscriptTurn &turn : t.turns)
            turns.append(QJsonObject{{QStringLiteral("id"), turn.id},
                                     {QStringLiteral("elapsed"), turn.elapsed},
                                     {QStringLiteral("speaker"), turn.speaker},
                                     {QStringLiteral("text"), turn.text},
                                     {QStringLiteral("rebuilt"), turn.origin == TranscriptTurn::Origin::Rebuilt}});
        object.insert(QStringLiteral("turns"), turns);
    }
    QJsonArray assessments;
    for (const Assessment &a : d.assessments)
        assessments.append(
            QJsonObject{{QStringLiteral("id"), a.id},
                        {QStringLiteral("status"), a.status},
                        {QStringLiteral("provider"), a.provider},
                        {QStringLiteral("recommendation"), a.content.recommendation},
                        {QStringLiteral("summary"), a.content.summary},
                        {QStringLiteral("error"), a.error.isEmpty() ? QJsonValue() : QJsonValue(a.error)}});
    object.insert(QStringLiteral("assessments"), assessments);
    return object;
}

void printDetail(const InterviewDetail &d, bool withTranscript, Io &io)
{
    const InterviewSummary &s = d.summary;
    io.out << printable(s.candidateName) << " <" << printable(s.candidateEmail) << ">, " << printable(s.role)
           << "\nInterview " << s.id << ": " << s.status << "\nTranscript: " << sourceText(d.transcript) << "\n";
    if (!d.transcript.warning.isEmpty())
        io.out << "Warning: " << printable(d.transcript.warning) << "\n";
    for (const Assessment &a : d.assessments)
        io.out << "Assessment " << a.id << ": " << a.status
               << (a.status == QLatin1String("ready")
                       ? QStringLiteral(" (%1, %2)").arg(a.content.recommendation, a.provider)
                       : QString())
               << (a.error.isEmpty() ? QString() : QStringLiteral(": ") + printable(a.error)) << "\n";
    if (!withTranscript)
        return;
    io.out << "\n";
    for (const TranscriptTurn &turn : d.transcript.turns)
        io.out << "[" << turn.elapsed << "] " << turn.speaker
               << (turn.origin == TranscriptTurn::Origin::Rebuilt ? QStringLiteral(" (rebuilt)") : QString()) << ": "
               << printable(turn.text) << "\n";
}

int pdf(interviews::Context &c, const InterviewDetail &detail)
{
    const QString path = c.parser.value(QStringLiteral("output"));
    if (path.isEmpty())
        return usageError(c.io, QStringLiteral("interviews"), QStringLiteral("pdf needs -o FILE.pdf."));
    const auto ready = std::find_if(detail.assessments.cbegin(), detail.assessments.cend(),
                                    [](const Assessment &a) { return a.status == QLatin1String("ready"); });
    if (ready == detail.assessments.cend()) {
        c.io.err << "insighta interviews pdf: interview " << detail.summary.id
                 << " has no ready assessment; run 'insighta interviews assess " << detail.summary.id << " --wait'.\n";
        return UnusableInput;
    }
    if (const Status written = writeAssessmentPdf(path, detail, *ready); !written.ok()) {
        c.io.err << "insighta interviews pdf: " << written.error() << "\n";
        return UnusableInput;
    }
    c.io.out << "Wrote " << path << "\n";
    return Success;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(kUsage);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list | show | assess | ask | email | pdf"));
    addDatabaseOption(parser);
    addServiceOptions(parser);
    parser.addOptions({
        {QStringLiteral("json"), QStringLiteral("list, show, ask: machine-readable JSON on stdout.")},
        {QStringLiteral("transcript"), QStringLiteral("show: print every turn.")},
        {QStringLiteral("wait"), QStringLiteral("assess: run the job here and follow it to its end.")},
        {QStringLiteral("to"), QStringLiteral("email: the recipient."), QStringLiteral("addr")},
        {QStringLiteral("template"), QStringLiteral("email: invite or report."), QStringLiteral("name")},
        {{QStringLiteral("o"), QStringLiteral("output")},
         QStringLiteral("pdf: the PDF file to write."),
         QStringLiteral("file")},
    });
}

int runAction(interviews::Context &c)
{
    const QString action = c.positional.value(0);
    if (action == QLatin1String("list"))
        return list(c.repository, c.parser.isSet(QStringLiteral("json")), c.io);
    const QString id = c.positional.value(1);
    const auto detail = c.repository.load(id);
    if (!detail.ok()) {
        c.io.err << "insighta interviews " << action << ": " << detail.error() << "\n";
        return detail.error().contains(QLatin1String("no longer exists")) ? UnusableInput : BackendFailure;
    }
    if (action == QLatin1String("show")) {
        const bool transcript = c.parser.isSet(QStringLiteral("transcript"));
        if (c.parser.isSet(QStringLiteral("json")))
            c.io.out << QJsonDocument(detailJson(detail.value(), transcript)).toJson(QJsonDocument::Compact) << "\n";
        else
            printDetail(detail.value(), transcript, c.io);
        return Success;
    }
    if (action == QLatin1String("pdf"))
        return pdf(c, detail.value());
    if (action == QLatin1String("assess"))
        return interviews::assess(c, detail.value());
    if (action == QLatin1String("ask"))
        return interviews::ask(c, detail.value());
    return interviews::email(c, detail.value());
}

} // namespace

int runInterviews(const QStringList &arguments, Io &io)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return usageError(io, QStringLiteral("interviews"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    static const QHash<QString, int> arity{{QStringLiteral("list"), 1},   {QStringLiteral("show"), 2},
                                           {QStringLiteral("assess"), 2}, {QStringLiteral("ask"), 3},
                                           {QStringLiteral("email"), 2},  {QStringLiteral("pdf"), 2}};
    const QString action = positional.value(0);
    if (!arity.contains(action))
        return usageError(io, QStringLiteral("interviews"),
                          action.isEmpty() ? QStringLiteral("expected an action: list, show, assess, ask, email, pdf.")
                                           : QStringLiteral("unknown action '%1'.").arg(action));
    if (positional.size() != arity.value(action))
        return usageError(io, QStringLiteral("interviews"),
                          action == QLatin1String("ask")
                              ? QStringLiteral("expected 'insighta interviews ask ID \"QUESTION\"'.")
                              : QStringLiteral("wrong number of arguments for '%1'.").arg(action));
    int refused = Success;
    const auto url = resolveExistingDatabase(parser, io, refused);
    if (!url)
        return refused;
    Connection connection(*url, QStringLiteral("cli-interviews"));
    if (!connection.ok()) {
        io.err << "insighta interviews: " << connection.error() << "\n";
        return BackendFailure;
    }
    InterviewRepository repository(connection.database(), connection.kind());
    interviews::Context context{parser, positional, *url, repository, io};
    return runAction(context);
}

} // namespace insighta::cli
