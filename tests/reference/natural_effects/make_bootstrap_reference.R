#!/usr/bin/env Rscript
# Independent reference values for the bootstrap of socialcure's mediation with a count or binary
# outcome (docs/methods/natural_effects.md, section 6):
#   1. weighted refits: one resample of the cases held as counts w (R's own draw, written to
#      data/resample_counts.csv); lm(..., weights = w) for the mediators, MASS::glm.nb and glm
#      with weights = w for the outcomes (checked here against the fits on the repeated rows);
#   2. an R bootstrap of the serial negative binomial model (boot::boot, ordinary resampling,
#      every model refitted, 2,000 replicates): percentile endpoints of the natural effects and of
#      the ACME, with their Monte Carlo SEs (sqrt(p (1 - p) / B) / f(q), f a kernel density of the
#      replicates at the endpoint), so that a test can ask for agreement within Monte Carlo error.
# The effects are written out here from the fitted coefficients (not by the library's algebra).
#
# Usage (from the repository root, after make_reference.R, whose data it reads):
#   Rscript tests/reference/natural_effects/make_bootstrap_reference.R
# Writes data/resample_counts.csv and bootstrap.ref.csv ("analysis,quantity,value", %.17g).
# Fixed seeds: byte-identical reruns.
suppressPackageStartupMessages({ library(MASS); library(boot) })
out_dir <- "tests/reference/natural_effects"
fmt17 <- function(x) sprintf("%.17g", x)
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
serial <- read.csv(file.path(out_dir, "data/serial_count.csv"))
parallel <- read.csv(file.path(out_dir, "data/parallel.csv"))
n <- nrow(serial)
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# --- 1. weighted refits on one resample --------------------------------------------------------
set.seed(20261205)
w <- tabulate(sample.int(n, n, replace = TRUE), n)
write.csv(data.frame(count = w), file.path(out_dir, "data/resample_counts.csv"), row.names = FALSE)
record <- function(a, name, fit) for (t in names(coef(fit))) put(a, paste0(name, ":", t), coef(fit)[[t]])
sigma2 <- function(fit) sum(fit$weights * resid(fit)^2) / (sum(fit$weights) - length(coef(fit)))
a <- "weighted_nb_serial"
serial$w <- w
f1 <- lm(belong ~ groups + age, serial, weights = w)
f2 <- lm(lonely ~ groups + belong + age, serial, weights = w)
fy <- glm.nb(visits ~ groups + belong + lonely + age, serial, weights = w, control = glm.control(epsilon = 1e-13, maxit = 100))
record(a, "belong", f1); record(a, "lonely", f2); record(a, "visits", fy)
put(a, "belong:sigma2", sigma2(f1)); put(a, "lonely:sigma2", sigma2(f2)); put(a, "theta", fy$theta)
expanded <- serial[rep(seq_len(n), w), ]
fe <- glm.nb(visits ~ groups + belong + lonely + age, expanded, control = glm.control(epsilon = 1e-13, maxit = 100))
stopifnot(max(abs(coef(fe) - coef(fy))) < 1e-8, abs(fe$theta - fy$theta) < 1e-6 * fy$theta,
          abs(sigma2(f1) - summary(lm(belong ~ groups + age, expanded))$sigma^2) < 1e-12)
a <- "weighted_poisson_offset"
parallel$w <- w
gy <- glm(y ~ prescribed + m1 + m2 + prescribed:m1 + prescribed:m2 + c1 + offset(log_months), poisson, parallel,
          weights = w, control = tight)
record(a, "y", gy)
a <- "weighted_logit"
hy <- glm(ybin ~ prescribed + m1 + prescribed:m1 + c1, binomial, parallel, weights = w, control = tight)
record(a, "ybin", hy)

# --- 2. an R bootstrap of the serial negative binomial model -----------------------------------
x0 <- mean(serial$groups); x1 <- x0 + sd(serial$groups)
effects <- function(d, i) {
  s <- d[i, ]
  A <- coef(lm(belong ~ groups + age, s)); m2 <- lm(lonely ~ groups + belong + age, s); D <- coef(m2)
  m1 <- lm(belong ~ groups + age, s)
  B <- coef(glm.nb(visits ~ groups + belong + lonely + age, s))
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
  c(nde = nde, nie = nie, total_ratio = nde * nie, acme_average = acme, total = e(x1, x1) - e(x0, x0))
}
set.seed(20261206)
replicates <- 2000
b <- boot(serial[, c("groups", "belong", "lonely", "age", "visits")], effects, R = replicates)
a <- "boot_nb_serial"
put(a, "replicates", replicates)
for (k in seq_along(b$t0)) {
  q <- names(b$t0)[k]
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

df <- do.call(rbind, rows)
con <- file(file.path(out_dir, "bootstrap.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/natural_effects/make_bootstrap_reference.R; %s; MASS %s; boot %s",
                   R.version.string, as.character(packageVersion("MASS")), as.character(packageVersion("boot"))), con)
writeLines("analysis,quantity,value", con)
writeLines(paste(df$analysis, df$quantity, fmt17(df$value), sep = ","), con)
close(con)
cat(sprintf("wrote bootstrap.ref.csv (%d rows)\n", nrow(df)))
