#!/usr/bin/env Rscript
# Independent reference values for socialcure's sensitivity of the ACME to rho (Imai, Keele &
# Yamamoto 2010; docs/methods/sensitivity.md), computed here in our own R code (the mediation
# package is not installed, and nothing is taken from it):
#   closed forms: without X*M, IKY's Theorem form from the reduced-form regressions,
#     ACME(rho) = beta2 (sigma1 / sigma2) [rho~ - rho sqrt((1 - rho~^2) / (1 - rho^2))],
#     rho~ = cor of the residuals of lm(Y ~ X + C) and lm(M ~ X + C) (the rho at which ACME = 0);
#     with X*M, from the conditional model, gamma(rho) = gamma* - rho sigma_u / (sigma_2 sqrt(1 - rho^2));
#   maximum likelihood with rho fixed, by optim() over every other parameter of the bivariate
#     normal model (the closed forms are the exact ML: quantity ml_acme);
#   an iterated feasible-GLS SUR of the two equations with the error correlation fixed at rho
#     (as medsens does; close to, but not exactly, the closed form: quantity sur_acme);
#   the delta-method SE of the curve (our formula, written independently) and, for the
#     continuous-X data, the SD of the closed-form ACME(rho) over 4000 fresh samples from the
#     data-generating model (quantity sim_sd, with its Monte Carlo error sim_sd_mcse) against the
#     mean of the delta-method SEs over the same samples (sim_mean_delta_se);
#   the R^2 products at the root.
#
# Usage (from the repository root): Rscript tests/reference/mediation_sensitivity/make_reference.R
# Writes data/synthetic.csv and point.ref.csv ("analysis,quantity,value", %.17g, one comment line).
# Fixed seeds: byte-identical reruns.
out_dir <- "tests/reference/mediation_sensitivity"
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
rho_checks <- c(-0.9, -0.5, -0.2, 0, 0.1, 0.3, 0.6, 0.95)
rho_label <- function(rho) sprintf("%+.2f", rho)

# --- data ------------------------------------------------------------------------------------
tal_or <- read.csv("tests/reference/mediation/data/tal_or.csv")
set.seed(20261204)
n <- 1000
c1 <- rnorm(n); c2 <- rbinom(n, 1, 0.4)
x <- rbinom(n, 1, 0.5)
e <- cbind(rnorm(n), rnorm(n))
e2 <- e[, 1]; e3 <- 0.3 * e[, 1] + sqrt(1 - 0.09) * e[, 2]      # correlated errors (rho 0.3)
m <- 0.2 + 0.5 * x + 0.3 * c1 - 0.2 * c2 + e2
y <- 1 + 0.3 * x + 0.4 * m + 0.25 * x * m + 0.2 * c1 + 0.1 * c2 + 1.5 * e3
dose <- round(runif(n, 0, 6), 1)                                 # a continuous X
md <- 0.1 + 0.2 * dose + 0.3 * c1 + e2
yd <- 0.5 + 0.1 * dose + 0.5 * md - 0.05 * dose * md + 0.2 * c1 + e3
synthetic <- data.frame(x, m, y, c1, c2, dose, md, yd)
write.csv(synthetic, file.path(out_dir, "data/synthetic.csv"), row.names = FALSE)
synthetic <- read.csv(file.path(out_dir, "data/synthetic.csv"))

# --- closed forms ----------------------------------------------------------------------------
# Without X*M: from the reduced forms (IKY 2010).
iky_curve <- function(d, xn, mn, yn, cn) {
  rhs <- paste(c(xn, cn), collapse = " + ")
  fm <- lm(as.formula(paste(mn, "~", rhs)), data = d)
  fy1 <- lm(as.formula(paste(yn, "~", rhs)), data = d)
  e1 <- resid(fy1); e2 <- resid(fm)
  list(beta2 = unname(coef(fm)[xn]), ratio = sqrt(sum(e1^2) / sum(e2^2)), rho_tilde = cor(e1, e2),
       acme = function(rho) unname(coef(fm)[xn]) * sqrt(sum(e1^2) / sum(e2^2)) *
         (cor(e1, e2) - rho * sqrt((1 - cor(e1, e2)^2) / (1 - rho^2))))
}
# With X*M (or without: kappa = 0): gamma(rho) from the conditional model, at X = t.
conditional_curve <- function(d, xn, mn, yn, cn, interaction, t, x0, x1) {
  fm <- lm(as.formula(paste(mn, "~", paste(c(xn, cn), collapse = " + "))), data = d)
  terms <- c(xn, mn, if (interaction) paste0(xn, ":", mn), cn)
  fy <- lm(as.formula(paste(yn, "~", paste(terms, collapse = " + "))), data = d)
  g <- unname(coef(fy)[mn]); k <- if (interaction) unname(coef(fy)[paste0(xn, ":", mn)]) else 0
  if (!interaction) t <- 0
  su_s2 <- sqrt(sum(resid(fy)^2) / sum(resid(fm)^2))
  beta2 <- unname(coef(fm)[xn])
  acme <- function(rho) (x1 - x0) * beta2 * (g + k * t - rho * su_s2 / sqrt(1 - rho^2))
  # The root: ACME = 0 where rho / sqrt(1 - rho^2) = (g + k t) / su_s2.
  root <- uniroot(acme, c(-1 + 1e-12, 1 - 1e-12), tol = 1e-15)$root
  list(fm = fm, fy = fy, acme = acme, root = root, beta2 = beta2, b = g + k * t, su_s2 = su_s2,
       r2m = summary(fm)$r.squared, r2y = summary(fy)$r.squared)
}

# Our delta-method SE, written out: Var = (x1-x0)^2 [b(rho)^2 Var(beta2) + beta2^2 Var(b(rho))].
delta_se <- function(cc, xn, mn, interaction, t, x0, x1, rho) {
  if (!interaction) t <- 0
  Vm <- vcov(cc$fm); Vy <- vcov(cc$fy)
  q <- rho / sqrt(1 - rho^2)
  b_rho <- cc$b - q * cc$su_s2
  grad <- c(1, if (interaction) t)
  names_b <- c(mn, if (interaction) paste0(xn, ":", mn))
  var_b_ols <- drop(t(grad) %*% Vy[names_b, names_b, drop = FALSE] %*% grad)
  var_ratio <- cc$su_s2^2 * (1 / (2 * df.residual(cc$fy)) + 1 / (2 * df.residual(cc$fm)))
  var_b <- var_b_ols + q^2 * var_ratio
  abs(x1 - x0) * sqrt(b_rho^2 * Vm[xn, xn] + cc$beta2^2 * var_b)
}

# --- maximum likelihood with rho fixed (optim) -------------------------------------------------
ml_acme <- function(d, xn, mn, yn, cn, interaction, t, x0, x1, rho) {
  if (!interaction) t <- 0
  Xm <- model.matrix(as.formula(paste("~", paste(c(xn, cn), collapse = " + "))), d)
  terms <- c(xn, mn, if (interaction) paste0(xn, ":", mn), cn)
  Xy <- model.matrix(as.formula(paste("~", paste(terms, collapse = " + "))), d)
  M <- d[[mn]]; Y <- d[[yn]]; pm <- ncol(Xm); py <- ncol(Xy)
  nll <- function(th) {
    bm <- th[1:pm]; by <- th[pm + 1:py]; s2 <- exp(th[pm + py + 1]); s3 <- exp(th[pm + py + 2])
    u2 <- (M - Xm %*% bm) / s2; u3 <- (Y - Xy %*% by) / s3
    q <- (u2^2 - 2 * rho * u2 * u3 + u3^2) / (1 - rho^2)
    sum(log(s2) + log(s3) + 0.5 * log(1 - rho^2) + 0.5 * q)
  }
  start <- c(coef(lm.fit(Xm, M)), coef(lm.fit(Xy, Y)), log(sd(M)), log(sd(Y)))
  fit <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  fit <- optim(fit$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  th <- fit$par
  beta2 <- th[1 + which(colnames(Xm) == xn) - 1]
  g <- th[pm + which(colnames(Xy) == mn)]
  k <- if (interaction) th[pm + which(colnames(Xy) == paste0(xn, ":", mn))] else 0
  unname((x1 - x0) * beta2 * (g + k * t))
}

# --- iterated feasible-GLS SUR with rho fixed (as medsens) -----------------------------------------
sur_acme <- function(d, xn, mn, yn, cn, interaction, t, x0, x1, rho) {
  if (!interaction) t <- 0
  Xm <- model.matrix(as.formula(paste("~", paste(c(xn, cn), collapse = " + "))), d)
  terms <- c(xn, mn, if (interaction) paste0(xn, ":", mn), cn)
  Xy <- model.matrix(as.formula(paste("~", paste(terms, collapse = " + "))), d)
  M <- d[[mn]]; Y <- d[[yn]]; nn <- nrow(d); pm <- ncol(Xm); py <- ncol(Xy)
  X <- rbind(cbind(Xm, matrix(0, nn, py)), cbind(matrix(0, nn, pm), Xy))
  yy <- c(M, Y)
  s2 <- sd(resid(lm.fit(Xm, M))); s3 <- sd(resid(lm.fit(Xy, Y)))
  for (it in 1:500) {
    S <- matrix(c(s2^2, rho * s2 * s3, rho * s2 * s3, s3^2), 2)
    W <- kronecker(solve(S), diag(nn))
    beta <- solve(t(X) %*% W %*% X, t(X) %*% W %*% yy)
    r <- yy - X %*% beta
    s2n <- sqrt(sum(r[1:nn]^2) / (nn - 1)); s3n <- sqrt(sum(r[nn + 1:nn]^2) / (nn - 1))
    done <- abs(s2n - s2) + abs(s3n - s3) < 1e-13
    s2 <- s2n; s3 <- s3n
    if (done) break
  }
  beta2 <- beta[which(colnames(Xm) == xn)]
  g <- beta[pm + which(colnames(Xy) == mn)]
  k <- if (interaction) beta[pm + which(colnames(Xy) == paste0(xn, ":", mn))] else 0
  (x1 - x0) * beta2 * (g + k * t)
}

# --- the sampling SD of the closed-form ACME(rho), by simulation from the data-generating model --
# of the continuous-X data (fresh samples of n = 1000, S of them): checks the delta-method SE.
sim_sd_dose <- function(rhos, S, seed) {
  set.seed(seed)
  out <- matrix(NA, S, length(rhos)); se <- out
  for (s in 1:S) {
    c1 <- rnorm(n); dose <- round(runif(n, 0, 6), 1); e2 <- rnorm(n); e3 <- 0.3 * e2 + sqrt(1 - 0.09) * rnorm(n)
    md <- 0.1 + 0.2 * dose + 0.3 * c1 + e2
    yd <- 0.5 + 0.1 * dose + 0.5 * md - 0.05 * dose * md + 0.2 * c1 + e3
    fm <- lm.fit(cbind(1, dose, c1), md); fy <- lm.fit(cbind(1, dose, md, dose * md, c1), yd)
    b <- fy$coefficients[3] + 3.5 * fy$coefficients[4]
    ratio <- sqrt(sum(fy$residuals^2) / sum(fm$residuals^2))
    a <- fm$coefficients[2]; q <- rhos / sqrt(1 - rhos^2)
    out[s, ] <- 1.5 * a * (b - q * ratio)
    Xm <- cbind(1, dose, c1); Xy <- cbind(1, dose, md, dose * md, c1)
    Vm <- solve(crossprod(Xm)) * sum(fm$residuals^2) / (n - 3)
    Vy <- solve(crossprod(Xy))[3:4, 3:4] * sum(fy$residuals^2) / (n - 5)
    var_b <- drop(c(1, 3.5) %*% Vy %*% c(1, 3.5)) + q^2 * ratio^2 * (1 / (2 * (n - 5)) + 1 / (2 * (n - 3)))
    se[s, ] <- 1.5 * sqrt((b - q * ratio)^2 * Vm[2, 2] + a^2 * var_b)
  }
  list(sd = apply(out, 2, sd), mean_se = colMeans(se))
}

record <- function(a, d, xn, mn, yn, cn, interaction, t, x0, x1, sim_S = 0) {
  cc <- conditional_curve(d, xn, mn, yn, cn, interaction, t, x0, x1)
  put(a, "n", nrow(d))
  put(a, "a", cc$beta2); put(a, "b", cc$b); put(a, "sigma_ratio", cc$su_s2)
  put(a, "acme_rho0", cc$acme(0))
  put(a, "rho_at_zero", cc$root)
  put(a, "r2_mediator", cc$r2m); put(a, "r2_outcome", cc$r2y)
  put(a, "r2_product_at_zero", cc$root^2)
  put(a, "r2_total_product_at_zero", cc$root^2 * (1 - cc$r2m) * (1 - cc$r2y))
  if (!interaction) {
    ik <- iky_curve(d, xn, mn, yn, cn)
    put(a, "rho_tilde", ik$rho_tilde)
  }
  for (rho in rho_checks) {
    lab <- rho_label(rho)
    put(a, paste0("acme:", lab), if (interaction) cc$acme(rho) else (x1 - x0) * iky_curve(d, xn, mn, yn, cn)$acme(rho))
    put(a, paste0("se:", lab), delta_se(cc, xn, mn, interaction, t, x0, x1, rho))
  }
  for (rho in c(-0.5, 0, 0.3, 0.6)) {
    lab <- rho_label(rho)
    put(a, paste0("ml_acme:", lab), ml_acme(d, xn, mn, yn, cn, interaction, t, x0, x1, rho))
    put(a, paste0("sur_acme:", lab), sur_acme(d, xn, mn, yn, cn, interaction, t, x0, x1, rho))
  }
  if (sim_S > 0) {
    rhos <- c(-0.5, 0, 0.3, 0.6)
    sim <- sim_sd_dose(rhos, sim_S, 20261205)
    for (k in seq_along(rhos)) {
      put(a, paste0("sim_sd:", rho_label(rhos[k])), sim$sd[k])
      put(a, paste0("sim_sd_mcse:", rho_label(rhos[k])), sim$sd[k] / sqrt(2 * (sim_S - 1)))
      put(a, paste0("sim_mean_delta_se:", rho_label(rhos[k])), sim$mean_se[k])
    }
  }
}

# Tal-Or et al. (2010), Hayes' example: pmi as the mediator of cond on reaction, with and without
# covariates.
record("tal_or", tal_or, "cond", "pmi", "reaction", character(0), FALSE, NA, 0, 1)
record("tal_or_covariates", tal_or, "cond", "pmi", "reaction", c("gender", "age"), FALSE, NA, 0, 1)
# Synthetic, binary X with X*M: control (t = 0) and treated (t = 1); and without X*M.
record("synthetic_control", synthetic, "x", "m", "y", c("c1", "c2"), TRUE, 0, 0, 1)
record("synthetic_treated", synthetic, "x", "m", "y", c("c1", "c2"), TRUE, 1, 0, 1)
record("synthetic_additive", synthetic, "x", "m", "y", c("c1", "c2"), FALSE, NA, 0, 1)
# Continuous X, x0 = 2 -> x1 = 3.5, with X*M.
record("dose_control", synthetic, "dose", "md", "yd", "c1", TRUE, 2, 2, 3.5)
record("dose_treated", synthetic, "dose", "md", "yd", "c1", TRUE, 3.5, 2, 3.5, sim_S = 4000)

all_rows <- do.call(rbind, rows)
con <- file(file.path(out_dir, "point.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/mediation_sensitivity/make_reference.R; %s", R.version.string), con)
writeLines("analysis,quantity,value", con)
writeLines(sprintf("%s,%s,%s", all_rows$analysis, all_rows$quantity, sprintf("%.17g", all_rows$value)), con)
close(con)
