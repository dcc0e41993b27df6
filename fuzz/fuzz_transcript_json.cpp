// The interview session's transcript_json and a model's assessment reply, both written by
// someone else (the live session, a provider) and read from a shared database: no crash, every
// rebuilt turn has an id and a non-negative elapsed time, and the turns come out in time order.
#include "core/interviews/AssessmentJson.h"
#include "core/interviews/TranscriptAssembly.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace insighta;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString interview = QStringLiteral("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    (void)transcript::turnsFromJson(interview, bytes);
    const Transcript assembled = transcript::assemble(interview, QDateTime(), {}, bytes);
    for (qsizetype i = 0; i < assembled.turns.size(); ++i) {
        const TranscriptTurn &turn = assembled.turns[i];
        if (turn.id.isEmpty() || turn.elapsedSeconds < 0)
            std::abort();
        if (i > 0 && turn.at < assembled.turns[i - 1].at)
            std::abort();
    }
    (void)transcript::bannerText(assembled);
    (void)assessment::parse(bytes);
    return 0;
}
