#!/usr/bin/env bash
# ctest deb_package: builds the Debian package from BUILD_DIR (cpack -G DEB, as
# scripts/build-deb.sh does) into a throwaway directory, then checks it without installing it
# on this machine: its name, its control fields (Depends names shared libraries only), its
# maintainer scripts and conffiles, and, unpacked into a throwaway root (dpkg-deb -x), the
# checks of unit_checks.sh.
# Usage: tests/systemd/check_deb.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build_dir=$1
source_dir=$2
version=$3
for tool in cpack dpkg-deb dpkg-shlibdeps systemd-analyze; do
  command -v "$tool" >/dev/null || { echo "$tool not found (scripts/install-deps.sh)"; exit 77; }
done
# shellcheck source=tests/systemd/unit_checks.sh
source "$(dirname "$0")/unit_checks.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start_ms=$(date +%s%3N)
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
package=$work/out/costgate_${version}_amd64.deb
if [[ ! -f "$package" ]]; then
  echo "no costgate_${version}_amd64.deb; cpack made:"
  ls "$work/out"
  exit 1
fi
echo "package: $(basename "$package"), $(($(stat -c %s "$package") / 1024)) KiB," \
  "built in $(($(date +%s%3N) - start_ms)) ms"

field() { dpkg-deb -f "$package" "$1"; }
[[ $(field Package) == costgate && $(field Version) == "$version" && $(field Architecture) == amd64 ]] ||
  { echo "control fields:"; dpkg-deb -f "$package"; exit 1; }
depends=$(field Depends)
echo "Depends: $depends"
# Shared-library packages only (lib*, plus zlib1g): no service manager, no tools.
bad=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ .*//; s/|.*//' | grep -Ev '^(lib[a-z0-9.+-]+|zlib1g)$' || true)
[[ -z "$bad" ]] || { echo "Depends names more than shared libraries: $bad"; exit 1; }
grep -q 'libc6' <<<"$depends" || { echo "Depends lacks libc6: dpkg-shlibdeps did not run"; exit 1; }

dpkg-deb -e "$package" "$work/control"
for script in postinst prerm postrm; do
  [[ -x "$work/control/$script" ]] || { echo "no executable $script"; exit 1; }
  sh -n "$work/control/$script"
done
grep -qx /etc/costgate/costgate.yaml "$work/control/conffiles" || { echo "config not a conffile"; exit 1; }

dpkg-deb -x "$package" "$work/root"
expect_installed_files "$work/root" "$source_dir"
check_units "$work/root"
