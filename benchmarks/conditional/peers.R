# R peers of the conditional process benchmark, on the data of make_data.R, each timed from the
# data frame already in memory, 10,000 bootstrap replicates, W probed at mean - SD, mean, mean + SD:
# - an R loop (one thread): per resample sample.int + .lm.fit of the model's three OLS equations
#   (m1 and m2 on x, w, xw, c1, c2; y on x, m1, m2, c1, c2, and for model 58 also w, m1w, m2w),
#   then what socialcure reports from the replicates: the conditional indirect effect through each
#   mediator and their total at the three W values, model 7's two indices of moderated mediation
#   a3 b, and the three pairwise contrasts between W values per mediator; percentile intervals of
#   every one from quantile().
# - lavaan::sem of the same equations with se = "bootstrap" and the same effects as defined (:=)
#   parameters (percentile CIs): run with LAVAAN_BOOT replicates (default 1000) and the time scaled
#   linearly to 10,000; single run.
# Usage: Rscript peers.R DATADIR REPS [REPLICATES]
# -> per model (prefix m7_ or m58_): "rloop N seconds w1 w2 w3 omega1 omega2 omega3 lower2 upper2
#    extra" as bench_conditional prints it, and "lavaan N seconds_scaled replicates_run seconds_run
#    w1 w2 w3 omega1 omega2 omega3 lower2 upper2 extra".
suppressMessages(library(lavaan))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
B <- if (length(args) > 2) as.integer(args[3]) else 10000L
B_lavaan <- min(B, as.integer(Sys.getenv("LAVAAN_BOOT", "1000")))
time_it <- function(k, f) { t <- replicate(k, system.time(r <<- f())[["elapsed"]]); median(t) }
r <- NULL
d <- read.csv(file.path(dir, "conditional_630.csv"))
n <- nrow(d)
d$xw <- d$x * d$w; d$m1w <- d$m1 * d$w; d$m2w <- d$m2 * d$w
wv <- mean(d$w) + c(-1, 0, 1) * sd(d$w)
pairs <- list(c(1, 2), c(1, 3), c(2, 3))

# The effects from one fit: a (2 x 2: x and xw coefficients per mediator), b (2 x 2: m and mw
# coefficients, mw zero in model 7). Order: m1 at w1..w3, m2 at w1..w3, total at w1..w3, then
# (model 7) the two indices, then the contrasts of m1, then of m2.
effects <- function(a, b, model) {
  om <- sapply(1:2, function(j) (a[j, 1] + a[j, 2] * wv) * (b[j, 1] + b[j, 2] * wv))
  con <- unlist(lapply(1:2, function(j) sapply(pairs, function(p) om[p[2], j] - om[p[1], j])))
  c(om[, 1], om[, 2], rowSums(om), if (model == 7) a[, 2] * b[, 1], con)
}
extra_index <- function(model) if (model == 7) 10 else 11  # index of m1, or m1's contrast w3 - w1

for (model in c(7, 58)) {
  xm <- cbind(1, d$x, d$w, d$xw, d$c1, d$c2)
  xy <- if (model == 7) cbind(1, d$x, d$m1, d$m2, d$c1, d$c2) else
    cbind(1, d$x, d$m1, d$m2, d$c1, d$c2, d$w, d$m1w, d$m2w)
  m1 <- d$m1; m2 <- d$m2; y <- d$y
  one <- function(i) {
    e1 <- .lm.fit(xm[i, ], m1[i])$coefficients
    e2 <- .lm.fit(xm[i, ], m2[i])$coefficients
    e3 <- .lm.fit(xy[i, ], y[i])$coefficients
    a <- rbind(e1[c(2, 4)], e2[c(2, 4)])
    b <- if (model == 7) cbind(e3[3:4], 0) else cbind(e3[3:4], e3[8:9])
    effects(a, b, model)
  }
  loop <- function() {
    point <- one(seq_len(n))
    out <- matrix(NA_real_, B, length(point))
    for (k in seq_len(B)) out[k, ] <- one(sample.int(n, n, replace = TRUE))
    ci <- apply(out, 2, quantile, c(0.025, 0.975), names = FALSE)
    list(point = point, ci = ci)
  }
  set.seed(20261204)
  t <- time_it(reps, loop)
  cat(sprintf("m%d_rloop %d %.4f %.10f %.10f %.10f %.10f %.10f %.10f %.6f %.6f %.10f\n", model, n, t, wv[1], wv[2],
              wv[3], r$point[1], r$point[2], r$point[3], r$ci[1, 2], r$ci[2, 2], r$point[extra_index(model)]))

  bw <- if (model == 7) c("0", "0") else c("b3_1", "b3_2")
  defs <- c()
  for (j in 1:2) for (k in 1:3) {
    defs <- c(defs, sprintf("om%d_%d := (a%d + a3_%d * %.17g) * (b%d + %s * %.17g)", j, k, j, j, wv[k], j, bw[j], wv[k]))
  }
  for (k in 1:3) defs <- c(defs, sprintf("tot_%d := om1_%d + om2_%d", k, k, k))
  if (model == 7) defs <- c(defs, "imm1 := a3_1 * b1", "imm2 := a3_2 * b2")
  for (j in 1:2) for (p in pairs) defs <- c(defs, sprintf("con%d_%d%d := om%d_%d - om%d_%d", j, p[1], p[2], j, p[2], j, p[1]))
  y_eq <- if (model == 7) "y ~ cp * x + b1 * m1 + b2 * m2 + c1 + c2" else
    "y ~ cp * x + b1 * m1 + b2 * m2 + c1 + c2 + w + b3_1 * m1w + b3_2 * m2w"
  spec <- paste(c("m1 ~ a1 * x + w + a3_1 * xw + c1 + c2", "m2 ~ a2 * x + w + a3_2 * xw + c1 + c2", y_eq, defs),
                collapse = "\n")
  t <- system.time(fit <- sem(spec, data = d, se = "bootstrap", bootstrap = B_lavaan, iseed = 20261204))[["elapsed"]]
  pe <- parameterEstimates(fit, boot.ci.type = "perc")
  def <- pe[pe$op == ":=", ]
  rownames(def) <- def$label
  extra <- if (model == 7) "imm1" else "con1_13"
  cat(sprintf("m%d_lavaan %d %.4f %d %.4f %.10f %.10f %.10f %.10f %.10f %.10f %.6f %.6f %.10f\n", model, n,
              t * B / B_lavaan, B_lavaan, t, wv[1], wv[2], wv[3], def["om1_1", "est"], def["om1_2", "est"],
              def["om1_3", "est"], def["om1_2", "ci.lower"], def["om1_2", "ci.upper"], def[extra, "est"]))
}
