#!/usr/bin/env bash
# Builds the dashboard (dashboard/dist) with the versions pinned by dashboard/package-lock.json:
# `npm ci` when node_modules is missing or older than the lock file, `npm run build` (tsc, then
# Vite) when dist/ is missing or older than any source. Quiet and quick when nothing changed.
# Usage: scripts/build-dashboard.sh [--install-only]
set -euo pipefail
cd "$(dirname "$0")/../dashboard"

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "costgate: installing the dashboard's build tools (npm ci, pinned by dashboard/package-lock.json)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
[[ "${1:-}" == "--install-only" ]] && exit 0

stamp=dist/index.html
if [[ -f "$stamp" ]] &&
  [[ -z "$(find src index.html package.json package-lock.json tsconfig.json vite.config.ts \
    -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi
echo "costgate: building the dashboard (dashboard/dist)" >&2
npm run --silent build >&2
