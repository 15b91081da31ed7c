# R peers of the change benchmarks, the way an R user would do it: t.test, wilcox.test (defaults),
# effectsize::cohens_d(paired = TRUE), residuals(lm(post ~ pre)), the reliable change index with
# its three counts and mcnemar.test of "pre/post >= 6"; the rate ratio of the counts with
# binom.test for its exact CI. Usage: Rscript peers.R DATADIR REPS
# -> "name median_seconds t wilcoxon_V wilcoxon_p d_z_ci_lower rc_increased rc_decreased
# rc_unchanged mcnemar_chi2" and "name median_seconds IRR exact_lower"
suppressMessages(library(effectsize))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
d <- read.csv(file.path(dir, "change_1e6.csv"))
pre <- d$pre; post <- d$post; gp_pre <- d$gp_pre; gp_post <- d$gp_post
time_it <- function(f) { t <- replicate(reps, system.time(r <<- f())[["elapsed"]]); median(t) }
r <- NULL
change <- function() {
  tt <- t.test(post, pre, paired = TRUE)
  w <- wilcox.test(post, pre, paired = TRUE)
  es <- cohens_d(post, pre, paired = TRUE)
  change <- post - pre
  pct <- ifelse(pre == 0, NA, 100 * change / pre)
  resid <- residuals(lm(post ~ pre))
  rc <- change / (sd(pre) * sqrt(2 * (1 - 0.8)))
  counts <- c(increased = sum(rc > 1.96), decreased = sum(rc < -1.96), unchanged = sum(abs(rc) <= 1.96))
  mc <- mcnemar.test(table(pre >= 6, post >= 6))
  list(t = unname(tt$statistic), v = unname(w$statistic), p = w$p.value, d_lower = es$CI_low,
       counts = counts, mcnemar = unname(mc$statistic))
}
t1 <- time_it(change)
cat(sprintf("r_change %.4f %.10f %.1f %.10g %.10f %d %d %d %.10f\n", t1, r$t, r$v, r$p, r$d_lower,
            r$counts[["increased"]], r$counts[["decreased"]], r$counts[["unchanged"]], r$mcnemar))
rate <- function() {
  s_pre <- sum(gp_pre); s_post <- sum(gp_post)
  b <- binom.test(s_post, s_pre + s_post)
  p_ci <- b$conf.int
  list(irr = s_post / s_pre, lower = p_ci[1] / (1 - p_ci[1]), upper = p_ci[2] / (1 - p_ci[2]))
}
t2 <- time_it(rate)
cat(sprintf("r_rate_ratio %.4f %.12f %.12f\n", t2, r$irr, r$lower))
