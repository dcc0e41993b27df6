#!/usr/bin/env bash
# Command 2 of the README: install what is missing, build, and run every test through ctest,
# including the tests against a throwaway PostgreSQL server that the run starts itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
# Benchmarks are never part of the test run; skip building them here.
INSIGHTA_CMAKE_ARGS="${INSIGHTA_CMAKE_ARGS:--DINSIGHTA_BUILD_BENCH=OFF}" "$root/scripts/build.sh"
cd "$root"
ctest --preset default --timeout 900 "$@"
# Then a short, time-boxed libFuzzer run of every fuzz target under the sanitizers; left out when
# the arguments pick tests (ctest -R ...) or INSIGHTA_FUZZ_SECONDS=0.
if [ $# -eq 0 ] && [ "${INSIGHTA_FUZZ_SECONDS:-20}" != 0 ]; then
    "$root/scripts/fuzz.sh"
fi
# Last, static analysis of our own code (.clang-tidy); left out with test arguments or
# INSIGHTA_TIDY=0.
if [ $# -eq 0 ] && [ "${INSIGHTA_TIDY:-1}" != 0 ]; then
    "$root/scripts/tidy.sh"
fi
