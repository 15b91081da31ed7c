# CTest cases for `socialcure report` (included after cli_tests.cmake and stat_files.cmake: uses
# cli_expect, ${tool}, ${cli_data}, ${stat_dir} and the stat_files fixture).
set(report_dir "${CMAKE_CURRENT_BINARY_DIR}/report")
set(bundled_study "${PROJECT_SOURCE_DIR}/examples/data/study.toml")

# The bundled study renders a complete report; the files are checked by check_report.cmake.
cli_expect(NAME report_bundled CODE 0
  OUTPUT "Wrote .*report.md, report.html, results.json, respondents.csv .630 respondents. and 4 figure.*Total gp_visits went from 322 to 212"
  ARGS report --study "${bundled_study}" --out "${report_dir}/bundled" --replicates 200 --threads 2 --quiet)
set_tests_properties(cli.report_bundled PROPERTIES FIXTURES_SETUP report_bundled)
add_test(NAME cli.report_files COMMAND "${CMAKE_COMMAND}" -DDIR=${report_dir}/bundled
  -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_report.cmake")
set_tests_properties(cli.report_files PROPERTIES FIXTURES_REQUIRED report_bundled)

# Nothing on stderr when it is not a terminal (no progress line), even without --quiet.
add_test(NAME cli.report_stderr_quiet_when_not_a_terminal COMMAND "${CMAKE_COMMAND}" -DCOMMAND=${tool}
  -DEXPECT_CODE=0 "-DEXPECT_ERROR=^$" -P "${expect}"
  report --study "${bundled_study}" --out "${report_dir}/no_tty" --replicates 100 --threads 2)

# Malformed study files: the line and the key; unknown names list what is available.
cli_expect(NAME report_syntax_error CODE 1 ONE_LINE ERROR "study_syntax_error.toml:4: TOML syntax error"
  ARGS report --study "${cli_data}/study_syntax_error.toml" --out "${report_dir}/bad")
cli_expect(NAME report_unknown_key CODE 1 ONE_LINE
  ERROR "study_unknown_key.toml:6: settings.replicate: unknown key .allowed: level, replicates, seed, ci, threads."
  ARGS report --study "${cli_data}/study_unknown_key.toml" --out "${report_dir}/bad")
cli_expect(NAME report_unknown_scale CODE 1 ONE_LINE
  ERROR "study_unknown_scale.toml:7: scales.1..scale: unknown catalogue scale: \"ucla4\" .allowed: ucla3, ucla20_v3, "
  ARGS report --study "${cli_data}/study_unknown_scale.toml" --out "${report_dir}/bad")
cli_expect(NAME report_missing_column CODE 1 ONE_LINE
  ERROR "scale 'loneliness': no item column 'lonely3' in .*; available: id, age, gender, completed, ucla1, ucla2, ucla3, belong1"
  ARGS report --study "${cli_data}/study_missing_column.toml" --out "${report_dir}/bad")
cli_expect(NAME report_missing_study CODE 1 ONE_LINE ERROR "nope.toml"
  ARGS report --study "${cli_data}/nope.toml" --out "${report_dir}/bad")
cli_expect(NAME report_needs_out CODE 2 ARGS report --study "${bundled_study}")

# The same study from SPSS and Stata files gives the same results.json as from the CSV files.
file(READ "${bundled_study}" study_text)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${bundled_study}")
string(REPLACE "\"belonging.json\"" "\"${PROJECT_SOURCE_DIR}/examples/data/belonging.json\"" study_text "${study_text}")
foreach(variant csv sav dta)
  if(variant STREQUAL "csv")
    set(panel "${PROJECT_SOURCE_DIR}/examples/data/panel_wide.csv")
    set(groups "${PROJECT_SOURCE_DIR}/examples/data/groups_long.csv")
  else()
    set(panel "${stat_dir}/panel_wide.${variant}")
    set(groups "${stat_dir}/groups_long.dta")
  endif()
  string(REPLACE "\"panel_wide.csv\"" "\"${panel}\"" text "${study_text}")
  string(REPLACE "\"groups_long.csv\"" "\"${groups}\"" text "${text}")
  file(WRITE "${report_dir}/study_${variant}.toml" "${text}")
endforeach()
foreach(variant sav dta)
  add_test(NAME cli.report_same_as_csv_${variant} COMMAND "${CMAKE_COMMAND}" -DCOMMAND=${tool}
    -DFIRST=${report_dir}/study_csv.toml -DSECOND=${report_dir}/study_${variant}.toml
    -DOUT=${report_dir}/same_${variant} -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/same_report.cmake")
  set_tests_properties(cli.report_same_as_csv_${variant} PROPERTIES FIXTURES_REQUIRED stat_files)
endforeach()

# The bundled study's results.json equals the pin written before issue 15's restructuring, numbers
# within 1e-9 relative (see pinned_report.cmake).
add_test(NAME cli.report_bundled_pinned COMMAND "${CMAKE_COMMAND}" -DCOMMAND=${tool} -DCOMPARE=$<TARGET_FILE:json_close>
  -DSTUDY=${bundled_study} -DPINNED=${cli_data}/bundled_study_results.json -DOUT=${report_dir}/pinned
  -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/pinned_report.cmake")

# A mediation with a count outcome in a study (issue 17): the bundled study with one more model,
# appointments at t1 by a negative binomial, gives the section's sentence in appointment terms; a
# moderator with family = "negbin" is an error naming the line and the key.
set(glm_model "\n[[models]]\nname = \"appointments\"\ntype = \"mediation\"\nfamily = \"negbin\"\nx = \"groups_change\"
mediators = [\"belonging_change\", \"loneliness_change\"]\ny = \"gp_visits_t1\"\ncovariates = [\"gp_visits_t0\", \"age\"]\n")
string(REPLACE "\"panel_wide.csv\"" "\"${PROJECT_SOURCE_DIR}/examples/data/panel_wide.csv\"" glm_text "${study_text}")
string(REPLACE "\"groups_long.csv\"" "\"${PROJECT_SOURCE_DIR}/examples/data/groups_long.csv\"" glm_text "${glm_text}")
file(WRITE "${report_dir}/study_glm.toml" "${glm_text}${glm_model}")
file(WRITE "${report_dir}/study_glm_bad.toml" "${glm_text}${glm_model}w = \"age\"\n")
string(REGEX MATCHALL "\n" study_lines "${glm_text}${glm_model}")
list(LENGTH study_lines glm_bad_line)
math(EXPR glm_bad_line "${glm_bad_line} + 1")
cli_expect(NAME report_glm_mediation CODE 0
  OUTPUT "In appointments .serial mediation, negative binomial outcome, n = 157; percentile bootstrap CIs, 200 resamples, seed 20191126., raising groups_change from [0-9.]+ to [0-9.]+ .mean -> mean \\+ SD. went with [0-9.]+% (fewer|more) gp_visits_t1 .rate ratio [0-9.]+, 95% CI [0-9.]+ to [0-9.]+."
  ARGS report --study "${report_dir}/study_glm.toml" --out "${report_dir}/glm" --replicates 200 --threads 2 --quiet)
cli_expect(NAME report_glm_mediation_moderator CODE 1 ONE_LINE
  ERROR "study_glm_bad.toml:${glm_bad_line}: models.5..w: a mediation with family 'negbin' has a moderator only in a conditional process model"
  ARGS report --study "${report_dir}/study_glm_bad.toml" --out "${report_dir}/bad")
