# Data for the regression benchmarks (same files for socialcure and R).
# Usage: Rscript make_data.R OUTDIR
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
set.seed(20261126)
n <- 1e6; p <- 10
X <- matrix(rnorm(n * p), n, p)
colnames(X) <- paste0("x", 1:p)
y <- drop(1 + X %*% seq(0.1, 1, length.out = p)) + rnorm(n) * (1 + abs(X[, 1]))  # heteroskedastic
write.csv(data.frame(y = y, X), file.path(out, "ols_1e6.csv"), row.names = FALSE)
n <- 1e5
Z <- matrix(rnorm(n * 5), n, 5)
colnames(Z) <- paste0("z", 1:5)
mu <- exp(0.5 + Z %*% c(0.3, -0.2, 0.1, 0.05, 0))
y <- rnbinom(n, mu = mu, size = 2)
write.csv(data.frame(y = y, Z), file.path(out, "nb_1e5.csv"), row.names = FALSE)
