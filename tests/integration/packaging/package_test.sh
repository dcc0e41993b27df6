#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch directory (nothing is installed on the
# system) and checks it like a user's machine would: the binaries run from the unpacked tree,
# the dependencies are declared, the desktop file and the AppStream metadata validate. Takes a few seconds.
# Usage: package_test.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build=$1
version=$2
app_id=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

# The package holds the built binaries and icons: make sure they are current (a no-op after a
# full build).
cmake --build "$build" --target insighta insighta-desk insighta_icons

scratch=$(mktemp -d "$build/packaging-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" > "$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; fail "cpack failed"; }
deb="$scratch/out/insighta-desk_${version}_amd64.deb"
[[ -f $deb ]] || { ls -la "$scratch/out"; fail "expected $(basename "$deb")"; }

# Declared dependencies: what dpkg-shlibdeps found plus the plugins it cannot see.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6charts6 \
    libqt6keychain1 libpq5 libqt6sql6-psql libqt6sql6-sqlite libqt6svg6; do
    grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package"
done
[[ $(dpkg-deb -f "$deb" Package) == insighta-desk ]] || fail "package name"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "package version"
[[ $(dpkg-deb -f "$deb" Architecture) == amd64 ]] || fail "architecture"

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/insighta usr/bin/insighta-desk \
    "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "usr/share/icons/hicolor/48x48/apps/$app_id.png" "usr/share/icons/hicolor/256x256/apps/$app_id.png" \
    usr/share/doc/insighta-desk/copyright usr/lib/systemd/system/insighta-worker.service; do
    [[ -e $root/$file ]] || fail "the package lacks /$file"
done
# The PNGs are real images of their nominal size.
file "$root/usr/share/icons/hicolor/48x48/apps/$app_id.png" | grep -q "PNG image data, 48 x 48" \
    || fail "48x48 icon is not a 48x48 PNG"

# Run the unpacked binaries. Everything they link comes from the system, so no
# LD_LIBRARY_PATH is needed; an isolated HOME keeps them away from the user's settings.
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share"
mkdir -p "$HOME"
out=$("$root/usr/bin/insighta" --version)
[[ $out == "insighta $version" ]] || fail "insighta --version printed '$out'"
out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/insighta-desk" --version)
[[ $out == "insighta-desk $version" ]] || fail "insighta-desk --version printed '$out'"

desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" || fail "desktop file icon"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
grep -q "<id>$app_id</id>" "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "metainfo id"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "metainfo release"
# The worker's unit: hardened, never enabled by the package (no maintainer scripts, no
# symlink under /etc), and accepted by systemd. verify checks that ExecStart exists, so a copy
# runs the unpacked binary instead of /usr/bin/insighta.
unit="$root/usr/lib/systemd/system/insighta-worker.service"
for directive in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    StateDirectory=insighta-worker "ExecStart=/usr/bin/insighta jobs work"; do
    grep -q "^$directive" "$unit" || fail "insighta-worker.service lacks $directive"
done
[[ ! -e $root/etc/systemd ]] || fail "the package enables a unit under /etc/systemd"
dpkg-deb -e "$deb" "$scratch/control"
[[ ! -e $scratch/control/postinst ]] || fail "the package has a postinst (the worker must stay disabled)"
mkdir -p "$scratch/units"
sed "s#/usr/bin/insighta#$root/usr/bin/insighta#" "$unit" >"$scratch/units/insighta-worker.service"
systemd-analyze verify --man=no "$scratch/units/insighta-worker.service" || fail "systemd-analyze verify"
echo "PASS: $(basename "$deb")"
