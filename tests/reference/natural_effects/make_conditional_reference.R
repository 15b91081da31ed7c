#!/usr/bin/env Rscript
# Independent reference values for socialcure's conditional process models (PROCESS 7, 8, 14, 15,
# 58, 59) with a count or binary outcome (docs/methods/natural_effects.md, "Conditional natural
# effects"): linear mediators by lm, the outcome by glm or MASS::glm.nb, and every effect written
# out here path by path from the fitted coefficients (not by the library's folding of W into
# model-4 coefficients):
#   linear-predictor scale: omega_j(w) = (a1j + a3j w)(b1j + b3j w) at the probe values (16th, 50th
#     and 84th percentiles, quantile type 6; a 0/1 W at 0 and 1), the index of moderated mediation
#     (models 7, 8, 14, 15: a3j b_j or a_j b3j; a 0/1 W: omega(1) - omega(0)), the contrasts
#     omega(w_b) - omega(w_a), the direct effect c1 + c3 w;
#   ratio scale (VanderWeele) with W = w and the covariate at its mean, offset 0;
#   response scale (Imai, Keele & Tingley) averaged over the persons with every person's W set to
#     w, each at their own exposure; the logit and probit integrals over the mediator's normal
#     distribution by integrate() per person.
# Analyses: m7_poisson (model 7, two mediators, Poisson, offset log(months), X 0/1), m14_nb
# (model 14, NB2, X continuous: mean -> mean + SD, W 0/1), m59_logit (model 59, logit, X 0/1),
# m8_probit (model 8, probit: no ratio effects). And boot_m7_poisson: an R bootstrap of model 7
# (boot::boot, ordinary resampling, every equation refitted, 2,000 replicates, probe values fixed
# at the sample's) with percentile endpoints and their Monte Carlo SEs
# (sqrt(p (1 - p) / B) / f(q), f a kernel density of the replicates at the endpoint).
#
# Usage (from the repository root):
#   Rscript tests/reference/natural_effects/make_conditional_reference.R
# Writes data/conditional.csv and conditional.ref.csv ("analysis,quantity,value", %.17g).
# Fixed seeds: byte-identical reruns.
suppressPackageStartupMessages({ library(MASS); library(boot) })
out_dir <- "tests/reference/natural_effects"
source(file.path(out_dir, "boot_endpoints.R"))
fmt17 <- function(x) sprintf("%.17g", x)
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# --- data ------------------------------------------------------------------------------------
set.seed(20261207)
n <- 500
x <- rbinom(n, 1, 0.5)
xc <- round(rnorm(n, 3, 1.5), 1)
w <- round(rnorm(n, 2, 1), 2)
wd <- rbinom(n, 1, 0.4)
c1 <- rnorm(n)
m1 <- 0.4 * x + 0.2 * w + 0.3 * x * w + 0.3 * c1 + rnorm(n)
m2 <- 0.3 * x - 0.1 * w + 0.2 * x * w - 0.2 * c1 + rnorm(n)
mc <- 0.5 * xc + 0.2 * c1 + rnorm(n)
months <- sample(3:6, n, replace = TRUE)
y <- rpois(n, months * exp(-1 + 0.2 * x + 0.15 * m1 - 0.1 * m2 + 0.1 * c1))
visits <- rnbinom(n, size = 2, mu = exp(0.8 + 0.1 * xc + 0.2 * mc + 0.1 * wd - 0.15 * mc * wd + 0.1 * c1))
ybin <- rbinom(n, 1, plogis(-0.3 + 0.3 * x + 0.5 * m1 + 0.2 * w - 0.2 * m1 * w + 0.2 * x * w + 0.2 * c1))
yprob <- rbinom(n, 1, pnorm(-0.2 + 0.3 * x + 0.4 * m1 + 0.1 * w + 0.2 * x * w + 0.1 * c1))
d <- data.frame(x, xc, w, wd, c1, m1, m2, mc, months, y, visits, ybin, yprob)
write.csv(d, file.path(out_dir, "data/conditional.csv"), row.names = FALSE)
d <- read.csv(file.path(out_dir, "data/conditional.csv"))

# Coefficients under socialcure's names (products "a*b" where R writes "a:b").
record_fit <- function(a, name, fit) {
  co <- coef(fit)
  for (t in names(co)) put(a, paste0(name, ":", gsub(":", "*", t)), co[[t]])
}
sigma2 <- function(fit) sum(resid(fit)^2) / df.residual(fit)
probes <- function(v) if (length(unique(v)) == 2) sort(unique(v)) else unname(quantile(v, c(0.16, 0.5, 0.84), type = 6))
# Ratio and response-scale effects at probe value number i from e(x, x') (n values, W = w) and
# lr(x, x') (the log-linear value at the covariate mean).
record_natural <- function(a, i, e, lr, x0, x1, ratios = TRUE) {
  tag <- paste0("@w", i)
  if (ratios) {
    nde <- exp(lr(x1, x0) - lr(x0, x0)); nie <- exp(lr(x1, x1) - lr(x1, x0))
    put(a, paste0("nde", tag), nde); put(a, paste0("nie", tag), nie); put(a, paste0("ratio_total", tag), nde * nie)
    put(a, paste0("prop_mediated", tag), nde * (nie - 1) / (nde * nie - 1))
  }
  e00 <- mean(e(x0, x0)); e01 <- mean(e(x0, x1)); e10 <- mean(e(x1, x0)); e11 <- mean(e(x1, x1))
  v <- c(acme_control = e01 - e00, acme_treated = e11 - e10, ade_control = e10 - e00, ade_treated = e11 - e01)
  for (k in names(v)) put(a, paste0(k, tag), v[[k]])
  put(a, paste0("acme_average", tag), (v[[1]] + v[[2]]) / 2); put(a, paste0("ade_average", tag), (v[[3]] + v[[4]]) / 2)
  put(a, paste0("total", tag), e11 - e00)
  put(a, paste0("prop_mediated_average", tag), (v[[1]] + v[[2]]) / 2 / (e11 - e00))
}
record_contrasts <- function(a, name, omega) {
  for (to in 2:length(omega)) for (from in 1:(to - 1)) {
    put(a, sprintf("contrast:%s:%d-%d", name, to, from), omega[to] - omega[from])
  }
}
# E over m ~ N(mu, s2) of link^-1(eta + b m), by integrate() per person.
integrated <- function(inv, eta, b, mu, s2) {
  mapply(function(e, m) integrate(function(t) inv(e + b * t) * dnorm(t, m, sqrt(s2)), -Inf, Inf,
                                  rel.tol = 1e-13, abs.tol = 0)$value, eta, mu)
}

# --- 1. model 7, Poisson with offset, two mediators, X 0/1, W continuous -----------------------
model7 <- function(s, ws) {
  f1 <- lm(m1 ~ x + w + x:w + c1, s); f2 <- lm(m2 ~ x + w + x:w + c1, s)
  fy <- glm(y ~ x + m1 + m2 + c1 + offset(log(months)), poisson, s, control = tight)
  A1 <- coef(f1); A2 <- coef(f2); B <- coef(fy); s1 <- sigma2(f1); s2 <- sigma2(f2)
  at_w <- function(wv) {  # its own environment per value of W
    a1 <- A1[["x"]] + A1[["x:w"]] * wv; a2 <- A2[["x"]] + A2[["x:w"]] * wv
    mu <- function(A, xm, c) A[[1]] + A[["x"]] * xm + A[["w"]] * wv + A[["x:w"]] * xm * wv + A[["c1"]] * c
    lin <- function(xm, c) B[["m1"]] * mu(A1, xm, c) + B[["m2"]] * mu(A2, xm, c) + (B[["m1"]]^2 * s1 + B[["m2"]]^2 * s2) / 2
    e <- function(xx, xm) exp(B[[1]] + B[["x"]] * xx + B[["c1"]] * s$c1 + log(s$months) + lin(xm, s$c1))
    lr <- function(xx, xm) B[[1]] + B[["x"]] * xx + B[["c1"]] * mean(s$c1) + lin(xm, mean(s$c1))
    e00 <- mean(e(0, 0)); e01 <- mean(e(0, 1)); e10 <- mean(e(1, 0)); e11 <- mean(e(1, 1))
    list(e = e, lr = lr,
         effects = c(omega1 = a1 * B[["m1"]], omega2 = a2 * B[["m2"]], omega_total = a1 * B[["m1"]] + a2 * B[["m2"]],
                     nie = exp(lr(1, 1) - lr(1, 0)), acme_average = (e01 - e00 + e11 - e10) / 2, total = e11 - e00))
  }
  at <- lapply(ws, at_w)
  out <- list(fits = list(m1 = f1, m2 = f2, y = fy), effects = lapply(at, `[[`, "effects"),
              e = lapply(at, `[[`, "e"), lr = lapply(at, `[[`, "lr"))
  out$index <- c(A1[["x:w"]] * B[["m1"]], A2[["x:w"]] * B[["m2"]])
  out
}
a <- "m7_poisson"
ws <- probes(d$w)
r7 <- model7(d, ws)
for (nm in names(r7$fits)) record_fit(a, nm, r7$fits[[nm]])
for (i in seq_along(ws)) {
  put(a, paste0("w", i), ws[i])
  for (q in c("omega1", "omega2", "omega_total")) put(a, paste0(q, "@w", i), r7$effects[[i]][[q]])
  record_natural(a, i, r7$e[[i]], r7$lr[[i]], 0, 1)
}
put(a, "index:m1", r7$index[1]); put(a, "index:m2", r7$index[2])
record_contrasts(a, "m1", sapply(r7$effects, `[[`, "omega1"))
record_contrasts(a, "m2", sapply(r7$effects, `[[`, "omega2"))

# --- 2. model 14, negative binomial, X continuous, W 0/1 ----------------------------------------
a <- "m14_nb"
f1 <- lm(mc ~ xc + c1, d)
fy <- glm.nb(visits ~ xc + mc + wd + mc:wd + c1, d, control = glm.control(epsilon = 1e-13, maxit = 100))
record_fit(a, "mc", f1); record_fit(a, "visits", fy); put(a, "theta", fy$theta)
A <- coef(f1); B <- coef(fy); s1 <- sigma2(f1)
x0 <- mean(d$xc); x1 <- x0 + sd(d$xc)
put(a, "x0", x0); put(a, "x1", x1)
ws <- probes(d$wd)
omega <- numeric(0)
for (i in seq_along(ws)) {
  wv <- ws[i]
  b <- B[["mc"]] + B[["mc:wd"]] * wv
  omega[i] <- A[["xc"]] * b
  put(a, paste0("w", i), wv); put(a, paste0("omega1@w", i), omega[i])
  mu <- function(xm, c) A[[1]] + A[["xc"]] * xm + A[["c1"]] * c
  e <- function(xx, xm) exp(B[[1]] + B[["wd"]] * wv + B[["xc"]] * xx + B[["c1"]] * d$c1 + b * mu(xm, d$c1) + b^2 * s1 / 2)
  lr <- function(xx, xm) B[[1]] + B[["wd"]] * wv + B[["xc"]] * xx + B[["c1"]] * mean(d$c1) + b * mu(xm, mean(d$c1)) + b^2 * s1 / 2
  record_natural(a, i, e, lr, x0, x1)
}
put(a, "index:mc", A[["xc"]] * B[["mc:wd"]])
stopifnot(abs(A[["xc"]] * B[["mc:wd"]] - (omega[2] - omega[1])) < 1e-12)
record_contrasts(a, "mc", omega)

# --- 3. model 59, logit, X 0/1, W continuous -------------------------------------------------------
a <- "m59_logit"
f1 <- lm(m1 ~ x + w + x:w + c1, d)
fy <- glm(ybin ~ x + m1 + w + m1:w + x:w + c1, binomial, d, control = tight)
record_fit(a, "m1", f1); record_fit(a, "ybin", fy)
A <- coef(f1); B <- coef(fy); s1 <- sigma2(f1)
ws <- probes(d$w)
omega <- numeric(0)
for (i in seq_along(ws)) {
  wv <- ws[i]
  av <- A[["x"]] + A[["x:w"]] * wv; b <- B[["m1"]] + B[["m1:w"]] * wv
  omega[i] <- av * b
  put(a, paste0("w", i), wv); put(a, paste0("omega1@w", i), omega[i])
  put(a, paste0("direct@w", i), B[["x"]] + B[["x:w"]] * wv)
  mu <- function(xm, c) A[[1]] + A[["x"]] * xm + A[["w"]] * wv + A[["x:w"]] * xm * wv + A[["c1"]] * c
  eta <- function(xx, c) B[[1]] + B[["x"]] * xx + B[["w"]] * wv + B[["x:w"]] * xx * wv + B[["c1"]] * c
  e <- function(xx, xm) integrated(plogis, eta(xx, d$c1), b, mu(xm, d$c1), s1)
  lr <- function(xx, xm) eta(xx, mean(d$c1)) + b * mu(xm, mean(d$c1)) + b^2 * s1 / 2
  record_natural(a, i, e, lr, 0, 1)
}
record_contrasts(a, "m1", omega)

# --- 4. model 8, probit, X 0/1, W continuous (no ratio effects) -------------------------------------
a <- "m8_probit"
f1 <- lm(m1 ~ x + w + x:w + c1, d)
# glm's probit IRLS stops short of the maximum here (score about 1e-7 at its estimates): refit from
# the estimates until they stop moving, as make_probit_reference.R does.
fy <- glm(yprob ~ x + m1 + w + x:w + c1, binomial(link = "probit"), d, control = tight)
for (it in 1:10) fy <- glm(yprob ~ x + m1 + w + x:w + c1, binomial(link = "probit"), d, start = coef(fy), control = tight)
record_fit(a, "m1", f1); record_fit(a, "yprob", fy)
A <- coef(f1); B <- coef(fy); s1 <- sigma2(f1)
ws <- probes(d$w)
omega <- numeric(0)
for (i in seq_along(ws)) {
  wv <- ws[i]
  omega[i] <- (A[["x"]] + A[["x:w"]] * wv) * B[["m1"]]
  put(a, paste0("w", i), wv); put(a, paste0("omega1@w", i), omega[i])
  put(a, paste0("direct@w", i), B[["x"]] + B[["x:w"]] * wv)
  mu <- function(xm, c) A[[1]] + A[["x"]] * xm + A[["w"]] * wv + A[["x:w"]] * xm * wv + A[["c1"]] * c
  eta <- function(xx, c) B[[1]] + B[["x"]] * xx + B[["w"]] * wv + B[["x:w"]] * xx * wv + B[["c1"]] * c
  e <- function(xx, xm) integrated(pnorm, eta(xx, d$c1), B[["m1"]], mu(xm, d$c1), s1)
  record_natural(a, i, e, NULL, 0, 1, ratios = FALSE)
}
put(a, "index:m1", A[["x:w"]] * B[["m1"]])
record_contrasts(a, "m1", omega)

# --- 5. an R bootstrap of model 7 ------------------------------------------------------------------
ws <- probes(d$w)
stat <- function(s, i) unlist(model7(s[i, ], ws)$effects)
set.seed(20261208)
replicates <- 2000
b <- boot(d, stat, R = replicates)
a <- "boot_m7_poisson"
put(a, "replicates", replicates)
quantities <- sprintf("%s@w%d", rep(names(r7$effects[[1]]), length(ws)), rep(seq_along(ws), each = 6))
record_boot_endpoints(put, a, quantities, b)

df <- do.call(rbind, rows)
con <- file(file.path(out_dir, "conditional.ref.csv"), "w")
writeLines(sprintf("# generated by tests/reference/natural_effects/make_conditional_reference.R; %s; MASS %s; boot %s",
                   R.version.string, as.character(packageVersion("MASS")), as.character(packageVersion("boot"))), con)
writeLines("analysis,quantity,value", con)
writeLines(paste(df$analysis, df$quantity, fmt17(df$value), sep = ","), con)
close(con)
cat(sprintf("wrote conditional.ref.csv (%d rows)\n", nrow(df)))
