#!/usr/bin/env bash
# Runs the regression benchmarks: socialcure and R on the same data, in the same run.
# Usage: benchmarks/regression/run.sh [REPS]   (needs R with MASS and sandwich: r-base-core
# r-cran-mass r-cran-sandwich; builds the "bench" preset)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reps="${1:-5}"
data="${TMPDIR:-/tmp}/socialcure-bench-regression"
mkdir -p "$data"
cd "$root"
cmake --preset bench >/dev/null
cmake --build --preset bench --target bench_regression >/dev/null
[ -f "$data/ols_1e6.csv" ] || Rscript benchmarks/regression/make_data.R "$data"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
ours=$(build/bench/bin/bench_regression "$data" "$reps")
peers=$(Rscript benchmarks/regression/peers.R "$data" "$reps")
echo "$ours"
echo "$peers"
awk -v a="$ours" -v b="$peers" 'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  printf("| task | socialcure (s) | R (s) | R / socialcure |\n|---|---|---|---|\n");
  printf("| OLS + HC3, n = 1e6, p = 10 | %.3f | %.3f | %.1fx |\n", o1[2], r1[2], r1[2] / o1[2]);
  printf("| negative binomial, n = 1e5, 5 predictors | %.3f | %.3f | %.1fx |\n", o2[2], r2[2], r2[2] / o2[2]);
}'
