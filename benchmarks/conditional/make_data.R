# Data for the conditional process benchmark: two parallel mediators whose X -> M paths and
# M -> Y paths both depend on a moderator W (so PROCESS model 58 is the true model and model 7
# leaves out the second-stage moderation), two correlated covariates in every equation, normal
# errors, n = 630. Usage: Rscript make_data.R OUTDIR  -> conditional_630.csv
args <- commandArgs(trailingOnly = TRUE)
set.seed(20261204)
n <- 630
x <- rnorm(n)
w <- rnorm(n, 4, 1)
c1 <- rnorm(n)
c2 <- 0.3 * c1 + rnorm(n)
m1 <- 0.10 * x + 0.20 * w + 0.08 * x * w + 0.20 * c1 - 0.10 * c2 + rnorm(n)
m2 <- 0.05 * x + 0.10 * w + 0.06 * x * w + 0.15 * c1 + 0.10 * c2 + rnorm(n)
y <- 0.20 * x + 0.10 * m1 + 0.05 * m2 + 0.10 * w + 0.05 * m1 * w + 0.04 * m2 * w + 0.10 * c1 +
  0.20 * c2 + rnorm(n)
write.csv(data.frame(x, w, c1, c2, m1, m2, y), file.path(args[1], "conditional_630.csv"), row.names = FALSE)
