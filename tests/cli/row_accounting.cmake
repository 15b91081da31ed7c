# "Every row in, every row out" through the command line (issue 9): the per-respondent files that
# score, change and groups write with --out keep every respondent of the input, in order, whatever
# is missing or invalid (count_rows.cmake compares the ids). Included at the end of the tool's tests:
# uses ${tool}, ${cli_data}.
set(count_rows "${CMAKE_CURRENT_SOURCE_DIR}/cli/count_rows.cmake")
set(sample_wide "${PROJECT_SOURCE_DIR}/examples/data/panel_wide.csv")
set(sample_groups "${PROJECT_SOURCE_DIR}/examples/data/groups_long.csv")
set(rows_data "${cli_data}/row_accounting.csv")
set(rows_groups "${cli_data}/row_accounting_groups.csv")
set(rows_out "${CMAKE_CURRENT_BINARY_DIR}/row_accounting")
file(MAKE_DIRECTORY "${rows_out}")

# cli_rows(NAME name INPUT file OUT file [DISTINCT_IDS] ARGS args...)
function(cli_rows)
  cmake_parse_arguments(arg "DISTINCT_IDS" "NAME;INPUT;OUT" "ARGS" ${ARGN})
  set(defines -DCOMMAND=${tool} "-DINPUT=${arg_INPUT}" "-DOUT=${arg_OUT}")
  if(arg_DISTINCT_IDS)
    list(APPEND defines -DDISTINCT_IDS=ON)
  endif()
  add_test(NAME cli.rows_${arg_NAME} COMMAND "${CMAKE_COMMAND}" ${defines} -P "${count_rows}" ${arg_ARGS})
endfunction()

# The bundled sample: 630 respondents, 466 of them absent at t1.
cli_rows(NAME score_sample_t1 INPUT "${sample_wide}" OUT "${rows_out}/score_t1.csv"
  ARGS score --data "${sample_wide}" --id id --scale ucla3 --items ucla1_t1,ucla2_t1,ucla3_t1
    --out "${rows_out}/score_t1.csv")
cli_rows(NAME change_sample_counts INPUT "${sample_wide}" OUT "${rows_out}/change_counts.csv"
  ARGS change --data "${sample_wide}" --id id --pre gp_visits_t0 --post gp_visits_t1 --count --reliability 0.8
    --better lower --out "${rows_out}/change_counts.csv")
cli_rows(NAME groups_sample INPUT "${sample_groups}" OUT "${rows_out}/groups.csv" DISTINCT_IDS
  ARGS groups --data "${sample_groups}" --id id --wave wave --group group --out "${rows_out}/groups.csv")

# A small file with every kind of gap: all items missing (R2, R5), invalid codes set missing (R3,
# R6), a missing pre or post value or both (R3, R4, R5).
cli_rows(NAME score_gaps INPUT "${rows_data}" OUT "${rows_out}/score_gaps.csv"
  ARGS score --data "${rows_data}" --id id --scale ucla3 --items ucla1,ucla2,ucla3 --on-invalid missing
    --out "${rows_out}/score_gaps.csv")
cli_rows(NAME change_gaps INPUT "${rows_data}" OUT "${rows_out}/change_gaps.csv"
  ARGS change --data "${rows_data}" --id id --pre gp_pre --post gp_post --count --out "${rows_out}/change_gaps.csv")
# Groups with excluded rows: G5's only row has an unknown wave and G6's only group an identification
# outside 1..7; both people are still in the file.
cli_rows(NAME groups_excluded_rows INPUT "${rows_groups}" OUT "${rows_out}/groups_excluded.csv" DISTINCT_IDS
  ARGS groups --data "${rows_groups}" --id id --wave wave --group group --identification identification
    --waves t0,t1 --on-invalid exclude --out "${rows_out}/groups_excluded.csv")
