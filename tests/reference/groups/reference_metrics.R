#!/usr/bin/env Rscript
# Independent reference implementation (base R only) of group-membership
# metrics for socialcure. Written without reference to the C++ sources.
#
# Usage (from the repository root):
#   Rscript tests/reference/groups/reference_metrics.R
#       reads  examples/data/groups_long.csv
#       writes tests/reference/groups/person_metrics.csv
#              tests/reference/groups/cohort_summary.csv
#   Rscript tests/reference/groups/reference_metrics.R --fixture
#       runs the same functions on tests/reference/groups/hand_fixture.csv,
#       prints the metrics and compares them with the hand-computed values
#       transcribed from hand_fixture_expected.md (exit status 1 on mismatch).
#   Rscript tests/reference/groups/reference_metrics.R INPUT.csv OUTDIR
#       arbitrary input / output directory.
#
# Definitions: see tests/reference/groups/README.md.

options(width = 160, stringsAsFactors = FALSE)

WAVES <- c("t0", "t1")

# ---------------------------------------------------------------- input ----
read_groups <- function(path) {
  d <- read.csv(path, na.strings = "", stringsAsFactors = FALSE,
                colClasses = "character")
  need <- c("id", "wave", "group", "category", "identification", "pathway")
  stopifnot(all(need %in% names(d)))
  d$id <- trimws(d$id)
  d$wave <- trimws(d$wave)
  stopifnot(!anyNA(d$id), all(d$wave %in% WAVES))
  # numbers converted by hand; empty -> NA
  d$identification <- as.numeric(d$identification)
  d$pathway <- as.numeric(d$pathway)
  # category: treat whitespace-only as empty
  d$category[!is.na(d$category) & trimws(d$category) == ""] <- NA
  d$has_group <- !is.na(d$group) & trimws(d$group) != ""
  d$norm <- ifelse(d$has_group, normalise_name(d$group), NA_character_)
  d
}

normalise_name <- function(x) {
  x <- tolower(x)
  x <- gsub("^[[:space:]]+|[[:space:]]+$", "", x)
  gsub("[[:space:]]+", " ", x)
}

# ------------------------------------------------ per person and wave ------
# rows: all rows of one person at one wave (>= 1 row, i.e. surveyed).
wave_metrics <- function(rows) {
  g <- rows[rows$has_group, , drop = FALSE]
  n <- nrow(g)
  idv <- g$identification[!is.na(g$identification)]
  cats <- g$category[!is.na(g$category)]
  blau <- NA_real_
  if (n > 0 && length(cats) > 0) {
    p <- as.numeric(table(cats)) / length(cats)
    blau <- 1 - sum(p^2)
  }
  list(n_groups     = n,
       n_high_id    = sum(idv >= 5),
       mean_id      = if (length(idv)) mean(idv) else NA_real_,
       sum_id       = if (length(idv)) sum(idv) else NA_real_,
       n_categories = length(unique(cats)),
       blau         = blau,
       n_pathway    = sum(!is.na(g$pathway) & g$pathway == 1),
       names        = unique(g$norm))
}

WAVE_VARS <- c("n_groups", "n_high_id", "mean_id", "sum_id", "n_categories",
               "blau", "n_pathway")
CHANGE_VARS <- c("n_high_id", "mean_id", "sum_id", "n_categories", "blau",
                 "n_pathway")

person_metrics <- function(d) {
  ids <- unique(d$id)
  out <- data.frame(id = ids)
  wm <- list()
  for (w in WAVES) {
    out[[paste0("surveyed_", w)]] <- 0L
    for (v in WAVE_VARS) out[[paste0(v, "_", w)]] <- NA_real_
    wm[[w]] <- vector("list", length(ids))
  }
  for (i in seq_along(ids)) {
    pr <- d[d$id == ids[i], , drop = FALSE]
    for (w in WAVES) {
      rw <- pr[pr$wave == w, , drop = FALSE]
      if (nrow(rw) == 0) next
      m <- wave_metrics(rw)
      wm[[w]][[i]] <- m
      out[i, paste0("surveyed_", w)] <- 1L
      for (v in WAVE_VARS) out[i, paste0(v, "_", w)] <- m[[v]]
    }
  }
  for (v in c("maintained", "gained", "lost", "continuity", "net_change"))
    out[[v]] <- NA_real_
  for (v in CHANGE_VARS) out[[paste0("change_", v)]] <- NA_real_
  for (i in seq_along(ids)) {
    a <- wm$t0[[i]]; b <- wm$t1[[i]]
    if (is.null(a) || is.null(b)) next
    out$maintained[i] <- length(intersect(a$names, b$names))
    out$gained[i]     <- length(setdiff(b$names, a$names))
    out$lost[i]       <- length(setdiff(a$names, b$names))
    out$continuity[i] <- if (a$n_groups > 0) out$maintained[i] / a$n_groups else NA_real_
    out$net_change[i] <- b$n_groups - a$n_groups
    for (v in CHANGE_VARS) out[i, paste0("change_", v)] <- b[[v]] - a[[v]]
  }
  out
}

# ------------------------------------------------------- cohort summary ----
cohort_summary <- function(pm) {
  rows <- list()
  add <- function(wave, q, val) rows[[length(rows) + 1]] <<-
    data.frame(wave = wave, quantity = q, value = val)
  for (w in WAVES) {
    s <- pm[[paste0("surveyed_", w)]] == 1
    ng <- pm[[paste0("n_groups_", w)]][s]
    add(w, "n_surveyed", sum(s))
    add(w, "mean_n_groups", if (length(ng)) mean(ng) else NA_real_)
    add(w, "sd_n_groups", if (length(ng) > 1) sd(ng) else NA_real_)
    if (length(ng)) for (k in 0:max(ng)) add(w, paste0("groups_", k), sum(ng == k))
  }
  both <- pm$surveyed_t0 == 1 & pm$surveyed_t1 == 1
  add("t0_t1", "n_surveyed_both", sum(both))
  add("t0_t1", "share_gained_any",
      if (any(both)) mean(pm$gained[both] >= 1) else NA_real_)
  do.call(rbind, rows)
}

# ------------------------------------------------------------- writing -----
fmt <- function(x) {
  if (is.character(x)) return(x)
  out <- ifelse(is.na(x), "",
                ifelse(x == round(x) & abs(x) < 1e15,
                       sprintf("%.0f", x), sprintf("%.17g", x)))
  out
}

write_plain <- function(df, path) {
  df[] <- lapply(df, fmt)
  write.csv(df, path, row.names = FALSE, quote = FALSE, na = "")
}

# -------------------------------------------------------- fixture check ----
# Values computed BY HAND in hand_fixture_expected.md, transcribed here
# (NA = empty cell). Order of columns as in person_metrics.csv.
hand_expected <- function() {
  N <- NA_real_
  cols <- c("id",
            "surveyed_t0", paste0(WAVE_VARS, "_t0"),
            "surveyed_t1", paste0(WAVE_VARS, "_t1"),
            "maintained", "gained", "lost", "continuity", "net_change",
            paste0("change_", CHANGE_VARS))
  # surv n  hi mean  sum cat blau pw  | t1 ...                         | mnt gn lst cont net | d_hi d_mean d_sum d_cat d_blau d_pw
  v <- list(
    H1 = c(1, 3, 2, 16/3, 16, 2, 4/9, 0,  1, 3, 2, 16/3, 16, 3, 2/3, 1,  2, 1, 1, 2/3, 0,  0, 0, 0, 1, 2/9, 1),
    H2 = c(1, 0, 0, N,    N,  0, N,   0,  1, 2, 1, 5,    5,  2, 1/2, 1,  0, 2, 0, N,   2,  1, N, N, 2, N,   1),
    H3 = c(1, 2, 1, 7/2,  7,  2, 1/2, 0,  0, N, N, N,    N,  N, N,   N,  N, N, N, N,   N,  N, N, N, N, N,   N),
    H4 = c(1, 2, 1, 11/2, 11, 2, 1/2, 0,  1, 0, 0, N,    N,  0, N,   0,  0, 0, 2, 0,  -2, -1, N, N, -2, N,  0))
  list(cols = cols, person = v,
       cohort = list(
         c("t0", "n_surveyed", 4), c("t0", "mean_n_groups", 7/4),
         c("t0", "sd_n_groups", sqrt(19/12)),
         c("t0", "groups_0", 1), c("t0", "groups_1", 0),
         c("t0", "groups_2", 2), c("t0", "groups_3", 1),
         c("t1", "n_surveyed", 3), c("t1", "mean_n_groups", 5/3),
         c("t1", "sd_n_groups", sqrt(7/3)),
         c("t1", "groups_0", 1), c("t1", "groups_1", 0),
         c("t1", "groups_2", 1), c("t1", "groups_3", 1),
         c("t0_t1", "n_surveyed_both", 3),
         c("t0_t1", "share_gained_any", 2/3)))
}

same_num <- function(e, g) (is.na(e) && is.na(g)) ||
  (!is.na(e) && !is.na(g) && abs(e - g) < 1e-12)

check_fixture <- function(pm, cs) {
  ex <- hand_expected()
  ok <- TRUE
  stopifnot(identical(names(pm), ex$cols), identical(pm$id, names(ex$person)))
  for (id in names(ex$person)) {
    e <- ex$person[[id]]
    g <- unlist(pm[pm$id == id, ex$cols[-1]])
    stopifnot(length(e) == length(g))
    for (j in seq_along(e)) if (!same_num(e[j], g[j])) {
      ok <- FALSE
      cat(sprintf("MISMATCH %s %s: hand=%s R=%s\n", id, ex$cols[j + 1],
                  format(e[j]), format(g[j])))
    }
  }
  if (nrow(cs) != length(ex$cohort)) { ok <- FALSE; cat("MISMATCH cohort rows\n") }
  for (r in ex$cohort) {
    g <- cs$value[cs$wave == r[1] & cs$quantity == r[2]]
    if (length(g) != 1 || !same_num(as.numeric(r[3]), g)) {
      ok <- FALSE
      cat(sprintf("MISMATCH cohort %s %s: hand=%s R=%s\n", r[1], r[2], r[3],
                  paste(g, collapse = ",")))
    }
  }
  ok
}

# ---------------------------------------------------------------- main -----
main <- function(args) {
  here <- "tests/reference/groups"
  if (length(args) >= 1 && args[1] == "--fixture") {
    d <- read_groups(file.path(here, "hand_fixture.csv"))
    pm <- person_metrics(d)
    cs <- cohort_summary(pm)
    print(pm)
    print(cs, row.names = FALSE)
    ok <- check_fixture(pm, cs)
    cat(if (ok) "FIXTURE OK: R metrics agree with hand-computed values\n"
        else "FIXTURE FAILED\n")
    quit(status = if (ok) 0 else 1)
  }
  input <- if (length(args) >= 1) args[1] else "examples/data/groups_long.csv"
  outdir <- if (length(args) >= 2) args[2] else here
  d <- read_groups(input)
  pm <- person_metrics(d)
  cs <- cohort_summary(pm)
  write_plain(pm, file.path(outdir, "person_metrics.csv"))
  write_plain(cs, file.path(outdir, "cohort_summary.csv"))
  cat(sprintf("persons: %d\n", nrow(pm)))
  print(cs, row.names = FALSE)
}

if (sys.nframe() == 0L) main(commandArgs(trailingOnly = TRUE))
