#!/usr/bin/env Rscript
# Independent reference values for socialcure's BCa intervals of mediation with a count outcome
# (docs/methods/natural_effects.md, section 6):
#   1. the jackknife acceleration a = sum (m - t_i)^3 / (6 [sum (m - t_i)^2]^{3/2}) of every effect,
#      t_i the effect with case i left out (every model refitted by lm and MASS::glm.nb on the
#      other n - 1 cases, the effects averaged over them), m the mean of the t_i; for the serial
#      negative binomial chain of data/serial_count.csv (630 cases), and leaving one practice out
#      (40 refits) for the clustered one-mediator model of ../cluster/data/practices.csv;
#   2. BCa endpoints of the serial chain from an R bootstrap (boot::boot, ordinary resampling,
#      2,000 replicates, every model refitted): z0 = qnorm(share of replicates below the estimate),
#      q = pnorm(z0 + (z0 + z) / (1 - a (z0 + z))) with the jackknife a of part 1, the endpoint the
#      q quantile (type 6) of the replicates, with its Monte Carlo SE sqrt(q (1 - q) / B) / f
#      (f a kernel density of the replicates at the endpoint). (boot.ci's own "bca" would take the
#      acceleration from a regression estimate of the influence values, not the jackknife.)
# The effects are written out here from the fitted coefficients (not by the library's algebra).
# Usage (from the repository root): Rscript tests/reference/natural_effects/make_bca_reference.R
# Writes tests/reference/natural_effects/bca.ref.csv. Fixed seed: byte-identical reruns.
suppressPackageStartupMessages({ library(MASS); library(boot) })
out_dir <- "tests/reference/natural_effects"
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
tight <- glm.control(epsilon = 1e-14, maxit = 200)
acceleration <- function(t) { u <- mean(t) - t; sum(u^3) / (6 * sum(u^2)^1.5) }

# --- the serial negative binomial chain ----------------------------------------------------------
serial <- read.csv(file.path(out_dir, "data/serial_count.csv"))
x0 <- mean(serial$groups); x1 <- x0 + sd(serial$groups)
serial_effects <- function(s, control = glm.control()) {
  m1 <- lm(belong ~ groups + age, s); A <- coef(m1)
  m2 <- lm(lonely ~ groups + belong + age, s); D <- coef(m2)
  B <- coef(glm.nb(visits ~ groups + belong + lonely + age, s, control = control))
  s1 <- sum(resid(m1)^2) / df.residual(m1); s2 <- sum(resid(m2)^2) / df.residual(m2)
  b1 <- B[["belong"]]; b2 <- B[["lonely"]]
  v <- (b1 + b2 * D[["belong"]])^2 * s1 + b2^2 * s2
  lin <- function(xm, age) {
    e1 <- A[[1]] + A[["groups"]] * xm + A[["age"]] * age
    b1 * e1 + b2 * (D[[1]] + D[["groups"]] * xm + D[["belong"]] * e1 + D[["age"]] * age)
  }
  e <- function(x, xm) mean(exp(B[[1]] + B[["groups"]] * x + B[["age"]] * s$age + lin(xm, s$age) + v / 2))
  lr <- function(x, xm) B[[1]] + B[["groups"]] * x + B[["age"]] * mean(s$age) + lin(xm, mean(s$age))
  nde <- exp(lr(x1, x0) - lr(x0, x0)); nie <- exp(lr(x1, x1) - lr(x1, x0))
  acme <- ((e(x0, x1) - e(x0, x0)) + (e(x1, x1) - e(x1, x0))) / 2
  c(ind1 = A[["groups"]] * b1, nde = nde, nie = nie, total_ratio = nde * nie, acme_average = acme,
    total = e(x1, x1) - e(x0, x0))
}
jack <- t(sapply(seq_len(nrow(serial)), function(i) serial_effects(serial[-i, ], tight)))
a <- "bca_nb_serial"
accel <- apply(jack, 2, acceleration)
for (q in colnames(jack)) put(a, paste0(q, ":acceleration"), accel[[q]])
estimate <- serial_effects(serial, tight)
set.seed(20261210)
replicates <- 2000
b <- boot(serial, function(d, i) serial_effects(d[i, ]), R = replicates)
put(a, "replicates", replicates)
for (q in colnames(jack)) {
  t <- b$t[, which(names(b$t0) == q)]
  z0 <- qnorm(mean(t < estimate[[q]]))
  dens <- density(t)
  for (z in qnorm(c(0.025, 0.975))) {
    p <- pnorm(z0 + (z0 + z) / (1 - accel[[q]] * (z0 + z)))
    end <- quantile(t, p, type = 6)[[1]]
    side <- if (z < 0) "ci_lower" else "ci_upper"
    put(a, paste0(q, ":", side), end)
    put(a, paste0(q, ":", side, "_mc_se"), sqrt(p * (1 - p) / replicates) / approx(dens$x, dens$y, end)$y)
  }
}

# --- leaving one practice out --------------------------------------------------------------------
d <- read.csv("tests/reference/cluster/data/practices.csv")
ids <- unique(d$practice)
c0 <- mean(d$groups); c1 <- c0 + sd(d$groups)
cluster_effects <- function(s) {
  fm <- lm(score ~ groups + age, s); A <- coef(fm); s2 <- sum(resid(fm)^2) / df.residual(fm)
  B <- coef(glm.nb(visits_nb ~ groups + score + age, s, control = tight))
  e <- function(x, xm) mean(exp(B[[1]] + B[["groups"]] * x + B[["age"]] * s$age +
                                B[["score"]] * (A[[1]] + A[["groups"]] * xm + A[["age"]] * s$age) + B[["score"]]^2 * s2 / 2))
  c(nie = exp(B[["score"]] * A[["groups"]] * (c1 - c0)),
    acme_average = ((e(c0, c1) - e(c0, c0)) + (e(c1, c1) - e(c1, c0))) / 2)
}
cjack <- t(sapply(ids, function(g) cluster_effects(d[d$practice != g, ])))
for (q in colnames(cjack)) put("bca_cluster_negbin", paste0(q, ":acceleration"), acceleration(cjack[, q]))

df <- do.call(rbind, rows)
con <- file(file.path(out_dir, "bca.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/natural_effects/make_bca_reference.R; %s; MASS %s; boot %s",
                   R.version.string, as.character(packageVersion("MASS")), as.character(packageVersion("boot"))), con)
writeLines("analysis,quantity,value", con)
writeLines(paste(df$analysis, df$quantity, sprintf("%.17g", df$value), sep = ","), con)
close(con)
cat(sprintf("wrote bca.ref.csv (%d rows)\n", nrow(df)))
