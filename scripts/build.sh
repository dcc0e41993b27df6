#!/usr/bin/env bash
# Configures and builds Insighta Desk into build/ (the CMake "default" preset).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Extra configure options, e.g. INSIGHTA_CMAKE_ARGS="-DINSIGHTA_BUILD_BENCH=OFF".
read -r -a INSIGHTA_CMAKE_ARGS <<<"${INSIGHTA_CMAKE_ARGS:-}"
cmake --preset default "${INSIGHTA_CMAKE_ARGS[@]}"
cmake --build --preset default -j "$(nproc)" "$@"
