#!/usr/bin/env bash
# Scale benchmarks: socialcure and psych on the same data, in the same run. Each side reads the
# data into memory, then times REPS runs in one process and reports the medians of the wall-clock
# and of the CPU time (user + system).
# Usage: benchmarks/scales/run.sh [REPS]   (needs r-base-core and r-cran-psych)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run scales items_1e6.csv "${1:-3}"
awk -v a="$ours" -v b="$peers" 'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  printf("| task | socialcure wall (s) | psych wall (s) | ratio, wall | socialcure CPU (s) | psych CPU (s) | ratio, CPU |\n");
  printf("|---|---|---|---|---|---|---|\n");
  printf("| score 1e6 respondents x 20 items (sum) | %.3f | %.3f | %.1fx | %.3f | %.3f | %.1fx |\n",
         o1[2], r1[2], r1[2] / o1[2], o1[3], r1[3], r1[3] / o1[3]);
  printf("| alpha, 1e5 x 20 | %.4f | %.3f | %.1fx | %.4f | %.3f | %.1fx |\n",
         o2[2], r2[2], r2[2] / o2[2], o2[3], r2[3], r2[3] / o2[3]);
}'
