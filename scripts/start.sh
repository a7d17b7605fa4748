#!/usr/bin/env bash
# Installs what is missing, builds costgate (Release) and runs `costgate all` with its embedded
# defaults: the proxy on http://127.0.0.1:8787 (forwarding to the real provider APIs, receipts in
# ./costgate-receipts.db) and central on http://127.0.0.1:8788 (the /v1 API, events in
# ./costgate-central.db, and the dashboard at http://127.0.0.1:8788/), receipts shipped from the
# one to the other in process. Extra arguments go to `costgate all` (e.g. --config FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build-dashboard.sh
cmake --preset release -DCOSTGATE_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release --target costgate
echo "costgate: starting the proxy and central in one process; the two 'listening' lines below" \
  "say where (role proxy: point apps' base URL there; role central: the /v1 API). Ctrl-C stops it." >&2
echo "costgate: the dashboard: http://127.0.0.1:8788/ (central's address; the 'serving the" \
  "dashboard' line below names it when --config moves central)" >&2
exec build/release/daemon/costgate all "$@"
