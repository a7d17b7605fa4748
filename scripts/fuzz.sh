#!/usr/bin/env bash
# Builds every libFuzzer target (clang, -DCOSTGATE_FUZZ=ON, in build/fuzz) and runs each for
# SECONDS (default 60) from its seed corpus, then prints executions and coverage per target.
#
#   scripts/fuzz.sh [SECONDS]
#
# Targets are found by name (every build target ending in _fuzz), so a new target runs here
# without editing this script. Seeds: tests/fuzz/corpus/<target>/ (read only; new inputs go to
# build/fuzz/corpus/<target>/ and are kept between runs); dictionary: tests/fuzz/<target>.dict
# when there is one. A crash leaves its input in build/fuzz/artifacts/<target>/ and makes the
# script exit 1 after the other targets ran.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
build=build/fuzz
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

echo "== configure ($build, clang, COSTGATE_FUZZ=ON)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCOSTGATE_FUZZ=ON \
  -DCOSTGATE_BUILD_TESTS=ON -DCOSTGATE_BUILD_BENCHES=OFF -DCOSTGATE_JEMALLOC=OFF \
  "${launcher[@]}" >/dev/null

# Ninja lists every target as "name: phony|CLEAN|..."; fuzz targets are the ones named *_fuzz.
mapfile -t targets < <(cmake --build "$build" --target help |
  sed -n 's/^\([A-Za-z0-9_]*_fuzz\): .*/\1/p' | sort -u)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no *_fuzz targets (is clang the compiler?)" >&2
  exit 1
fi

echo "== build: ${targets[*]}"
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

failed=()
summary=()
for target in "${targets[@]}"; do
  binary=$(find "$build" -type f -name "$target" -perm -u+x | head -n 1)
  seeds=tests/fuzz/corpus/$target
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target/
  log=$build/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  args=("$corpus")
  [ -d "$seeds" ] && args+=("$seeds")
  [ -f "tests/fuzz/$target.dict" ] && args+=("-dict=tests/fuzz/$target.dict")
  echo "== run $target for ${seconds}s"
  # -timeout: an input that takes seconds is a finding too (quadratic readers).
  if ! "$binary" "${args[@]}" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$log" 2>&1; then
    failed+=("$target")
    tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  # The last status line: "#N DONE cov: C ft: F corp: U/S ..."
  status=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$status")
  summary+=("$(printf '%-24s execs %-10s exec/s %-7s cov %-6s ft %-6s corpus %s' \
    "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")")
done

echo "== summary (${seconds}s each; logs in $build/logs/)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "== FAILED: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
