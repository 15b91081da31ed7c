#!/usr/bin/env bash
# GLM-outcome mediation benchmark: a serial chain to a negative binomial count, n = 630, 5,000
# case-bootstrap replicates with every equation refitted - socialcure (2 and 1 threads) against an
# R loop calling MASS::glm.nb per replicate - on the same data, in the same run.
# Usage: benchmarks/glm_mediation/run.sh [REPS]   (needs r-base-core and r-cran-mass; RLOOP_BOOT=k
# runs the R loop with k replicates, default 5,000, time scaled to 5,000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run glm_mediation glm_mediation_630.csv "${1:-3}"
printf '%s\n%s\n' "$ours" "$peers" | awk '
  { t[$1] = $3 }
  END {
    printf("| task | socialcure 2 thr (s) | socialcure 1 thr (s) | R loop (s) | R loop / sc 2 thr | R loop / sc 1 thr |\n");
    printf("|---|---|---|---|---|---|\n");
    printf("| NB serial, n = 630, 5,000 replicates | %.3f | %.3f | %.1f | %.0fx | %.0fx |\n", t["socialcure_t2"],
           t["socialcure_t1"], t["rloop"], t["rloop"] / t["socialcure_t2"], t["rloop"] / t["socialcure_t1"]);
  }'
