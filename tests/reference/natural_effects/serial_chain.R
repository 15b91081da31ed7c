# Shared by the reference scripts of this folder (source()d, not run alone): the serial negative
# binomial chain of data/serial_count.csv, groups -> belong -> lonely -> visits with covariate age,
# its effects of groups from x0 to x1 written out path by path from the coefficients:
#   A, D: the coefficients of the belong and lonely equations (lm), s1, s2 their residual variances
#   RSS / (n - p); B: the outcome's (glm.nb); s: the cases the effects are averaged over.
# E[M1 | x'] = A0 + A1 x' + A2 age; E[M2 | x'] = D0 + D1 x' + D2 E[M1] + D3 age; and
# b1 M1 + b2 M2 = (b1 + b2 D2) M1 + b2 (M2 - D2 M1), two independent normal parts.
#
# effects_summary: the ratio and response-scale effects from e(x, x'), the sample-averaged expected
# outcome, and lr(x, x'), the log-linear value at the covariate means.
effects_summary <- function(e, lr, x0, x1) {
  nde <- exp(lr(x1, x0) - lr(x0, x0)); nie <- exp(lr(x1, x1) - lr(x1, x0))
  acme0 <- e(x0, x1) - e(x0, x0); acme1 <- e(x1, x1) - e(x1, x0); total <- e(x1, x1) - e(x0, x0)
  c(nde = nde, nie = nie, total_ratio = nde * nie, acme_control = acme0, acme_average = (acme0 + acme1) / 2,
    ade_average = total - (acme0 + acme1) / 2, total = total, prop_mediated_average = (acme0 + acme1) / 2 / total)
}
serial_chain_effects <- function(A, D, B, s1, s2, s, x0, x1) {
  b1 <- B[["belong"]]; b2 <- B[["lonely"]]
  v <- (b1 + b2 * D[["belong"]])^2 * s1 + b2^2 * s2
  lin <- function(xm, age) {
    e1 <- A[[1]] + A[["groups"]] * xm + A[["age"]] * age
    b1 * e1 + b2 * (D[[1]] + D[["groups"]] * xm + D[["belong"]] * e1 + D[["age"]] * age)
  }
  e <- function(x, xm) mean(exp(B[[1]] + B[["groups"]] * x + B[["age"]] * s$age + lin(xm, s$age) + v / 2))
  lr <- function(x, xm) B[[1]] + B[["groups"]] * x + B[["age"]] * mean(s$age) + lin(xm, mean(s$age))
  c(ind1 = A[["groups"]] * b1, effects_summary(e, lr, x0, x1))
}
# Every equation fitted on the cases `s` (glm.nb with `control`), then the effects.
serial_chain_refit <- function(s, x0, x1, control = glm.control()) {
  m1 <- lm(belong ~ groups + age, s); m2 <- lm(lonely ~ groups + belong + age, s)
  B <- coef(glm.nb(visits ~ groups + belong + lonely + age, s, control = control))
  serial_chain_effects(coef(m1), coef(m2), B, sum(resid(m1)^2) / df.residual(m1), sum(resid(m2)^2) / df.residual(m2),
                       s, x0, x1)
}
