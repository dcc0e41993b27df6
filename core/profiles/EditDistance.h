#pragma once

#include <QStringView>

namespace insighta {

// Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
// substitutions and transpositions of two adjacent characters, each costing 1 ("nigria" ->
// "nigeria" is 1, "femlae" -> "female" is 1). Stops early: any distance above `limit` is
// returned as limit + 1, which keeps a search over a vocabulary cheap.
int editDistance(QStringView a, QStringView b, int limit);

// How many edits a typo of a word this long may contain before it is no longer "that word":
// none for three letters or fewer (almost every short word is one edit from another real
// word: "men"/"man"/"mean"), one up to seven letters, two from eight.
int typoThreshold(qsizetype length);

} // namespace insighta
