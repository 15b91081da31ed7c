# Data of the GLM-outcome mediation benchmark: n = 630 (the Kellezi et al. baseline), a serial
# chain groups -> belong -> lonely -> visits with covariate age, visits a negative binomial count
# (theta 2.5). Usage: Rscript make_data.R DATADIR  -> DATADIR/glm_mediation_630.csv
args <- commandArgs(trailingOnly = TRUE)
set.seed(20261207)
n <- 630
age <- round(rnorm(n, 55, 15))
groups <- rpois(n, 2) - rpois(n, 1.5)
belong <- 0.30 * groups + 0.01 * age + rnorm(n)
lonely <- -0.40 * belong - 0.10 * groups + rnorm(n)
visits <- rnbinom(n, size = 2.5, mu = exp(1.2 + 0.004 * age - 0.08 * groups + 0.12 * lonely - 0.05 * belong))
write.csv(data.frame(groups, belong, lonely, age, visits), file.path(args[1], "glm_mediation_630.csv"), row.names = FALSE)
