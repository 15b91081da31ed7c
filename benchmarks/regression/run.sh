#!/usr/bin/env bash
# Runs the regression benchmarks: socialcure and R on the same data, in the same run. Each side
# reads the data into memory, then times REPS fits in one process and reports the medians of the
# wall-clock and of the CPU time (user + system).
# Usage: benchmarks/regression/run.sh [REPS]   (needs R with MASS and sandwich: r-base-core
# r-cran-mass r-cran-sandwich; builds the "bench" preset)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run regression ols_1e6.csv "${1:-3}"
awk -v a="$ours" -v b="$peers" "$bench_awk_table"'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(la[3], o3, " "); split(la[4], f1, " "); split(la[5], f2, " ");
  split(lb[1], r1, " "); split(lb[2], r2, " ");
  header("R");
  row("OLS + HC3, n = 1e6, p = 10 (every core)", o1, r1);
  row("OLS + HC3, n = 1e6, p = 10, one thread", o3, r1);
  row("negative binomial, n = 1e5, 5 predictors", o2, r2);
  printf("| floor: one read pass over the 88 MB design | %.4f | | | %.4f | | |\n", f1[2], f1[3]);
  printf("| floor: copy of the design into fresh memory | %.4f | | | %.4f | | |\n", f2[2], f2[3]);
}'
