# Tests of the socialcure tool through its command line (included from tests/CMakeLists.txt).
set(tool "$<TARGET_FILE:socialcure_tool>")
set(cli_data "${CMAKE_CURRENT_SOURCE_DIR}/cli/data")
set(expect "${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake")

# cli_expect(NAME name CODE code [OUTPUT regex] [ERROR regex] [JSON_KEY key] [ONE_LINE] ARGS args...)
function(cli_expect)
  cmake_parse_arguments(arg "ONE_LINE" "NAME;CODE;OUTPUT;ERROR;JSON_KEY" "ARGS" ${ARGN})
  set(defines -DCOMMAND=${tool} -DEXPECT_CODE=${arg_CODE})
  if(DEFINED arg_OUTPUT)
    list(APPEND defines "-DEXPECT_OUTPUT=${arg_OUTPUT}")
  endif()
  if(DEFINED arg_ERROR)
    list(APPEND defines "-DEXPECT_ERROR=${arg_ERROR}")
  endif()
  if(DEFINED arg_JSON_KEY)
    list(APPEND defines "-DEXPECT_JSON_KEY=${arg_JSON_KEY}")
  endif()
  if(arg_ONE_LINE)
    list(APPEND defines "-DEXPECT_ONE_LINE_ERROR=ON")
  endif()
  add_test(NAME cli.${arg_NAME} COMMAND "${CMAKE_COMMAND}" ${defines} -P "${expect}" ${arg_ARGS})
endfunction()

# Help, version and usage errors.
cli_expect(NAME help CODE 0 OUTPUT "describe" ARGS --help)
cli_expect(NAME version CODE 0 OUTPUT "socialcure ${PROJECT_VERSION}" ARGS --version)
cli_expect(NAME no_subcommand_is_usage_error CODE 2 ARGS)
cli_expect(NAME unknown_option_is_usage_error CODE 2 ARGS describe --bogus x "${cli_data}/quoting.csv")
cli_expect(NAME describe_without_file_is_usage_error CODE 2 ARGS describe)
cli_expect(NAME bad_format_is_usage_error CODE 2 ARGS describe --format xml "${cli_data}/quoting.csv")

# describe on the bundled sample: valid JSON with the schema, and a text table.
cli_expect(NAME describe_sample_json CODE 0 JSON_KEY schema OUTPUT "\"schema\": \"socialcure.describe/1\""
  ARGS describe sample:panel_wide.csv --format json)
cli_expect(NAME describe_sample_text CODE 0 OUTPUT "age +numeric +630 +0 +18 +90"
  ARGS describe sample:panel_wide.csv --id id)
cli_expect(NAME describe_unknown_sample CODE 1 ONE_LINE ERROR "no bundled sample file named 'nope.csv'"
  ARGS describe sample:nope.csv)

# Quoting, CRLF, BOM, missing codes, TSV.
cli_expect(NAME describe_quoting CODE 0 JSON_KEY columns
  OUTPUT "\"name\": \"id\".*\"name\": \"label\".*\"distinct\": 3.*\"name\": \"score\".*\"n\": 3"
  ARGS describe "${cli_data}/quoting.csv" --format json)
cli_expect(NAME describe_missing_code CODE 0
  OUTPUT "\"name\": \"score\".*\"n\": 2,.*\"n_missing\": 1,.*\"min\": 4\\.0,.*\"max\": 6\\.0"
  ARGS describe "${cli_data}/quoting.csv" --missing -99 --format json)
cli_expect(NAME describe_tsv CODE 0 OUTPUT "\"n_missing\": 1,.*\"mean\": 5\\.5"
  ARGS describe "${cli_data}/tabs.tsv" --missing . --format json)

# Every bad input: exit code 1 and a one-line message naming file, line, column and value.
cli_expect(NAME bad_ragged_row CODE 1 ONE_LINE ERROR "ragged\\.csv:3: the row has 2 fields, the header has 3"
  ARGS describe "${cli_data}/ragged.csv")
cli_expect(NAME bad_unterminated_quote CODE 1 ONE_LINE ERROR "unterminated_quote\\.csv:2: column 'a': unterminated quoted field"
  ARGS describe "${cli_data}/unterminated_quote.csv")
cli_expect(NAME bad_not_a_number CODE 1 ONE_LINE
  ERROR "not_a_number\\.csv:3: column 'score': value is not a number.*\"12abc\""
  ARGS describe "${cli_data}/not_a_number.csv")
cli_expect(NAME bad_two_decimal_points CODE 1 ONE_LINE
  ERROR "two_decimal_points\\.csv:2: column 'score': value is not a number.*\"1\\.2\\.3\""
  ARGS describe "${cli_data}/two_decimal_points.csv")
cli_expect(NAME bad_nan_as_data CODE 1 ONE_LINE ERROR "nan_as_data\\.csv:3: column 'score': .*\"nan\""
  ARGS describe "${cli_data}/nan_as_data.csv")
cli_expect(NAME nan_declared_missing_is_fine CODE 0 OUTPUT "\"n_missing\": 1"
  ARGS describe "${cli_data}/nan_as_data.csv" --missing nan --format json)
cli_expect(NAME bad_duplicate_column CODE 1 ONE_LINE
  ERROR "duplicate_column\\.csv:1: column 'score': duplicate column name \\(columns 2 and 4\\)"
  ARGS describe "${cli_data}/duplicate_column.csv")
cli_expect(NAME bad_empty_file CODE 1 ONE_LINE ERROR "empty\\.csv:1: the file is empty"
  ARGS describe "${cli_data}/empty.csv")
cli_expect(NAME bad_header_only CODE 1 ONE_LINE ERROR "header_only\\.csv:1: the file has a header row but no data rows"
  ARGS describe "${cli_data}/header_only.csv")
cli_expect(NAME bad_duplicate_id CODE 1 ONE_LINE
  ERROR "duplicate_id\\.csv:4: column 'id', respondent 'P1': duplicate respondent id \\(first on line 2\\)"
  ARGS describe "${cli_data}/duplicate_id.csv" --id id)
cli_expect(NAME bad_overflow CODE 1 ONE_LINE ERROR "overflow\\.csv:3: column 'score': number out of the range.*\"1e400\""
  ARGS describe "${cli_data}/overflow.csv")
cli_expect(NAME bad_huge_integer CODE 1 ONE_LINE
  ERROR "huge_integer\\.csv:3: column 'gp_visits': whole number too large to be stored exactly.*\"123456789012345678901234567890\""
  ARGS describe "${cli_data}/huge_integer.csv")
# An analysis keeps only the columns it uses: bad values elsewhere in the file do not stop it (and
# do not take memory), a bad value in a used column does, and an unknown column lists the others.
cli_expect(NAME regress_ignores_unused_columns CODE 0 OUTPUT "n = 5 .*x  "
  ARGS regress --data "${cli_data}/unused_bad_columns.csv" --y y --x x --id id)
cli_expect(NAME regress_bad_used_column CODE 1 ONE_LINE
  ERROR "unused_bad_columns\\.csv:3: column 'score': value is not a number.*\"12abc\""
  ARGS regress --data "${cli_data}/unused_bad_columns.csv" --y y --x x,score --id id)
cli_expect(NAME mediate_unknown_column_lists_file_columns CODE 1 ONE_LINE
  ERROR "unused_bad_columns\\.csv: no column named 'nope' \\(available: id, y, x, comment, score\\)"
  ARGS mediate --data "${cli_data}/unused_bad_columns.csv" --x x --m nope --y y --boot 1000)
cli_expect(NAME bad_stray_quote CODE 1 ONE_LINE ERROR "stray_quote\\.csv:4: column 'score': a double quote inside an unquoted field"
  ARGS describe "${cli_data}/stray_quote.csv")
cli_expect(NAME bad_missing_file CODE 1 ONE_LINE ERROR "no_such_file\\.csv: cannot open the file"
  ARGS describe "${cli_data}/no_such_file.csv")
cli_expect(NAME bad_unknown_id_column CODE 1 ONE_LINE ERROR "no column named 'pid'.*available: id, score"
  ARGS describe "${cli_data}/not_a_number.csv" --id pid)
