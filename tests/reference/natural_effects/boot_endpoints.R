# Shared by the reference scripts of this folder (source()d, not run alone): the percentile
# endpoints of boot::boot replicates with their Monte Carlo SEs.
# record_boot_endpoints(put, a, quantities, b): for column k of b$t (named quantities[k]) writes
# "<q>:ci_lower", "<q>:ci_upper" (quantile type 6 at 0.025 and 0.975), their Monte Carlo SEs
# "<q>:ci_lower_mc_se", "<q>:ci_upper_mc_se" (sqrt(p (1 - p) / B) / f(q), f a kernel density of
# the replicates at the endpoint) and "<q>:boot_se" (the SD of the replicates), through put(a, q, v).
record_boot_endpoints <- function(put, a, quantities, b) {
  replicates <- nrow(b$t)
  for (k in seq_along(quantities)) {
    q <- quantities[k]
    t <- b$t[, k]
    for (p in c(0.025, 0.975)) {
      end <- quantile(t, p, type = 6)
      dens <- density(t)
      f <- approx(dens$x, dens$y, end)$y
      side <- if (p < 0.5) "ci_lower" else "ci_upper"
      put(a, paste0(q, ":", side), end[[1]])
      put(a, paste0(q, ":", side, "_mc_se"), sqrt(p * (1 - p) / replicates) / f)
    }
    put(a, paste0(q, ":boot_se"), sd(t))
  }
}
