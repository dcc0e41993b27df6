#!/usr/bin/env bash
# Configures and builds Insighta Desk into build/ (the CMake "default" preset).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cmake --preset default
cmake --build --preset default -j "$(nproc)" "$@"
