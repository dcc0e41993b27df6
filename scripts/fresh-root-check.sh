#!/usr/bin/env bash
# Proves the README's two commands on a fresh Debian 12, as a newcomer would meet them.
#
# Bootstraps (or reuses a cached, untouched copy of) a Debian 12 minbase root, clones one commit
# of this repository into it, makes the shared fixtures available read-only beside the clone
# (when there are any), and runs inside it, with nothing from this machine but the kernel:
#   1. README command 2, ./scripts/test.sh: installs the packages, builds, runs every test;
#   2. README command 1, ./scripts/run.sh, under xvfb-run: the main window must come up by name
#      and still be there STAY seconds later.
# A package missing from .ci/packages.txt fails the run, because the root has nothing else.
#
# Usage: sudo scripts/fresh-root-check.sh [--commit REV] [--shared DIR | --no-shared] [--keep]
#   --commit REV   what to check (default HEAD); only committed files reach the root
#   --shared DIR   the shared fixtures to mount read-only at ../shared (default: ../shared beside
#                  this checkout, when it exists)
#   --no-shared    check as a person who cloned the repository alone (fixture tests skip)
#   --keep         leave the root on disk afterwards (its path is printed)
# Environment:
#   INSIGHTA_FRESH_ROOT_CACHE  the pristine root tarball and downloaded .debs
#                              (default /var/cache/insighta-fresh-root)
#   INSIGHTA_FRESH_ROOT_WORK   where the throwaway root is unpacked (default /var/tmp)
#   INSIGHTA_FRESH_ROOT_STAY   seconds the window must stay up (default 15)
# Needs root (debootstrap, chroot, mounts), and debootstrap, git and unshare on this machine.
set -euo pipefail

die() {
    echo "fresh-root-check: $*" >&2
    exit 1
}
say() { echo "== fresh-root-check: $*"; }

# Everything below runs in a private mount namespace: no mount made here can leak into the
# machine's own tree, and all of them vanish with the namespace even if this script is killed.
if [ -z "${INSIGHTA_FRESH_ROOT_NAMESPACE:-}" ]; then
    [ "$(id -u)" = 0 ] || die "run as root: debootstrap, chroot and the mounts need it"
    for tool in debootstrap git unshare chroot tar sha256sum; do
        command -v "$tool" >/dev/null || die "$tool is not installed on this machine (apt-get install debootstrap git util-linux)"
    done
    export INSIGHTA_FRESH_ROOT_NAMESPACE=1
    exec unshare --mount --propagation private -- "$0" "$@"
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
commit=HEAD
shared="$repo/../shared"
[ -d "$shared" ] || shared=""
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
    --commit) commit=${2:?--commit needs a revision}; shift 2 ;;
    --shared) shared=${2:?--shared needs a folder}; shift 2 ;;
    --no-shared) shared=""; shift ;;
    --keep) keep=1; shift ;;
    *) die "unknown option $1 (see the comment at the top of this script)" ;;
    esac
done
commit=$(git -C "$repo" rev-parse --verify "$commit^{commit}") || die "no such commit in $repo"
[ -z "$shared" ] || [ -d "$shared" ] || die "--shared $shared is not a folder"
cache=${INSIGHTA_FRESH_ROOT_CACHE:-/var/cache/insighta-fresh-root}
stay=${INSIGHTA_FRESH_ROOT_STAY:-15}
started=$(date +%s)

# --- The Debian archive this machine's apt sources name ----------------------------------------

# Prints the first URI of a deb822 or one-line source for SUITE (bookworm, bookworm-security).
source_for_suite() {
    local suite=$1 file
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        awk -v suite="$suite" '
            /^[[:space:]]*$/ { if (uri != "" && hit && deb) { print uri; exit } uri=""; hit=0; deb=0; next }
            tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb=1 }
            tolower($1) == "uris:" { uri=$2 }
            tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) hit=1 }
            END { if (uri != "" && hit && deb) print uri }' "$file" | head -n 1
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed 's/\[[^]]*\]//' | awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2 }' || true
}

mirror=$(source_for_suite bookworm | head -n 1 || true)
[ -n "$mirror" ] || die "this machine's apt sources name no Debian 12 (bookworm) archive to bootstrap from"
security=$(source_for_suite bookworm-security | head -n 1 || true)

# --- A pristine minbase root, bootstrapped once and never modified ----------------------------

mkdir -p "$cache/apt-archives"
tarball="$cache/bookworm-minbase.tar"
if [ ! -f "$tarball" ] || [ "$(cat "$tarball.source" 2>/dev/null)" != "$mirror" ] \
    || ! (cd "$cache" && sha256sum --status -c bookworm-minbase.tar.sha256 2>/dev/null); then
    say "bootstrapping Debian 12 minbase from $mirror (once; later runs reuse an untouched copy)"
    scratch=$(mktemp -d "${INSIGHTA_FRESH_ROOT_WORK:-/var/tmp}/insighta-debootstrap.XXXXXX")
    if ! debootstrap --variant=minbase bookworm "$scratch/root" "$mirror" >"$scratch/debootstrap.log" 2>&1; then
        tail -n 20 "$scratch/debootstrap.log" >&2
        rm -rf --one-file-system "$scratch"
        die "debootstrap could not bootstrap Debian 12 from $mirror, the archive this machine's apt sources name. Is it reachable? Nothing was run on this machine instead."
    fi
    tar --numeric-owner -C "$scratch/root" -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    (cd "$cache" && sha256sum bookworm-minbase.tar >bookworm-minbase.tar.sha256)
    echo "$mirror" >"$tarball.source"
    rm -rf --one-file-system "$scratch"
fi

# --- A throwaway copy, with the mounts a running system has ----------------------------------

work=$(mktemp -d "${INSIGHTA_FRESH_ROOT_WORK:-/var/tmp}/insighta-fresh-root.XXXXXX")
root="$work/root"
mounted=()
cleanup() {
    local status=$? i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" || true
    done
    if grep -q " $work/" /proc/self/mounts; then
        echo "fresh-root-check: something is still mounted under $work; left it in place" >&2
    elif [ "$keep" = 1 ]; then
        echo "fresh-root-check: the root is kept at $root"
    else
        rm -rf --one-file-system "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

attach() { # attach TARGET mount-arguments...
    local target=$1
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounted+=("$target")
}

mkdir -p "$root"
tar --numeric-owner -C "$root" -xpf "$tarball"
attach "$root/proc" -t proc proc
attach "$root/sys" -t sysfs -o ro sysfs
# A /dev of its own (tmpfs with the usual nodes), never the machine's: nothing in the root can
# reach its disks, and removing the root can never remove a device node.
attach "$root/dev" -t tmpfs -o mode=755,nosuid tmpfs
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
attach "$root/dev/pts" -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts
ln -s pts/ptmx "$root/dev/ptmx"
attach "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev tmpfs
# Downloaded .debs are kept between runs; what is installed is not.
attach "$root/var/cache/apt/archives" --bind "$cache/apt-archives"

# The sources a fresh Debian 12 install has, from the archive this machine names.
{
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"
} >"$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Packages must not start their services in a chroot (a root without init), as on any chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"

# The commit, cloned: only what is committed reaches the root.
mkdir -p "$root/work"
git clone --quiet --no-local "$repo" "$root/work/insighta"
git -C "$root/work/insighta" checkout --quiet --detach "$commit"
fixtures=()
if [ -n "$shared" ]; then
    attach "$root/work/shared" --bind "$shared"
    mount -o remount,bind,ro "$root/work/shared"
    fixtures=(INSIGHTA_SHARED_DIR=/work/shared)
    say "shared fixtures from $shared, read-only at ../shared"
else
    say "no shared fixtures: tests that need them must skip"
fi

in_root() { # in_root COMMAND: a login-like shell in the clone, with a clean environment
    env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM=dumb CI="${CI:-}" "${fixtures[@]}" \
        chroot "$root" /bin/bash -c "cd /work/insighta && $1"
}

# --- README command 2: every test -------------------------------------------------------------

say "README command 2 (./scripts/test.sh) in a fresh Debian 12 minbase root, commit ${commit:0:12}"
set +e
in_root ./scripts/test.sh 2>&1 | tee "$work/test.log"
tests_status=${PIPESTATUS[0]}
set -e
# No summary at all (configure or install failed) leaves these empty, and the message below.
# The suite and then the fuzzing run each print a summary: add them up.
total=$(grep -Eo 'tests failed out of [0-9]+' "$work/test.log" | awk '{n += $NF} END {if (NR) print n}' || true)
failed=$(grep -Eo '[0-9]+ tests failed out of' "$work/test.log" | awk '{n += $1} END {if (NR) print n}' || true)
skipped=$(sed -n '/The following tests did not run:/,/^$/p' "$work/test.log" | grep -c '(Skipped)' || true)
if [ "$tests_status" != 0 ] || [ -z "$total" ]; then
    [ -z "$total" ] || echo "Fresh root: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
    die "README command 2 failed in the fresh root (exit $tests_status): see above for the first error"
fi

# --- README command 1: the window comes up and stays up ---------------------------------------

say "README command 1 (./scripts/run.sh) under xvfb-run: waiting for the \"Insighta Desk\" window"
# The probe needs xwininfo, which the README's commands do not: it is installed only now.
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends x11-utils >/dev/null"
cat >"$root/work/window-probe.sh" <<PROBE
#!/bin/bash
# Runs README command 1 in the background and watches the X display for its window.
./scripts/run.sh >/work/run.log 2>&1 &
app=\$!
# A real top-level window: Qt also names its 1x1 group-leader window after the application, so
# the title alone would match before (or without) the main window showing.
window() {
    xwininfo -root -tree 2>/dev/null | grep -E '"Insighta Desk' \\
        | grep -E ' ([2-9][0-9]{2}|[0-9]{4,})x([2-9][0-9]{2}|[0-9]{4,})[+-]' | head -n 1
}
for _ in \$(seq 600); do
    [ -n "\$(window)" ] && break
    kill -0 \$app 2>/dev/null || { echo "the app exited before its window came up:"; tail -n 30 /work/run.log; exit 1; }
    sleep 0.5
done
[ -n "\$(window)" ] || { echo "no \"Insighta Desk\" window after 300 s:"; tail -n 30 /work/run.log; exit 1; }
echo "window up: \$(window)"
sleep $stay
kill -0 \$app 2>/dev/null || { echo "the app exited within $stay s of showing its window:"; tail -n 30 /work/run.log; exit 1; }
[ -n "\$(window)" ] || { echo "the window went away within $stay s"; exit 1; }
echo "window still up after $stay s: \$(window)"
pkill -TERM -P \$app 2>/dev/null; kill -TERM \$app 2>/dev/null; wait \$app 2>/dev/null
exit 0
PROBE
chmod +x "$root/work/window-probe.sh"
if ! in_root "xvfb-run -a -s '-screen 0 1400x900x24' /work/window-probe.sh"; then
    die "README command 1 did not bring up a window that stays up in the fresh root"
fi

say "done in $(($(date +%s) - started)) s"
echo "Fresh root: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
