# CTest cases for SPSS (.sav, .zsav) and Stata (.dta) input (included after cli_tests.cmake: uses
# cli_expect, ${tool}, ${cli_data}). The files are written at test time from the bundled CSV files
# by the write_stat_file tool (ReadStat's writer, tests/tools/write_stat_file.cpp); each command
# must then print exactly what it prints for the CSV file (tests/cli/same_output.cmake).
set(stat_dir "${CMAKE_CURRENT_BINARY_DIR}/stat_files")
set(panel_csv "${PROJECT_SOURCE_DIR}/examples/data/panel_wide.csv")
set(groups_csv "${PROJECT_SOURCE_DIR}/examples/data/groups_long.csv")
set(same_output "${CMAKE_CURRENT_SOURCE_DIR}/cli/same_output.cmake")

# stat_fixture(NAME name ARGS args...): runs write_stat_file; the tests use the fixture stat_files.
function(stat_fixture)
  cmake_parse_arguments(arg "" "NAME" "ARGS" ${ARGN})
  add_test(NAME cli.stat_files.write_${arg_NAME} COMMAND write_stat_file ${arg_ARGS})
  set_tests_properties(cli.stat_files.write_${arg_NAME} PROPERTIES
    FIXTURES_SETUP stat_files FIXTURES_REQUIRED stat_dir)
endfunction()

add_test(NAME cli.stat_files.make_directory COMMAND "${CMAKE_COMMAND}" -E make_directory "${stat_dir}")
set_tests_properties(cli.stat_files.make_directory PROPERTIES FIXTURES_SETUP stat_dir)
stat_fixture(NAME panel_sav ARGS "${panel_csv}" "${stat_dir}/panel_wide.sav" --id id)
stat_fixture(NAME panel_zsav ARGS "${panel_csv}" "${stat_dir}/panel_wide.zsav" --id id)
stat_fixture(NAME panel_dta ARGS "${panel_csv}" "${stat_dir}/panel_wide.dta" --id id)
stat_fixture(NAME panel_upper_case ARGS "${panel_csv}" "${stat_dir}/PANEL_WIDE.SAV" --id id)
stat_fixture(NAME groups_dta ARGS "${groups_csv}" "${stat_dir}/groups_long.dta")
# Zero visits and completed = 0 declared user-missing (.a in Stata): read as missing, as --missing 0 on the CSV.
foreach(ext sav dta)
  stat_fixture(NAME user_missing_${ext} ARGS "${panel_csv}" "${stat_dir}/panel_user_missing.${ext}" --id id
    --user-missing completed=0 --user-missing gp_visits_t0=0 --user-missing gp_visits_t1=-1:0)
  stat_fixture(NAME labelled_${ext} ARGS "${panel_csv}" "${stat_dir}/panel_labelled.${ext}" --id id
    --labels "completed=0:lost to follow-up,1:answered at t1" --labels "ucla1_t0=1:hardly ever,2:some of the time,3:often"
    --label "completed=Answered the second questionnaire")
endforeach()
stat_fixture(NAME duplicate_id ARGS "${cli_data}/duplicate_id.csv" "${stat_dir}/duplicate_id.sav")
add_test(NAME cli.stat_files.write_not_spss COMMAND "${CMAKE_COMMAND}" -E copy "${cli_data}/quoting.csv"
  "${stat_dir}/not_spss.sav")
set_tests_properties(cli.stat_files.write_not_spss PROPERTIES FIXTURES_SETUP stat_files FIXTURES_REQUIRED stat_dir)

# same_as_csv(NAME name CSV file OTHER file ARGS args...): DATA_FILE in args stands for the file.
function(same_as_csv)
  cmake_parse_arguments(arg "" "NAME;CSV;OTHER" "ARGS" ${ARGN})
  add_test(NAME cli.stat_files.${arg_NAME} COMMAND "${CMAKE_COMMAND}" -DCOMMAND=${tool} -DFIRST=${arg_CSV}
    -DSECOND=${arg_OTHER} -P "${same_output}" ${arg_ARGS})
  set_tests_properties(cli.stat_files.${arg_NAME} PROPERTIES FIXTURES_REQUIRED stat_files)
endfunction()

# needs_stat_files(name): the cli_expect test cli.stat_files.NAME uses the fixture files.
function(needs_stat_files name)
  set_tests_properties(cli.stat_files.${name} PROPERTIES FIXTURES_REQUIRED stat_files)
endfunction()

# Every subcommand that reads data gives the same output from the CSV and from the SPSS/Stata files.
foreach(ext sav zsav dta)
  set(file "${stat_dir}/panel_wide.${ext}")
  same_as_csv(NAME describe_json_${ext} CSV "${panel_csv}" OTHER "${file}"
    ARGS describe DATA_FILE --id id --format json)
  same_as_csv(NAME describe_text_${ext} CSV "${panel_csv}" OTHER "${file}" ARGS describe DATA_FILE --id id)
  same_as_csv(NAME change_json_${ext} CSV "${panel_csv}" OTHER "${file}"
    ARGS change --data DATA_FILE --id id --pre ucla1_t0 --post ucla1_t1 --reliability 0.8 --better lower --format json)
  same_as_csv(NAME change_count_json_${ext} CSV "${panel_csv}" OTHER "${file}"
    ARGS change --data DATA_FILE --id id --pre gp_visits_t0 --post gp_visits_t1 --count --format json)
  same_as_csv(NAME mediate_json_${ext} CSV "${panel_csv}" OTHER "${file}"
    ARGS mediate --data DATA_FILE --id id --x gp_visits_t0 --m belong1_t1,exits1_t1 --y ucla1_t1 --covariates age
      --seed 11 --boot 300 --quiet --format json)
endforeach()
set(file "${stat_dir}/panel_wide.dta")
same_as_csv(NAME mediate_within_json_dta CSV "${panel_csv}" OTHER "${file}"
  ARGS mediate-within --data DATA_FILE --m belong1_t0:belong1_t1 --y ucla1_t0:ucla1_t1 --seed 5 --boot 200 --quiet
    --format json)
same_as_csv(NAME regress_json_dta CSV "${panel_csv}" OTHER "${file}"
  ARGS regress --data DATA_FILE --y gp_visits_t0 --x age,ucla1_t0 --categorical gender --family poisson --format json)
same_as_csv(NAME score_json_dta CSV "${panel_csv}" OTHER "${file}"
  ARGS score --data DATA_FILE --id id --scale ucla3 --items ucla1_t0,ucla2_t0,ucla3_t0 --format json)
same_as_csv(NAME reliability_json_dta CSV "${panel_csv}" OTHER "${file}"
  ARGS reliability --data DATA_FILE --items belong1_t0,belong2_t0,belong3_t0,belong4_t0 --format json)
same_as_csv(NAME attrition_json_dta CSV "${panel_csv}" OTHER "${file}"
  ARGS attrition --data DATA_FILE --id id --completed completed --vars age,gender,ucla1_t0 --format json)
same_as_csv(NAME groups_json_dta CSV "${groups_csv}" OTHER "${stat_dir}/groups_long.dta"
  ARGS groups --data DATA_FILE --id id --wave wave --group group --category category
    --identification identification --pathway pathway --format json)
same_as_csv(NAME upper_case_extension CSV "${panel_csv}" OTHER "${stat_dir}/PANEL_WIDE.SAV"
  ARGS describe DATA_FILE --id id --format json)

# User-defined missing values (SPSS) and .a (Stata) are missing: as --missing 0 on the CSV. A numeric
# --missing code applies to numeric variables of SPSS/Stata files too.
foreach(ext sav dta)
  same_as_csv(NAME user_missing_${ext} CSV "${panel_csv}" OTHER "${stat_dir}/panel_user_missing.${ext}"
    ARGS describe DATA_FILE --id id --missing 0 --format json)
  same_as_csv(NAME missing_code_${ext} CSV "${panel_csv}" OTHER "${stat_dir}/panel_wide.${ext}"
    ARGS describe DATA_FILE --id id --missing 0,-99 --format json)
  # Value labels in the text and JSON reports of describe.
  cli_expect(NAME stat_files.describe_labels_text_${ext} CODE 0
    OUTPUT "\nValue labels\n  completed: 0 = lost to follow-up\n  completed: 1 = answered at t1\n  ucla1_t0: 1 = hardly ever\n  ucla1_t0: 2 = some of the time\n  ucla1_t0: 3 = often\n$"
    ARGS describe "${stat_dir}/panel_labelled.${ext}" --id id)
  needs_stat_files(describe_labels_text_${ext})
  cli_expect(NAME stat_files.describe_labels_json_${ext} CODE 0 JSON_KEY value_labels
    OUTPUT "\"value_labels\": {[ \n]*\"completed\": .[ \n]*{[ \n]*\"value\": 0\\.0,[ \n]*\"label\": \"lost to follow-up\"[ \n]*},.*\"ucla1_t0\": .*\"label\": \"often\""
    ARGS describe "${stat_dir}/panel_labelled.${ext}" --id id --format json)
  needs_stat_files(describe_labels_json_${ext})
endforeach()
cli_expect(NAME stat_files.describe_csv_has_no_labels CODE 0 OUTPUT "\"value_labels\": {}"
  ARGS describe "${panel_csv}" --format json)

# Errors: one line, naming the file (and the row, column and value where one applies).
cli_expect(NAME stat_files.unknown_column CODE 1 ONE_LINE
  ERROR "panel_wide\\.sav: no column named 'nope' \\(available: id, age, gender,"
  ARGS change --data "${stat_dir}/panel_wide.sav" --pre nope --post ucla1_t1)
needs_stat_files(unknown_column)
cli_expect(NAME stat_files.unknown_id_column CODE 1 ONE_LINE
  ERROR "panel_wide\\.dta: no column named 'ID' \\(the id column; available: id, age, gender,"
  ARGS describe "${stat_dir}/panel_wide.dta" --id ID)
needs_stat_files(unknown_id_column)
cli_expect(NAME stat_files.delimiter_rejected CODE 1 ONE_LINE
  ERROR "a delimiter applies to CSV/TSV files only, not to the SPSS/Stata file '.*panel_wide\\.sav'"
  ARGS describe "${stat_dir}/panel_wide.sav" --delimiter tab)
needs_stat_files(delimiter_rejected)
cli_expect(NAME stat_files.duplicate_id CODE 1 ONE_LINE
  ERROR "duplicate_id\\.sav:3: column 'id', respondent 'P1': duplicate respondent id \\(first on row 1\\)"
  ARGS describe "${stat_dir}/duplicate_id.sav" --id id)
needs_stat_files(duplicate_id)
cli_expect(NAME stat_files.not_an_spss_file CODE 1 ONE_LINE ERROR "not_spss\\.sav: not a valid SPSS sav file, or a damaged one \\(ReadStat: "
  ARGS describe "${stat_dir}/not_spss.sav")
needs_stat_files(not_an_spss_file)
cli_expect(NAME stat_files.missing_file CODE 1 ONE_LINE ERROR "no_such_file\\.dta: cannot open the file for reading"
  ARGS describe "${cli_data}/no_such_file.dta")
