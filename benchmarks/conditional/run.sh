#!/usr/bin/env bash
# Conditional process benchmark: PROCESS models 7 and 58 (2 parallel mediators, 2 covariates, W
# probed at mean -/+ SD), 10,000 replicates at n = 630 - socialcure (2 and 1 threads), the floor
# kernel, an R .lm.fit loop and lavaan with defined parameters - on the same data, in the same run.
# Usage: benchmarks/conditional/run.sh [REPS]   (needs r-base-core and lavaan; LAVAAN_BOOT=k runs
# lavaan with k replicates, default 1000, time scaled to 10,000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run conditional conditional_630.csv "${1:-3}"
printf '%s\n%s\n' "$ours" "$peers" | awk '
  { t[$1] = $3 }
  END {
    printf("| model | socialcure 2 thr (s) | socialcure 1 thr (s) | floor 2 thr (s) | R loop (s) | lavaan (s) | R loop / sc | lavaan / sc | sc / floor |\n");
    printf("|---|---|---|---|---|---|---|---|---|\n");
    split("7 58", models, " ");
    for (k = 1; k <= 2; ++k) {
      m = "m" models[k] "_"; s = t[m "socialcure_t2"];
      printf("| %s | %.4f | %.4f | %.4f | %.3f | %.1f | %.0fx | %.0fx | %.2fx |\n", models[k], s, t[m "socialcure_t1"],
             t[m "floor"], t[m "rloop"], t[m "lavaan"], t[m "rloop"] / s, t[m "lavaan"] / s, s / t[m "floor"]);
    }
  }'
