#!/usr/bin/env bash
# Part of README command 2 (scripts/test.sh): every fuzz target built with clang under libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (the "fuzz" preset, in build-fuzz/), then a
# time-boxed run of each from its seed corpus. A crash, a leak or a sanitizer report fails it.
#   INSIGHTA_FUZZ_SECONDS  seconds per target (default 20)
#   INSIGHTA_FUZZ_SEED     libFuzzer's seed (default 1: the suite's run is repeatable; set another
#                          value, or run a target by hand, to look further)
#   INSIGHTA_FUZZ_RUNS     most executions per target (default 20000, so that a faster machine
#                          tries the same inputs as a slower one; -1 leaves only the time box)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${INSIGHTA_FUZZ_SECONDS:-20}
seed=${INSIGHTA_FUZZ_SEED:-1}
runs=${INSIGHTA_FUZZ_RUNS:-20000}
cmake --preset fuzz -DINSIGHTA_FUZZ_SECONDS="$seconds" -DINSIGHTA_FUZZ_SEED="$seed" -DINSIGHTA_FUZZ_RUNS="$runs" >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
ctest --preset fuzz "$@"
