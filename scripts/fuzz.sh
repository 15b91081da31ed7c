#!/usr/bin/env bash
# Builds the libFuzzer fuzz targets (tests/fuzz, preset "fuzz": clang, ASan + UBSan) and runs each
# for SECONDS_PER_TARGET seconds (default 60), one after the other, on a copy of its committed
# corpus: new inputs go to build/fuzz/corpus-work/<target>, never into tests/fuzz/corpus.
# Exits 1 when any target finds a crash, a sanitizer report, an uncaught exception, a violated
# property, a hang (-timeout=10) or too much memory (-rss_limit_mb=2048), and prints the path of
# each input that did it (under build/fuzz/findings/<target>/).
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
# Works from any directory. CMAKE_BUILD_PARALLEL_LEVEL limits the build jobs as usual.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]  (a whole number of seconds, default 60)" >&2
  exit 2
fi

scripts/install-deps.sh clang libclang-rt-14-dev
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

build="$root/build/fuzz"
targets=(csv scale_loader study_file stat_file scoring)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
findings=()
for name in "${targets[@]}"; do
  work="$build/corpus-work/$name"
  artifacts="$build/findings/$name"
  log="$build/logs/fuzz_$name.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  for seed in "$root/tests/fuzz/corpus/$name/"*; do  # inputs found by earlier runs are kept
    [ -e "$work/$(basename "$seed")" ] || cp "$seed" "$work/"
  done
  args=("$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  [ -f "$root/tests/fuzz/$name.dict" ] && args+=(-dict="$root/tests/fuzz/$name.dict")
  echo "== fuzz_$name: ${seconds}s (log: $log)"
  before="$(ls -A "$artifacts")"
  status=0
  (cd "$build" && "bin/fuzz_$name" "${args[@]}") >"$log" 2>&1 || status=$?
  grep -E '^(Done|stat::number_of_executed_units)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    new="$(comm -13 <(printf '%s\n' "$before" | sort) <(ls -A "$artifacts" | sort))"
    if [ -z "$new" ]; then
      findings+=("fuzz_$name: exit status $status without an input saved (see $log)")
    fi
    for f in $new; do
      findings+=("fuzz_$name: $artifacts/$f")
    done
  fi
done

if [ ${#findings[@]} -gt 0 ]; then
  echo
  echo "FINDINGS (reproduce with build/fuzz/bin/fuzz_<target> FILE; minimise with -minimize_crash=1 -runs=10000):"
  printf '  %s\n' "${findings[@]}"
  exit 1
fi
echo
echo "No findings: ${#targets[@]} targets, ${seconds}s each."
