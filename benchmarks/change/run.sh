#!/usr/bin/env bash
# Change benchmarks: socialcure and R (stats + effectsize) on the same data, in the same run.
# Usage: benchmarks/change/run.sh [REPS]   (needs r-base-core and the effectsize package)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run change change_1e6.csv "${1:-3}"
awk -v a="$ours" -v b="$peers" 'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  printf("| task | socialcure (s) | R (s) | R / socialcure |\n|---|---|---|---|\n");
  printf("| change analysis, 1,000,000 pairs | %.3f | %.3f | %.1fx |\n", o1[2], r1[2], r1[2] / o1[2]);
  printf("| paired rate ratio, 1,000,000 pairs of counts | %.4f | %.4f | %.1fx |\n", o2[2], r2[2], r2[2] / o2[2]);
}'
