# What R's own QR reaches on NIST Filip with all 11 terms (lm.fit with tol = 1e-12, as
# docs/methods/regression.md, section 6; R's lm default tol = 1e-7 drops x^10). Run: Rscript tests/reference/nist/r_baseline_filip.R
# Output with R 4.2.2 on this project's machine (2026-11-26):
#   R2 LRE 10.33258  sd LRE 8.149926  coef min 7.21229
# socialcure's gates in tests/models/ols_nist_test.cpp are set above these.
d <- read.csv("tests/reference/nist/linreg/Filip.csv")
cert <- read.csv("tests/reference/nist/linreg/Filip.certified.csv")
X <- outer(d$x, 0:10, "^")
fit <- lm.fit(X, d$y, tol = 1e-12)
rss <- sum(fit$residuals^2)
f <- d$y - fit$residuals
mss <- sum((f - mean(f))^2)
r2 <- mss / (mss + rss)
sd <- sqrt(rss / 71)
lre <- function(e, c) -log10(abs(e - c) / abs(c))
value <- function(q) as.numeric(cert$value[cert$quantity == q])
cat("R2 LRE", lre(r2, value("r_squared")), " sd LRE", lre(sd, value("residual_sd")),
    " coef min", min(lre(fit$coefficients, value("beta"))), "\n")
