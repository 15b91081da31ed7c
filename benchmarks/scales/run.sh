#!/usr/bin/env bash
# Scale benchmarks: socialcure and psych on the same data, in the same run.
# Usage: benchmarks/scales/run.sh [REPS]   (needs r-base-core and r-cran-psych)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reps="${1:-3}"
data="${TMPDIR:-/tmp}/socialcure-bench-scales"
mkdir -p "$data"
cd "$root"
cmake --preset bench >/dev/null
cmake --build --preset bench --target bench_scales >/dev/null
[ -f "$data/items_1e6.csv" ] || Rscript benchmarks/scales/make_data.R "$data"
ours=$(build/bench/bin/bench_scales "$data" "$reps")
peers=$(Rscript benchmarks/scales/peers.R "$data" "$reps")
echo "$ours"
echo "$peers"
awk -v a="$ours" -v b="$peers" 'BEGIN {
  split(a, la, "\n"); split(b, lb, "\n");
  split(la[1], o1, " "); split(la[2], o2, " "); split(lb[1], r1, " "); split(lb[2], r2, " ");
  printf("| task | socialcure (s) | psych (s) | psych / socialcure |\n|---|---|---|---|\n");
  printf("| score 1e6 respondents x 20 items (sum) | %.3f | %.3f | %.1fx |\n", o1[2], r1[2], r1[2] / o1[2]);
  printf("| alpha, 1e5 x 20 | %.3f | %.3f | %.1fx |\n", o2[2], r2[2], r2[2] / o2[2]);
}'
