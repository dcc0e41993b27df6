#!/usr/bin/env bash
# Static analysis of our own code (core, models, ui, app) with clang-tidy; .clang-tidy lists the
# checks and why. Every finding is an error. Part of README command 2, after the fuzzing run.
#   ./scripts/tidy.sh              every source file
#   ./scripts/tidy.sh ui/pages     only files whose path contains one of the arguments
# Runs in its own build directory (the `tidy` preset: clang, no precompiled header, so each file
# is analysed with exactly the includes it names).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v run-clang-tidy >/dev/null || { echo "tidy: run-clang-tidy is missing (package clang-tidy)" >&2; exit 1; }
cmake --preset tidy >/dev/null
pattern="^$root/(core|models|ui|app)/.*\\.cpp\$"
if [ $# -gt 0 ]; then
    pattern="^$root/($(IFS='|'; echo "$*"))"
fi
started=$(date +%s)
set +e
run-clang-tidy -quiet -p build-tidy -j "$(nproc)" "$pattern" 2>&1 \
    | grep -v -E '^[0-9]+ warnings generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Use -system-headers'
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
    echo "tidy: clang-tidy found problems (above); fix them or, for a false positive, say why in .clang-tidy" >&2
    exit "$status"
fi
echo "tidy: clean ($(($(date +%s) - started)) s)"
