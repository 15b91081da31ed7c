#!/usr/bin/env bash
# Runs the regression benchmarks: socialcure and R on the same data, in the same run.
# Usage: benchmarks/regression/run.sh [REPS]   (needs R with MASS and sandwich: r-base-core
# r-cran-mass r-cran-sandwich; builds the "bench" preset)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run regression ols_1e6.csv "${1:-5}"
awk -v a="$ours" -v b="$peers" 'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  printf("| task | socialcure (s) | R (s) | R / socialcure |\n|---|---|---|---|\n");
  printf("| OLS + HC3, n = 1e6, p = 10 | %.3f | %.3f | %.1fx |\n", o1[2], r1[2], r1[2] / o1[2]);
  printf("| negative binomial, n = 1e5, 5 predictors | %.3f | %.3f | %.1fx |\n", o2[2], r2[2], r2[2] / o2[2]);
}'
