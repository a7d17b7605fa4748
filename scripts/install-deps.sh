#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages costgate builds and tests with. Idempotent and
# quiet: when everything is present it only checks, in well under a second.
# Usage: scripts/install-deps.sh [--test] [--bench] [--container]
#   --test       adds chromium for the dashboard's browser tests (tests/dashboard)
#   --bench      adds nginx and wrk for tests/bench
#   --container  adds podman and debootstrap for scripts/test-deb-systemd.sh (../shared/CONTAINERS.md)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates openssl
  libboost-dev libssl-dev node-llhttp libsimdjson-dev libcurl4-openssl-dev libyaml-cpp-dev
  libsqlite3-dev zlib1g-dev libjemalloc-dev googletest libgtest-dev
  python3 clang-format tzdata
  systemd dpkg-dev  # the tests systemd_units (systemd-analyze) and deb_package (dpkg-shlibdeps)
)
for option in "$@"; do
  case "$option" in
    --test) packages+=(chromium) ;;
    --bench) packages+=(nginx-light wrk curl sqlite3 procps) ;;
    --container)
      packages+=(podman runc conmon netavark aardvark-dns catatonit iptables uidmap debootstrap)
      ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--bench] [--container]" >&2; exit 2 ;;
  esac
done

# Node.js and npm build the dashboard and run the official SDKs in the end-to-end tests
# (tests/sdk) and the browser tests (tests/dashboard); never at run time. A machine that
# already has a node (e.g. from NodeSource) keeps it; Debian's own is added only when none is
# on PATH.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
else
  sudo_cmd=()
fi
echo "costgate: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
