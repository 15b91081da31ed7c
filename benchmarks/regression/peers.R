# R peers of the regression benchmarks: lm + sandwich::vcovHC(HC3) and MASS::glm.nb.
# Usage: Rscript peers.R DATADIR REPS
#   -> prints "name median_elapsed_seconds median_cpu_seconds check values"
# The data are read first; then each task runs REPS times in this one R process, timed with
# system.time (elapsed, and user + system CPU), and the medians are printed.
suppressMessages({ library(sandwich); library(MASS) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
ols <- read.csv(file.path(dir, "ols_1e6.csv"))
nb <- read.csv(file.path(dir, "nb_1e5.csv"))
time_it <- function(f) {
  t <- replicate(reps, { s <- system.time(r <<- f()); c(s[["elapsed"]], s[["user.self"]] + s[["sys.self"]]) })
  c(median(t[1, ]), median(t[2, ]))
}
r <- NULL
t_ols <- time_it(function() { fit <- lm(y ~ ., data = ols); v <- vcovHC(fit, type = "HC3"); list(coef(fit), v) })
cat(sprintf("r_lm_hc3 %.4f %.4f %.10f %.10f\n", t_ols[1], t_ols[2], r[[1]][2], sqrt(r[[2]][2, 2])))
t_nb <- time_it(function() glm.nb(y ~ ., data = nb))
cat(sprintf("r_glm_nb %.4f %.4f %.10f %.10f\n", t_nb[1], t_nb[2], coef(r)[2], r$theta))
