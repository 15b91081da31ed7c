#!/usr/bin/env Rscript
# Independent reference values for socialcure's Monte Carlo (quasi-Bayesian) intervals of mediation
# with a count outcome (docs/methods/natural_effects.md, section 6), as the R mediation package
# draws them (mediate(), boot = FALSE): each model's coefficients drawn independently from
# N(estimate, vcov) by MASS::mvrnorm (vcov of lm for the mediators; of glm.nb, theta fixed, or glm
# for the outcome), the mediators' residual variances (and theta) fixed at their estimates; every
# effect of a draw computed exactly (closed forms for the log link, written out here, no inner
# simulation of the mediators). 20,000 draws; percentile endpoints (quantile type 6) with their
# Monte Carlo SEs sqrt(p (1 - p) / B) / f (f a kernel density of the draws at the endpoint).
#   serial:   the negative binomial chain of data/serial_count.csv (groups -> belong -> lonely ->
#             visits, covariate age; groups from its mean to mean + SD);
#   parallel: data/parallel.csv, prescribed 0 -> 1, m1 and m2 parallel, Poisson y with offset
#             log_months and the X*M interactions, covariate c1 (each person at their own exposure).
# Usage (from the repository root): Rscript tests/reference/natural_effects/make_monte_carlo_reference.R
# Writes tests/reference/natural_effects/monte_carlo.ref.csv. Fixed seed: byte-identical reruns.
suppressPackageStartupMessages(library(MASS))
out_dir <- "tests/reference/natural_effects"
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
draws <- 20000
tight <- glm.control(epsilon = 1e-14, maxit = 200)
record <- function(a, t) {
  put(a, "draws", nrow(t))
  for (q in colnames(t)) {
    v <- t[, q]; dens <- density(v)
    for (p in c(0.025, 0.975)) {
      end <- quantile(v, p, type = 6)[[1]]
      side <- if (p < 0.5) "ci_lower" else "ci_upper"
      put(a, paste0(q, ":", side), end)
      put(a, paste0(q, ":", side, "_mc_se"), sqrt(p * (1 - p) / length(v)) / approx(dens$x, dens$y, end)$y)
    }
    put(a, paste0(q, ":sd"), sd(v))
  }
}
summarise <- function(e, lr, x0, x1) {
  nde <- exp(lr(x1, x0) - lr(x0, x0)); nie <- exp(lr(x1, x1) - lr(x1, x0))
  acme0 <- e(x0, x1) - e(x0, x0); acme1 <- e(x1, x1) - e(x1, x0); total <- e(x1, x1) - e(x0, x0)
  c(nde = nde, nie = nie, total_ratio = nde * nie, acme_control = acme0, acme_average = (acme0 + acme1) / 2,
    ade_average = total - (acme0 + acme1) / 2, total = total, prop_mediated_average = (acme0 + acme1) / 2 / total)
}

# --- serial negative binomial chain --------------------------------------------------------------
serial <- read.csv(file.path(out_dir, "data/serial_count.csv"))
x0 <- mean(serial$groups); x1 <- x0 + sd(serial$groups)
m1 <- lm(belong ~ groups + age, serial); m2 <- lm(lonely ~ groups + belong + age, serial)
fy <- glm.nb(visits ~ groups + belong + lonely + age, serial, control = tight)
s1 <- sum(resid(m1)^2) / df.residual(m1); s2 <- sum(resid(m2)^2) / df.residual(m2)
serial_effects <- function(A, D, B) {
  b1 <- B[["belong"]]; b2 <- B[["lonely"]]
  v <- (b1 + b2 * D[["belong"]])^2 * s1 + b2^2 * s2
  lin <- function(xm, age) {
    e1 <- A[[1]] + A[["groups"]] * xm + A[["age"]] * age
    b1 * e1 + b2 * (D[[1]] + D[["groups"]] * xm + D[["belong"]] * e1 + D[["age"]] * age)
  }
  e <- function(x, xm) mean(exp(B[[1]] + B[["groups"]] * x + B[["age"]] * serial$age + lin(xm, serial$age) + v / 2))
  lr <- function(x, xm) B[[1]] + B[["groups"]] * x + B[["age"]] * mean(serial$age) + lin(xm, mean(serial$age))
  c(ind1 = A[["groups"]] * b1, summarise(e, lr, x0, x1))
}
set.seed(20261211)
dA <- mvrnorm(draws, coef(m1), vcov(m1)); dD <- mvrnorm(draws, coef(m2), vcov(m2)); dB <- mvrnorm(draws, coef(fy), vcov(fy))
t <- t(sapply(seq_len(draws), function(r) serial_effects(dA[r, ], dD[r, ], dB[r, ])))
record("mc_nb_serial", t)

# --- parallel mediators, Poisson with an offset and X*M --------------------------------------------
parallel <- read.csv(file.path(out_dir, "data/parallel.csv"))
g1 <- lm(m1 ~ prescribed + c1, parallel); g2 <- lm(m2 ~ prescribed + c1, parallel)
gy <- glm(y ~ prescribed + m1 + m2 + prescribed:m1 + prescribed:m2 + c1 + offset(log_months), poisson, parallel,
          control = tight)
t1 <- sum(resid(g1)^2) / df.residual(g1); t2 <- sum(resid(g2)^2) / df.residual(g2)
parallel_effects <- function(G1, G2, H) {
  bx <- function(x) c(H[["m1"]] + H[["prescribed:m1"]] * x, H[["m2"]] + H[["prescribed:m2"]] * x)
  mus <- function(xm, c1) cbind(G1[[1]] + G1[[2]] * xm + G1[[3]] * c1, G2[[1]] + G2[[2]] * xm + G2[[3]] * c1)
  e <- function(x, xm) {
    b <- bx(x)
    mean(exp(H[[1]] + H[["prescribed"]] * x + H[["c1"]] * parallel$c1 + parallel$log_months +
             mus(xm, parallel$c1) %*% b + (b[1]^2 * t1 + b[2]^2 * t2) / 2))
  }
  lr <- function(x, xm) {
    b <- bx(x)
    H[[1]] + H[["prescribed"]] * x + H[["c1"]] * mean(parallel$c1) + sum(mus(xm, mean(parallel$c1)) * b) +
      (b[1]^2 * t1 + b[2]^2 * t2) / 2
  }
  summarise(e, lr, 0, 1)
}
set.seed(20261212)
dG1 <- mvrnorm(draws, coef(g1), vcov(g1)); dG2 <- mvrnorm(draws, coef(g2), vcov(g2)); dH <- mvrnorm(draws, coef(gy), vcov(gy))
t <- t(sapply(seq_len(draws), function(r) parallel_effects(dG1[r, ], dG2[r, ], dH[r, ])))
record("mc_poisson_parallel", t)

df <- do.call(rbind, rows)
con <- file(file.path(out_dir, "monte_carlo.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/natural_effects/make_monte_carlo_reference.R; %s; MASS %s",
                   R.version.string, as.character(packageVersion("MASS"))), con)
writeLines("analysis,quantity,value", con)
writeLines(paste(df$analysis, df$quantity, sprintf("%.17g", df$value), sep = ","), con)
close(con)
cat(sprintf("wrote monte_carlo.ref.csv (%d rows)\n", nrow(df)))
