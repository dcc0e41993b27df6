#!/usr/bin/env bash
# Command 2 of the README: install what is missing, build, and run every test through ctest,
# including the tests against a throwaway PostgreSQL server that the run starts itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root"
ctest --preset default --timeout 900 "$@"
