# Renders the bundled study with its own settings (5,000 replicates, seed 20191126) on 2 threads
# and requires results.json to equal the pinned file: every key, string and note identical, every
# number within 1e-9 relative (json_close, tests/tools/json_close.cpp; a number can move in its last
# bits between CPUs, as Eigen picks its matrix-product blocking from the cache sizes it finds, and a
# p-value of 1e-157 then moves in its 11th digit):
#   cmake -DCOMMAND=socialcure -DCOMPARE=json_close -DSTUDY=study.toml -DPINNED=results.json -DOUT=folder -P pinned_report.cmake
# The pinned file is a regression pin, not a reference value: it was written by `socialcure report`
# at commit bc919a1, before the study layer was restructured (issue 15), and guards that the
# restructuring changes no number, key or note. Its numbers are checked against R elsewhere
# (tests/reference/study/). A deliberate change of results.json must replace the pin in the same
# commit and say why. One such change so far: the study's scale means now come from the library's
# one mean/SD (mean_and_sd, a corrected two-pass mean) instead of a private sum / n, which moved
# two means in their last bit (belonging at t0: 3.462962962962963 -> 3.4629629629629632; at t1:
# 3.967987804878048 -> 3.967987804878049). Second change (issue 17, cluster-robust covariances):
# every regression object gains the keys `covariance`, `cluster`, `clusters`, `wald_f_df1`,
# `wald_f_df2` and a per-coefficient `df` (null for z tests); the file was re-written on a machine
# whose CPU moves the last bits of the 12 numbers of the HC3 model belonging_on_groups (up to
# 2.4e-15 relative, 1e-12 for its p-value of 7.9e-157; main's own build writes the same there), no
# other number changed. Third (issue 17, E-values): the change of gp_visits gains
# `rate_ratio.evalue`, the E-values of its paired rate ratio. Fourth (issue 17, cluster bootstrap):
# each mediation's `bootstrap` object gains `cluster` and `clusters` (null: cases were resampled).
# Fifth (issue 15, speed): the R^2 of a model of the mean alone (the within-subject model's
# intercept-only equations) is now exactly 0, as R's summary.lm gives it, instead of the rounding
# residue of 1 - RSS/TSS (3.3e-19 and -9.8e-19); the negative binomial model's IRLS takes its
# intermediate steps by Cholesky and the OLS refinement stops after one step for a well-conditioned
# design, which moved 39 numbers by at most 2.2e-14 relative.
execute_process(COMMAND "${COMMAND}" report --study "${STUDY}" --out "${OUT}" --threads 2 --quiet
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "report --study ${STUDY} failed (${code}):\n${out}\n${err}")
endif()
execute_process(COMMAND "${COMPARE}" "${PINNED}" "${OUT}/results.json" 1e-9 RESULT_VARIABLE code OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "results.json of the bundled study differs from the pin ${PINNED}:\n${out}${err}compare with\n"
                      "  diff ${PINNED} ${OUT}/results.json")
endif()
message(STATUS "results.json equals the pin (numbers within 1e-9)")
