#!/usr/bin/env bash
# Scale benchmarks: socialcure and psych on the same data, in the same run. Each side reads the
# data into memory, then times REPS runs in one process and reports the medians of the wall-clock
# and of the CPU time (user + system).
# Usage: benchmarks/scales/run.sh [REPS]   (needs r-base-core and r-cran-psych)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run scales items_1e6.csv "${1:-3}"
awk -v a="$ours" -v b="$peers" "$bench_awk_table"'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(la[3], o3, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  header("psych");
  row("score 1e6 respondents x 20 items (sum)", o1, r1);
  row("alpha, 1e5 x 20, from the item matrix", o2, r2);
  row("alpha, 1e5 x 20, item matrix built from the table inside the timing", o3, r2);
}'
