# Data for the mediation benchmarks: a serial chain x -> m1 -> m2 -> y with direct paths and two
# covariates (continuous, normal errors), n = 630 and n = 10,000, drawn in that order from one
# seed. Usage: Rscript make_data.R OUTDIR  -> mediation_630.csv, mediation_10000.csv
args <- commandArgs(trailingOnly = TRUE)
set.seed(20261126)
make <- function(n) {
  x <- rnorm(n)
  c1 <- rnorm(n)
  c2 <- 0.3 * c1 + rnorm(n)
  m1 <- 0.40 * x + 0.20 * c1 - 0.10 * c2 + rnorm(n)
  m2 <- 0.25 * x + 0.45 * m1 + 0.15 * c1 + 0.10 * c2 + rnorm(n)
  y <- 0.20 * x + 0.30 * m1 + 0.35 * m2 + 0.10 * c1 + 0.20 * c2 + rnorm(n)
  data.frame(x, c1, c2, m1, m2, y)
}
for (n in c(630, 10000)) {
  write.csv(make(n), file.path(args[1], sprintf("mediation_%d.csv", n)), row.names = FALSE)
}
