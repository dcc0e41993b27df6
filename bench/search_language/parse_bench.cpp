// Parser benchmark: microseconds per query for the plain-English search language, over a mix of
// the phrasings it knows (negations, typos, probabilities, superlatives, unknown words). The
// parser runs on every keystroke in the Search page, so it must stay far below a frame.
//
//   parse_bench [--rounds 2000] [--verbose]
//
// Each round parses every query of the mix once; the numbers are per single parse.

#include "core/profiles/QueryParser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace insighta;

namespace {

const char *const kQueries[] = {
    "young males from nigeria",
    "Nigerian females between ages 20 and 45",
    "women aged 20-45 living in Nigeria",
    "adult males from kenya sorted by age",
    "men not from nigeria",
    "women except kenyans and ghanaians",
    "people outside ghana",
    "non-Nigerian women over 30",
    "not male",
    "not only women",
    "femles from nigria",
    "wimen in kenia",
    "men with gender probability above 0.9",
    "at least 80% sure of their country",
    "confidently female",
    "oldest women in kenya",
    "newest profiles from ghana",
    "earliest added men",
    "people no older than 40",
    "men 25 and under",
    "tall women from kenya with blue eyes",
    "women from nigeri",
    "purple monkey dishwasher",
    "men at least 90% likely male aged 30-40",
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(std::ceil(p / 100.0 * double(values.size())) - 1));
    return values[i];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("rounds"), QStringLiteral("Parses of the whole mix (2000)."), QStringLiteral("N"),
                      QStringLiteral("2000")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("Also the mean of each query.")});
    parser.process(app);
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    QStringList queries;
    for (const char *query : kQueries)
        queries << QString::fromUtf8(query);

    // The first parse builds the vocabulary and country tables: measured apart.
    QElapsedTimer timer;
    timer.start();
    qsizetype checksum = QueryParser::parse(queries.front()).terms.size();
    const double firstUs = double(timer.nsecsElapsed()) / 1e3;

    std::vector<double> us;
    std::vector<double> perQuery(size_t(queries.size()), 0.0);
    us.reserve(size_t(rounds) * size_t(queries.size()));
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype i = 0; i < queries.size(); ++i) {
            timer.start();
            const ParsedQuery parsed = QueryParser::parse(queries.at(i));
            const double elapsed = double(timer.nsecsElapsed()) / 1e3;
            us.push_back(elapsed);
            perQuery[size_t(i)] += elapsed;
            checksum += parsed.spans.size(); // keeps the parse from being optimised away
        }
    }
    double sum = 0;
    for (const double v : us)
        sum += v;
    QTextStream out(stdout);
    out << queries.size() << " queries x " << rounds << " rounds = " << us.size() << " parses (checksum " << checksum
        << ")\n";
    out << QStringLiteral("first parse (tables built): %1 us\n").arg(firstUs, 0, 'f', 0);
    out << QStringLiteral("per parse: mean %1 us, P50 %2 us, P95 %3 us, P99 %4 us, max %5 us\n")
               .arg(sum / double(us.size()), 0, 'f', 1)
               .arg(percentile(us, 50), 0, 'f', 1)
               .arg(percentile(us, 95), 0, 'f', 1)
               .arg(percentile(us, 99), 0, 'f', 1)
               .arg(*std::max_element(us.begin(), us.end()), 0, 'f', 1);
    if (parser.isSet(QStringLiteral("verbose"))) {
        for (qsizetype i = 0; i < queries.size(); ++i)
            out << QStringLiteral("%1 us  %2\n").arg(perQuery[size_t(i)] / rounds, 8, 'f', 1).arg(queries.at(i));
    }
    return 0;
}
