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
