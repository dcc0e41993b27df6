#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and start Insighta Desk on the
# embedded SQLite workspace. The first start fills it with demo data in the background.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target insighta-desk insighta
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting under a virtual X server (xvfb-run)."
    exec xvfb-run -a -s "-screen 0 1400x900x24" "$root/build/app/desktop/insighta-desk" "$@"
fi
exec "$root/build/app/desktop/insighta-desk" "$@"
