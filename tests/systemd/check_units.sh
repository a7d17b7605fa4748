#!/usr/bin/env bash
# ctest systemd_units: `cmake --install` into a throwaway root with the prefix /usr (what the
# Debian package holds); then the checks of unit_checks.sh: the files in their FHS places,
# `systemd-analyze verify` silent, exposure scores at most 2.0, the config valid.
# Usage: tests/systemd/check_units.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not found (apt-get install systemd)"; exit 77; }
# shellcheck source=tests/systemd/unit_checks.sh
source "$(dirname "$0")/unit_checks.sh"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
DESTDIR=$root cmake --install "$build_dir" --prefix /usr >/dev/null
expect_installed_files "$root" "$source_dir"
check_units "$root"
