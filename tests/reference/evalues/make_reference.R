#!/usr/bin/env Rscript
# Independent reference values for socialcure's E-values (docs/methods/sensitivity.md), written
# here from the published formulas (VanderWeele & Ding 2017, Ann Intern Med 167:268, and
# VanderWeele 2017, Epidemiology 28:e58, for the common-outcome odds ratio), with the conventions
# of the R package EValue (`evalues.RR`, `evalues.OR(rare =)`, `evalues.MD`, `evalues.OLS`). The
# EValue package itself is not used (not installed here); this code is our own.
#
# Usage (from the repository root): Rscript tests/reference/evalues/make_reference.R
# Writes tests/reference/evalues/point.ref.csv ("analysis,quantity,value", %.17g, one comment line).
out_file <- "tests/reference/evalues/point.ref.csv"
rows <- list()
put <- function(analysis, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, quantity = quantity, value = value)
}

# The E-value of a risk ratio x for shifting it to `true`: orient the ratio x / true to be at least
# one, then r + sqrt(r (r - 1)) (VanderWeele & Ding 2017, eq. 1 and the non-null extension).
evalue_point <- function(x, true = 1) {
  r <- x / true
  if (r < 1) r <- 1 / r
  r + sqrt(r * (r - 1))
}
# The E-value of the confidence limit nearer to `true`; 1 when the interval contains it; NA when
# the needed limit is absent.
evalue_limit <- function(est, lo, hi, true = 1) {
  if (est > true) {
    if (is.na(lo)) return(NA)
    if (lo <= true) return(1)
    return(evalue_point(lo, true))
  }
  if (est < true) {
    if (is.na(hi)) return(NA)
    if (hi >= true) return(1)
    return(evalue_point(hi, true))
  }
  1
}
record <- function(analysis, rr, lo, hi, true = 1) {
  put(analysis, "rr_estimate", rr)
  if (!is.na(lo)) put(analysis, "rr_ci_lower", lo)
  if (!is.na(hi)) put(analysis, "rr_ci_upper", hi)
  put(analysis, "evalue_estimate", evalue_point(rr, true))
  e <- evalue_limit(rr, lo, hi, true)
  if (!is.na(e)) put(analysis, "evalue_ci", e)
}

# Risk ratios (the first two are the published examples: VanderWeele & Ding 2017, breastfeeding
# and respiratory death, RR 3.9 (1.8, 8.7); EValue's vignette, smoking and lung cancer, 10.73
# (8.02, 14.36)).
record("rr_victora", 3.9, 1.8, 8.7)
record("rr_smoking", 10.73, 8.02, 14.36)
record("rr_protective", 0.8, 0.71, 0.91)
record("rr_includes_null", 1.3, 0.9, 1.9)
record("rr_protective_includes_null", 0.7, 0.45, 1.05)
record("rr_no_ci", 2.0, NA, NA)
record("rr_true_1.5", 2.5, 1.9, 3.3, true = 1.5)
record("rr_true_1.5_away", 1.2, 1.0, 1.45, true = 1.5)

# Odds ratios: rare outcome (as a risk ratio) and common outcome (square roots of the estimate,
# limits and true value; VanderWeele 2017).
or_case <- function(analysis, or, lo, hi, rare, true = 1) {
  f <- if (rare) identity else sqrt
  record(analysis, f(or), f(lo), f(hi), f(true))
}
or_case("or_rare", 2.02, 1.35, 3.02, TRUE)
or_case("or_common", 2.02, 1.35, 3.02, FALSE)
or_case("or_common_protective", 0.62, 0.48, 0.80, FALSE)
or_case("or_common_includes_null", 1.4, 0.95, 2.06, FALSE)

# Standardized differences: RR = exp(0.91 d), limits exp(0.91 d -/+ 1.78 se) (VanderWeele & Ding
# 2017, after Hasselblad & Hedges and Chinn; EValue's evalues.MD).
md_case <- function(analysis, d, se, true = 0) {
  record(analysis, exp(0.91 * d), exp(0.91 * d - 1.78 * se), exp(0.91 * d + 1.78 * se), exp(0.91 * true))
}
md_case("md_0.5", 0.5, 0.1)
md_case("md_negative", -0.35, 0.12)
md_case("md_includes_null", 0.2, 0.15)

# A regression coefficient of a continuous outcome (evalues.OLS: d = b delta / sd, se_d = se delta / sd),
# from an lm fit on R's own mtcars data: mpg on wt and hp, the coefficient of wt per 1 unit and
# per 0.5 units, with sd = SD(mpg).
fit <- lm(mpg ~ wt + hp, data = mtcars)
b <- unname(coef(fit)["wt"]); se <- unname(sqrt(diag(vcov(fit)))["wt"]); sdy <- sd(mtcars$mpg)
put("ols_mtcars", "b", b); put("ols_mtcars", "se", se); put("ols_mtcars", "sd_y", sdy)
md_case("ols_mtcars_delta1", b / sdy, se / sdy)
md_case("ols_mtcars_delta0.5", b * 0.5 / sdy, se * 0.5 / sdy)
write.csv(mtcars[, c("mpg", "wt", "hp", "carb", "am")], "tests/reference/evalues/mtcars.csv", row.names = FALSE)

# GLM coefficients (Wald intervals exp(b -/+ z se), as confint.default): a Poisson rate ratio
# (carb on wt) and a logistic odds ratio (am on wt; am = 1 in 13 of 32 cars, a common outcome).
z <- qnorm(0.975)
wald <- function(fit, term) {
  b <- unname(coef(fit)[term]); se <- unname(sqrt(diag(vcov(fit)))[term])
  c(exp(b), exp(b - z * se), exp(b + z * se))
}
tight <- glm.control(epsilon = 1e-15, maxit = 200)  # SEs from the weights at the converged estimates
w <- wald(glm(carb ~ wt, family = poisson, data = mtcars, control = tight), "wt")
record("glm_poisson_wt", w[1], w[2], w[3])
w <- wald(glm(am ~ wt, family = binomial, data = mtcars, control = tight), "wt")
put("glm_logit_wt", "prevalence", mean(mtcars$am))
or_case("glm_logit_wt", w[1], w[2], w[3], FALSE)

# The paired rate ratio of tests/reference/change/data/synthetic_prepost.csv (gp_pre -> gp_post):
# IRR = S_post / S_pre, Wald limits exp(log IRR -/+ z sqrt(1/S_pre + 1/S_post)).
pp <- read.csv("tests/reference/change/data/synthetic_prepost.csv")
ok <- !is.na(pp$gp_pre) & !is.na(pp$gp_post)
s_pre <- sum(pp$gp_pre[ok]); s_post <- sum(pp$gp_post[ok])
irr <- s_post / s_pre; se_log <- sqrt(1 / s_pre + 1 / s_post)
record("paired_irr_gp", irr, exp(log(irr) - z * se_log), exp(log(irr) + z * se_log))

all_rows <- do.call(rbind, rows)
con <- file(out_file, "w")
writeLines(sprintf("# generated by tests/reference/evalues/make_reference.R; %s", R.version.string), con)
writeLines("analysis,quantity,value", con)
writeLines(sprintf("%s,%s,%s", all_rows$analysis, all_rows$quantity, sprintf("%.17g", all_rows$value)), con)
close(con)
