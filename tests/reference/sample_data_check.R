#!/usr/bin/env Rscript
# Independent check (base R only) of the bundled synthetic sample data in
# examples/data against the population values of the change-score serial
# mediation model printed by `make_sample_data --population` (seed 1,
# 200,000 completers, no blank items).
#
# Usage: Rscript tests/reference/sample_data_check.R [DATA_DIR]
#        (DATA_DIR defaults to examples/data; run from the repository root)
#
# Change scores among completers (t1 minus t0):
#   dG   = number of groups held (from groups_long.csv; an empty group = 0)
#   dBel = mean of belong1..4 (NA unless all four items are present)
#   dLon = sum of ucla1..3   (NA unless all three items are present)
#   dGP  = gp_visits
# All four regressions are fitted on the same listwise-complete completers.

options(width = 120)
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "examples/data"

wide <- read.csv(file.path(data_dir, "panel_wide.csv"),
                 stringsAsFactors = FALSE, na.strings = "")
groups <- read.csv(file.path(data_dir, "groups_long.csv"),
                   stringsAsFactors = FALSE, na.strings = "")

stopifnot(nrow(wide) == 630, !anyDuplicated(wide$id),
          all(wide$completed %in% c(0, 1)))

# ---- descriptive cross-check of the generator's summary -----------------
group_count <- function(wave) {
  g <- groups[groups$wave == wave, ]
  counts <- tapply(!is.na(g$group), g$id, sum)
  counts[wide$id]  # NA for people without rows at this wave
}
wide$G_t0 <- as.vector(group_count("t0"))
wide$G_t1 <- as.vector(group_count("t1"))
stopifnot(!anyNA(wide$G_t0),
          identical(!is.na(wide$G_t1), wide$completed == 1))

comp <- wide[wide$completed == 1, ]
item_cols <- function(suffix) {
  c(paste0("ucla", 1:3, suffix), paste0("belong", 1:4, suffix),
    paste0("exits", 1:4, suffix))
}
n_blank <- sum(is.na(wide[item_cols("_t0")])) + sum(is.na(comp[item_cols("_t1")]))
n_resp <- 11 * (nrow(wide) + nrow(comp))

cat("== sample data ==\n")
cat(sprintf("patients at t0: %d; completers: %d\n", nrow(wide), nrow(comp)))
cat(sprintf("mean groups t0 all %.3f; t0 completers %.3f; t1 completers %.3f\n",
            mean(wide$G_t0), mean(comp$G_t0), mean(comp$G_t1)))
cat(sprintf("GP appointments completers t0 %d, t1 %d, change %.1f%%\n",
            sum(comp$gp_visits_t0), sum(comp$gp_visits_t1),
            100 * (sum(comp$gp_visits_t1) / sum(comp$gp_visits_t0) - 1)))
cat(sprintf("blank item responses: %d of %d (%.2f%%)\n",
            n_blank, n_resp, 100 * n_blank / n_resp))

# ---- change scores ------------------------------------------------------
ucla_sum <- function(d, suffix) rowSums(d[paste0("ucla", 1:3, suffix)])
belong_mean <- function(d, suffix) rowMeans(d[paste0("belong", 1:4, suffix)])

change <- data.frame(
  dG = comp$G_t1 - comp$G_t0,
  dBel = belong_mean(comp, "_t1") - belong_mean(comp, "_t0"),
  dLon = ucla_sum(comp, "_t1") - ucla_sum(comp, "_t0"),
  dGP = comp$gp_visits_t1 - comp$gp_visits_t0
)
change <- change[complete.cases(change), ]
cat(sprintf("completers with complete change scores: %d\n\n", nrow(change)))

# ---- regressions --------------------------------------------------------
models <- list(
  "dBel ~ dG" = lm(dBel ~ dG, data = change),
  "dLon ~ dG + dBel" = lm(dLon ~ dG + dBel, data = change),
  "dGP ~ dG + dBel + dLon" = lm(dGP ~ dG + dBel + dLon, data = change),
  "dGP ~ dG (total)" = lm(dGP ~ dG, data = change)
)

# Population values from `make_sample_data --population` (see README.md).
population <- list(
  "dBel ~ dG" = c("(Intercept)" = -0.0737, dG = 0.3916),
  "dLon ~ dG + dBel" = c("(Intercept)" = 0.1069, dG = -0.0464, dBel = -0.5519),
  "dGP ~ dG + dBel + dLon" = c("(Intercept)" = -0.4699, dG = 0.0028,
                               dBel = -0.1003, dLon = 0.1181),
  "dGP ~ dG (total)" = c("(Intercept)" = -0.4450, dG = -0.0675)
)

rows <- list()
for (name in names(models)) {
  fit <- models[[name]]
  ci <- confint(fit, level = 0.95)
  pop <- population[[name]][names(coef(fit))]
  rows[[name]] <- data.frame(
    model = name, term = names(coef(fit)),
    estimate = round(unname(coef(fit)), 4),
    lower95 = round(unname(ci[, 1]), 4), upper95 = round(unname(ci[, 2]), 4),
    population = unname(pop),
    inside = unname(pop >= ci[, 1] & pop <= ci[, 2]),
    stringsAsFactors = FALSE
  )
}
table <- do.call(rbind, rows)
rownames(table) <- NULL
cat("== coefficients, 95% CIs (lm) and population values ==\n")
print(table, right = FALSE)
cat(sprintf("\npopulation coefficients inside the 95%% CI: %d of %d\n",
            sum(table$inside), nrow(table)))
if (!all(table$inside)) {
  cat("OUTSIDE:", paste(table$model[!table$inside], table$term[!table$inside],
                        sep = ": ", collapse = "; "), "\n")
}

# ---- indirect effects: percentile bootstrap (extra, for reference) ------
indirect <- function(d) {
  a <- coef(lm(dBel ~ dG, data = d))
  m <- coef(lm(dLon ~ dG + dBel, data = d))
  y <- coef(lm(dGP ~ dG + dBel + dLon, data = d))
  c(a1b1 = unname(a["dG"] * y["dBel"]),
    a2b2 = unname(m["dG"] * y["dLon"]),
    a1d21b2 = unname(a["dG"] * m["dBel"] * y["dLon"]))
}
set.seed(20191126)
boot <- t(replicate(5000, indirect(change[sample.int(nrow(change), replace = TRUE), ])))
estimates <- indirect(change)
pop_indirect <- c(a1b1 = -0.03929, a2b2 = -0.00547, a1d21b2 = -0.02552)
ci <- apply(boot, 2, quantile, probs = c(0.025, 0.975))
ind_table <- data.frame(
  effect = names(estimates), estimate = round(unname(estimates), 4),
  lower95 = round(ci[1, ], 4), upper95 = round(ci[2, ], 4),
  population = unname(pop_indirect),
  inside = unname(pop_indirect >= ci[1, ] & pop_indirect <= ci[2, ]),
  stringsAsFactors = FALSE
)
rownames(ind_table) <- NULL
cat("\n== indirect effects, percentile bootstrap (5000 resamples, set.seed(20191126)) ==\n")
print(ind_table, right = FALSE)
cat(sprintf("\n%s\n", R.version.string))
