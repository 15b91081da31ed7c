# Item data for the scale benchmarks: 20 items coded 1..5 driven by one factor, no missing values.
# Usage: Rscript make_data.R OUTDIR
args <- commandArgs(trailingOnly = TRUE)
set.seed(20261126)
make <- function(n) {
  f <- rnorm(n)
  m <- sapply(1:20, function(j) pmin(5, pmax(1, round(3 + 0.8 * f + rnorm(n)))))
  colnames(m) <- paste0("i", 1:20)
  m
}
write.csv(make(1e6), file.path(args[1], "items_1e6.csv"), row.names = FALSE)
write.csv(make(1e5), file.path(args[1], "items_1e5.csv"), row.names = FALSE)
