# Pre/post data for the change benchmarks: 1e6 pairs of a loneliness-like score (2 decimals, so
# many tied |differences| and some zero differences) and of GP-visit counts with a person-level
# gamma frailty (means about 3 before and 2.3 after). Usage: Rscript make_data.R OUTDIR
args <- commandArgs(trailingOnly = TRUE)
set.seed(20261126)
n <- 1e6
pre <- round(rnorm(n, 5, 1.5), 2)
post <- round(pre * 0.5 + rnorm(n, 2.3, 1.3), 2)
frailty <- rgamma(n, shape = 2, rate = 2)
gp_pre <- rpois(n, 3 * frailty)
gp_post <- rpois(n, 2.3 * frailty)
write.csv(data.frame(pre, post, gp_pre, gp_post), file.path(args[1], "change_1e6.csv"), row.names = FALSE)
