#pragma once

#include <QString>
#include <QStringList>

namespace insighta::net {

// The offline end of the provider chain: no model, no network. Given a question (or an
// instruction) and context passages, it returns the sentences that share the most informative
// words with the question, in their original order. Crude, but honest and always available —
// the UI labels it "Offline summary" so nobody mistakes it for a model's answer.
class ExtractiveAnswerer
{
public:
    struct Answer
    {
        QStringList sentences; // in passage order
        QString text; // the sentences joined, or a note that nothing matched
    };

    static Answer answer(const QString &question, const QStringList &passages, int maxSentences = 3);

    // Exposed for tests.
    static QStringList sentences(const QString &passage);
    static QStringList terms(const QString &text);
};

} // namespace insighta::net
