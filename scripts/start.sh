#!/usr/bin/env bash
# Installs what is missing, builds costgate (Release) and runs the proxy with its embedded
# defaults: listening on http://127.0.0.1:8787, forwarding to the real Gemini API, receipts in
# ./costgate-receipts.db. Extra arguments go to `costgate proxy` (e.g. --config FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release -DCOSTGATE_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release --target costgate
echo "costgate: starting the proxy; the 'listening' line below says where (Ctrl-C stops it)" >&2
exec build/release/daemon/costgate proxy "$@"
