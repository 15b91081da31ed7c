#!/usr/bin/env bash
# Mediation bootstrap benchmark: a serial model (2 mediators, 2 covariates), 10,000 replicates at
# n = 630 and n = 10,000 - socialcure (2 and 1 threads), the floor kernel, psych::mediate, an R
# .lm.fit loop and lavaan - on the same data, in the same run.
# Usage: benchmarks/mediation/run.sh [REPS]   (needs r-base-core, psych and lavaan;
# LAVAAN_BOOT=k runs lavaan with k replicates, default 1000, time scaled to 10,000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run mediation mediation_10000.csv "${1:-3}"
printf '%s\n%s\n' "$ours" "$peers" | awk '
  { t[$1 " " $2] = $3 }
  END {
    split("630 10000", ns, " ");
    printf("| n | socialcure 2 thr (s) | socialcure 1 thr (s) | floor 2 thr (s) | psych::mediate (s) | R loop (s) | lavaan (s) | psych / sc | R loop / sc | lavaan / sc | sc / floor |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (k = 1; k <= 2; ++k) {
      n = ns[k]; s = t["socialcure_t2 " n];
      printf("| %s | %.4f | %.4f | %.4f | %.3f | %.2f | %.1f | %.0fx | %.0fx | %.0fx | %.2fx |\n", n, s,
             t["socialcure_t1 " n], t["floor " n], t["psych " n], t["rloop " n], t["lavaan " n],
             t["psych " n] / s, t["rloop " n] / s, t["lavaan " n] / s, s / t["floor " n]);
    }
  }'
