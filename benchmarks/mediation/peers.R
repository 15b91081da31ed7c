# R peers of the mediation benchmark, on the data of make_data.R, each timed from the data frame
# already in memory, 10,000 bootstrap replicates:
# - psych::mediate(y ~ x + (m1) + (m2) - c1 - c2): psych 2.2.9 has no serial chain, so this is its
#   nearest model, two parallel mediators with the covariates partialled out (its ind1 = a1 b1 is
#   the same effect as ours; its m2 effect is not the serial model's). psych resamples with
#   parallel::mclapply; mc.cores is set to 2 (its default) to match our 2 threads.
# - an R loop: sample.int + .lm.fit of the model's three OLS equations per resample, then the three
#   specific and the total indirect effects; percentile intervals from quantile() (one thread).
# - lavaan::sem of the serial model with se = "bootstrap" (percentile CIs): run with LAVAAN_BOOT
#   replicates (default 1000, because 10,000 take several minutes) and the time scaled linearly to
#   10,000; single run.
# Usage: Rscript peers.R DATADIR REPS [REPLICATES]
# -> per n: "psych N seconds ind1 ind1_lower ind1_upper",
#    "rloop N seconds ind1 ind2 ind3 ind3_lower ind3_upper",
#    "lavaan N seconds_scaled_to_REPLICATES replicates_run seconds_run ind1 ind2 ind3 ind3_lower ind3_upper"
suppressMessages({ library(psych); library(lavaan) })
options(mc.cores = 2)
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
B <- if (length(args) > 2) as.integer(args[3]) else 10000L
B_lavaan <- min(B, as.integer(Sys.getenv("LAVAAN_BOOT", "1000")))
time_it <- function(k, f) { t <- replicate(k, system.time(r <<- f())[["elapsed"]]); median(t) }
r <- NULL
for (n in c(630, 10000)) {
  d <- read.csv(file.path(dir, sprintf("mediation_%d.csv", n)))
  set.seed(20261126)
  t <- time_it(reps, function() mediate(y ~ x + (m1) + (m2) - c1 - c2, data = d, n.iter = B, plot = FALSE))
  cat(sprintf("psych %d %.4f %.10f %.6f %.6f\n", n, t, r$all.ab[1, 1], r$boot$ci.ab[1, 2], r$boot$ci.ab[2, 2]))

  x3 <- cbind(1, d$x, d$c1, d$c2, d$m1, d$m2)
  m1 <- d$m1; m2 <- d$m2; y <- d$y
  loop <- function() {
    out <- matrix(NA_real_, B, 4)
    for (b in seq_len(B)) {
      i <- sample.int(n, n, replace = TRUE)
      xi <- x3[i, ]
      e1 <- .lm.fit(xi[, 1:4], m1[i])$coefficients
      e2 <- .lm.fit(xi[, 1:5], m2[i])$coefficients
      e3 <- .lm.fit(xi, y[i])$coefficients
      ind <- c(e1[2] * e3[5], e2[2] * e3[6], e1[2] * e2[5] * e3[6])
      out[b, ] <- c(ind, sum(ind))
    }
    list(boot = out, point = {
      e1 <- .lm.fit(x3[, 1:4], m1)$coefficients
      e2 <- .lm.fit(x3[, 1:5], m2)$coefficients
      e3 <- .lm.fit(x3, y)$coefficients
      c(e1[2] * e3[5], e2[2] * e3[6], e1[2] * e2[5] * e3[6])
    }, ci3 = quantile(out[, 3], c(0.025, 0.975), names = FALSE))
  }
  set.seed(20261126)
  t <- time_it(reps, loop)
  cat(sprintf("rloop %d %.4f %.10f %.10f %.10f %.6f %.6f\n", n, t, r$point[1], r$point[2], r$point[3], r$ci3[1], r$ci3[2]))

  model <- "
    m1 ~ a1 * x + c1 + c2
    m2 ~ a2 * x + d21 * m1 + c1 + c2
    y ~ cp * x + b1 * m1 + b2 * m2 + c1 + c2
    ind1 := a1 * b1
    ind2 := a2 * b2
    ind3 := a1 * d21 * b2
  "
  t <- system.time(fit <- sem(model, data = d, se = "bootstrap", bootstrap = B_lavaan, iseed = 20261126))[["elapsed"]]
  pe <- parameterEstimates(fit, boot.ci.type = "perc")
  ind <- pe[pe$op == ":=", ]
  rownames(ind) <- ind$label
  cat(sprintf("lavaan %d %.4f %d %.4f %.10f %.10f %.10f %.6f %.6f\n", n, t * B / B_lavaan, B_lavaan, t,
              ind["ind1", "est"], ind["ind2", "est"], ind["ind3", "est"], ind["ind3", "ci.lower"], ind["ind3", "ci.upper"]))
}
