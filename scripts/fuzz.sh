#!/usr/bin/env bash
# Part of README command 2 (scripts/test.sh): every fuzz target built with clang under libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (the "fuzz" preset, in build-fuzz/), then a
# time-boxed run of each from its seed corpus. A crash, a leak or a sanitizer report fails it.
#   INSIGHTA_FUZZ_SECONDS  seconds per target (default 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${INSIGHTA_FUZZ_SECONDS:-20}
cmake --preset fuzz -DINSIGHTA_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
ctest --preset fuzz "$@"
