#!/usr/bin/env Rscript
# Independent reference values for socialcure's mediation with a binary outcome and a probit link
# (docs/methods/natural_effects.md): mediators by lm, the outcome by
# glm(family = binomial(link = "probit")), the response-scale effects of X from 0 to 1 with each
# person's integral over the mediators' normal distribution done by R's integrate() (not the closed
# form Phi((eta + b mu) / sqrt(1 + b^2 sigma^2)) the library uses, which is checked against it here),
# and a brute-force simulation of the counterfactual probabilities (quantity sim_*).
#   probit_single:   prescribed -> m1 -> ybin, covariate c1, the X*M interaction;
#   probit_parallel: prescribed -> m1, m2 -> ybin, covariate c1, no interaction (products too).
# Also one weighted refit (weighted_probit: weights = the resample counts of
# data/resample_counts.csv, written by make_bootstrap_reference.R), checked here against the fit on
# the repeated rows.
# Usage (from the repository root): Rscript tests/reference/natural_effects/make_probit_reference.R
# Writes tests/reference/natural_effects/probit.ref.csv. Fixed seed: byte-identical reruns.
out_dir <- "tests/reference/natural_effects"
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
record_fit <- function(a, name, fit) for (t in names(coef(fit))) put(a, paste0(name, ":", t), coef(fit)[[t]])
tight <- glm.control(epsilon = 1e-15, maxit = 100)
probit <- binomial(link = "probit")
polish <- function(formula, data, w = rep(1, nrow(data))) {  # refits from the estimates until they stop moving
  data$case_weight <- w
  fit <- glm(formula, probit, data, weights = case_weight, control = tight)
  for (it in 1:10) fit <- glm(formula, probit, data, weights = case_weight, start = coef(fit), control = tight)
  fit
}
parallel <- read.csv(file.path(out_dir, "data/parallel.csv"))
n <- nrow(parallel)
record_effects <- function(a, e) {  # e(x, xm): the n per-person probabilities
  e00 <- mean(e(0, 0)); e01 <- mean(e(0, 1)); e10 <- mean(e(1, 0)); e11 <- mean(e(1, 1))
  te <- e11 - e00
  v <- c(acme_control = e01 - e00, acme_treated = e11 - e10, ade_control = e10 - e00, ade_treated = e11 - e01)
  for (k in names(v)) put(a, k, v[[k]])
  put(a, "acme_average", (v[[1]] + v[[2]]) / 2); put(a, "ade_average", (v[[3]] + v[[4]]) / 2)
  put(a, "total", te); put(a, "prop_mediated_average", (v[[1]] + v[[2]]) / 2 / te)
}
integral <- function(eta, b, mu_m, s2) {
  integrate(function(m) pnorm(eta + b * m) * dnorm(m, mu_m, sqrt(s2)), -Inf, Inf, rel.tol = 1e-13, abs.tol = 0)$value
}

# --- probit_single -------------------------------------------------------------------------------
a <- "probit_single"
h1 <- lm(m1 ~ prescribed + c1, parallel)
hy <- polish(ybin ~ prescribed + m1 + prescribed:m1 + c1, parallel)
record_fit(a, "m1", h1); record_fit(a, "ybin", hy)
u <- sum(resid(h1)^2) / df.residual(h1); K <- coef(h1); L <- coef(hy)
parts <- function(x, xm, c1) list(eta = L[[1]] + L[["prescribed"]] * x + L[["c1"]] * c1,
                                  b = L[["m1"]] + L[["prescribed:m1"]] * x, mu = K[[1]] + K[[2]] * xm + K[[3]] * c1)
e <- function(x, xm) sapply(parallel$c1, function(c) { p <- parts(x, xm, c); integral(p$eta, p$b, p$mu, u) })
record_effects(a, e)
closed <- function(x, xm) { p <- parts(x, xm, parallel$c1); pnorm((p$eta + p$b * p$mu) / sqrt(1 + p$b^2 * u)) }
stopifnot(max(abs(closed(1, 0) - e(1, 0))) < 1e-12)
set.seed(3)
sim <- function(x, xm) {
  p <- parts(x, xm, parallel$c1)
  as.vector(replicate(400, pnorm(p$eta + p$b * (p$mu + rnorm(n, 0, sqrt(u))))))
}
acme_sim <- c(sim(0, 1) - sim(0, 0), sim(1, 1) - sim(1, 0)) / 2
put(a, "sim_acme_average", 2 * mean(acme_sim)); put(a, "sim_acme_average_se", 2 * sd(acme_sim) / sqrt(length(acme_sim)))

# --- probit_parallel -----------------------------------------------------------------------------
a <- "probit_parallel"
g1 <- lm(m1 ~ prescribed + c1, parallel); g2 <- lm(m2 ~ prescribed + c1, parallel)
gy <- polish(ybin ~ prescribed + m1 + m2 + c1, parallel)
record_fit(a, "m1", g1); record_fit(a, "m2", g2); record_fit(a, "ybin", gy)
t1 <- sum(resid(g1)^2) / df.residual(g1); t2 <- sum(resid(g2)^2) / df.residual(g2)
G1 <- coef(g1); G2 <- coef(g2); H <- coef(gy)
put(a, "ind1", G1[["prescribed"]] * H[["m1"]]); put(a, "ind2", G2[["prescribed"]] * H[["m2"]])
# b1 M1 + b2 M2 is normal with mean b1 mu1 + b2 mu2 and variance b1^2 t1 + b2^2 t2: one integral
# over the standardized sum.
e <- function(x, xm) sapply(parallel$c1, function(c) {
  mean_lin <- H[["m1"]] * (G1[[1]] + G1[[2]] * xm + G1[[3]] * c) + H[["m2"]] * (G2[[1]] + G2[[2]] * xm + G2[[3]] * c)
  integral(H[[1]] + H[["prescribed"]] * x + H[["c1"]] * c, 1, mean_lin, H[["m1"]]^2 * t1 + H[["m2"]]^2 * t2)
})
record_effects(a, e)

# --- weighted_probit -----------------------------------------------------------------------------
w <- read.csv(file.path(out_dir, "data/resample_counts.csv"))$count
wy <- polish(ybin ~ prescribed + m1 + prescribed:m1 + c1, parallel, w)
expanded <- parallel[rep(seq_len(n), w), ]
ey <- polish(ybin ~ prescribed + m1 + prescribed:m1 + c1, expanded)
stopifnot(max(abs(coef(wy) - coef(ey))) < 1e-10)
record_fit("weighted_probit", "ybin", wy)

df <- do.call(rbind, rows)
con <- file(file.path(out_dir, "probit.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/natural_effects/make_probit_reference.R; %s", R.version.string), con)
writeLines("analysis,quantity,value", con)
writeLines(paste(df$analysis, df$quantity, sprintf("%.17g", df$value), sep = ","), con)
close(con)
cat(sprintf("wrote probit.ref.csv (%d rows)\n", nrow(df)))
