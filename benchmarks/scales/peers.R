# R peers of the scale benchmarks: psych::scoreItems (1e6 x 20) and psych::alpha (1e5 x 20).
# Usage: Rscript peers.R DATADIR REPS  -> "name median_elapsed_seconds median_cpu_seconds check_value"
# The data are read (and made matrices) first; then each task runs REPS times in this one R
# process, timed with system.time (elapsed, and user + system CPU), and the medians are printed.
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
big <- as.matrix(read.csv(file.path(dir, "items_1e6.csv")))
small <- as.matrix(read.csv(file.path(dir, "items_1e5.csv")))
time_it <- function(f) {
  t <- replicate(reps, { s <- system.time(r <<- f()); c(s[["elapsed"]], s[["user.self"]] + s[["sys.self"]]) })
  c(median(t[1, ]), median(t[2, ]))
}
r <- NULL
keys <- rep(1, 20)
t1 <- time_it(function() scoreItems(keys, big, totals = TRUE, missing = FALSE, impute = "none")$scores)
cat(sprintf("r_scoreItems %.4f %.4f %.10f\n", t1[1], t1[2], sum(r[, 1])))
t2 <- time_it(function() psych::alpha(small, warnings = FALSE)$total$raw_alpha)
cat(sprintf("r_alpha %.4f %.4f %.12f\n", t2[1], t2[2], r))
