#!/usr/bin/env bash
# Installs the Debian packages Insighta Desk needs, only those that are missing.
# Run as root, or as a user with sudo. The list is .ci/packages.txt (build, run and tests) and
# .ci/packages-packaging.txt (the .deb test); each package is named exactly, because installs
# skip recommends: nothing arrives that the lists do not name.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Other lists may be named instead: .ci/run installs the CI machine's own tools with
# `install-deps.sh .ci/packages-host.txt`.
lists=("$@")
[ ${#lists[@]} -gt 0 ] || lists=("$root/.ci/packages.txt" "$root/.ci/packages-packaging.txt")
mapfile -t wanted < <(cat "${lists[@]}" | sed 's/#.*//' | awk 'NF' | sort -u)
missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "All ${#wanted[@]} required packages are installed."
    exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "Run as root or install sudo: missing ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "Installing ${#missing[@]} of ${#wanted[@]} packages (and what they depend on): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get update -qq; then
    echo "install-deps: apt-get update failed: the package archive in /etc/apt/sources.list* is not reachable." >&2
    exit 1
fi

# Name the packages this archive does not have before apt's all-or-nothing install refuses them.
unknown=()
for package in "${missing[@]}"; do
    candidate=$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
        unknown+=("$package")
    fi
done
if [ ${#unknown[@]} -gt 0 ]; then
    echo "install-deps: not in this machine's Debian archive: ${unknown[*]} (check the names in .ci/packages*.txt)." >&2
    exit 1
fi

if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    # Retry one at a time so the message names the package that fails.
    for package in "${missing[@]}"; do
        if ! $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1; then
            echo "install-deps: apt-get could not install $package (see apt's message above)." >&2
            exit 1
        fi
    done
    echo "install-deps: apt-get failed as a whole but each package installed alone." >&2
fi
