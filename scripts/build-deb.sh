#!/usr/bin/env bash
# Builds the Debian package build/<preset>/package/costgate_<version>_amd64.deb: the dashboard
# (scripts/build-dashboard.sh), the binary, then cpack -G DEB (cmake/Install.cmake says what
# goes in). Needs dpkg-dev (dpkg-shlibdeps) from scripts/install-deps.sh.
# Usage: scripts/build-deb.sh [PRESET]   (release by default)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
scripts/build-dashboard.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target costgate
cpack -G DEB --config "build/$preset/CPackConfig.cmake" -B "build/$preset/package"
ls -l "build/$preset/package/"costgate_*_amd64.deb
