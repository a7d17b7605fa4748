#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite twice: a Release build
# and an AddressSanitizer + UndefinedBehaviorSanitizer build. Also checks formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
jobs=$(nproc)

# The SDKs, the Kubernetes schemas (tests/k8s) and the dashboard's build tools install from npm
# while the first build compiles; the tests wait for them.
echo "== SDKs for the end-to-end tests and the dashboard (npm ci, pinned by package-lock.json)"
npm_log=$(mktemp)
{ npm ci --prefix tests/sdk --no-audit --no-fund --loglevel=error &&
  npm ci --prefix tests/k8s --no-audit --no-fund --loglevel=error &&
  scripts/build-dashboard.sh --install-only; } >"$npm_log" 2>&1 &
npm_pid=$!
export COSTGATE_REQUIRE_SDK_TESTS=1
export COSTGATE_REQUIRE_DASHBOARD_TESTS=1
export COSTGATE_REQUIRE_K8S_TESTS=1

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run -Werror

for preset in release asan; do
  echo "== build ($preset)"
  cmake --preset "$preset" -DCOSTGATE_BUILD_TESTS=ON >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  if [[ -n "${npm_pid:-}" ]]; then
    wait "$npm_pid" || { cat "$npm_log"; echo "npm ci failed" >&2; exit 1; }
    cat "$npm_log"
    npm_pid=""
    echo "== dashboard (dashboard/dist, for the browser tests)"
    scripts/build-dashboard.sh
  fi
  echo "== test ($preset)"
  ctest --preset "$preset" -j "$jobs" --timeout 300
  # CTest counts shards (tests/CMakeLists.txt); the GoogleTest tests they ran:
  grep -h '^\[  PASSED  \]' "build/$preset/Testing/Temporary/LastTest.log" |
    awk '{ n += $4 } END { print "== " n " tests passed in " NR " shards" }'
done
