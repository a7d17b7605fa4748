#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite twice: a Release build
# and an AddressSanitizer + UndefinedBehaviorSanitizer build. Also checks formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)

echo "== SDKs for the end-to-end tests (npm ci, pinned by tests/sdk/package-lock.json)"
npm ci --prefix tests/sdk --no-audit --no-fund --loglevel=error
export COSTGATE_REQUIRE_SDK_TESTS=1

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run -Werror

for preset in release asan; do
  echo "== build ($preset)"
  cmake --preset "$preset" -DCOSTGATE_BUILD_TESTS=ON >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== test ($preset)"
  ctest --preset "$preset" -j "$jobs" --timeout 300
  # CTest counts shards (tests/CMakeLists.txt); the GoogleTest tests they ran:
  grep -h '^\[  PASSED  \]' "build/$preset/Testing/Temporary/LastTest.log" |
    awk '{ n += $4 } END { print "== " n " tests passed in " NR " shards" }'
done
