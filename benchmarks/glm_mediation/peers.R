# R peer of the GLM-outcome mediation benchmark, on the data of make_data.R, timed from the data
# frame already in memory: an R loop (one thread) over 5,000 case-bootstrap replicates, each
# sample.int, .lm.fit of the two mediator equations (belong on groups, age; lonely on groups,
# belong, age) and MASS::glm.nb of visits on groups, belong, lonely, age, warm-started as ours is
# (start = the full-sample coefficients, init.theta = the full-sample theta), then the effects
# socialcure reports (natural direct and indirect rate ratios at the covariate means, the ACME
# averaged over the sample, in closed form) and percentile intervals from quantile().
# The loop is run once (RLOOP_BOOT replicates, default 5,000; with fewer the time is scaled to
# 5,000 and both are printed).
# Usage: Rscript peers.R DATADIR REPS
# -> "rloop N seconds_5000 nde nie acme_average acme_lower acme_upper replicates_run seconds_run"
suppressMessages(library(MASS))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(file.path(args[1], "glm_mediation_630.csv"))
B <- 5000L
B_run <- min(B, as.integer(Sys.getenv("RLOOP_BOOT", "5000")))
n <- nrow(d)
x0 <- mean(d$groups); x1 <- x0 + sd(d$groups)
full <- glm.nb(visits ~ groups + belong + lonely + age, d)
start <- coef(full); theta0 <- full$theta

effects <- function(s) {
  X1 <- cbind(1, s$groups, s$age); f1 <- .lm.fit(X1, s$belong)
  X2 <- cbind(1, s$groups, s$belong, s$age); f2 <- .lm.fit(X2, s$lonely)
  A <- f1$coefficients; D <- f2$coefficients
  s1 <- sum(f1$residuals^2) / (n - 3); s2 <- sum(f2$residuals^2) / (n - 4)
  B <- coef(glm.nb(visits ~ groups + belong + lonely + age, s, start = start, init.theta = theta0))
  b1 <- B[["belong"]]; b2 <- B[["lonely"]]
  v <- (b1 + b2 * D[3])^2 * s1 + b2^2 * s2
  lin <- function(xm, age) {
    e1 <- A[1] + A[2] * xm + A[3] * age
    b1 * e1 + b2 * (D[1] + D[2] * xm + D[3] * e1 + D[4] * age)
  }
  e <- function(x, xm) mean(exp(B[[1]] + B[["groups"]] * x + B[["age"]] * s$age + lin(xm, s$age) + v / 2))
  lr <- function(x, xm) B[[1]] + B[["groups"]] * x + B[["age"]] * mean(s$age) + lin(xm, mean(s$age))
  c(nde = exp(lr(x1, x0) - lr(x0, x0)), nie = exp(lr(x1, x1) - lr(x1, x0)),
    acme = ((e(x0, x1) - e(x0, x0)) + (e(x1, x1) - e(x1, x0))) / 2)
}
point <- effects(d)
set.seed(20261207)
seconds <- system.time({
  reps <- t(replicate(B_run, effects(d[sample.int(n, n, replace = TRUE), ])))
  ci <- apply(reps, 2, quantile, c(0.025, 0.975))
})[["elapsed"]]
cat(sprintf("rloop %d %.3f %.6f %.6f %.6f %.6f %.6f %d %.3f\n", n, seconds * B / B_run, point[["nde"]], point[["nie"]],
            point[["acme"]], ci[1, "acme"], ci[2, "acme"], B_run, seconds))
