# Tests of `socialcure scales`, `score` and `reliability` through the command line. Included after
# cli_tests.cmake, which defines cli_expect(), ${tool} and ${cli_data}.
# Expected values: by hand from the data files, or psych's (tests/reference/reliability/alpha.ref.csv).
set(reliability_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/reliability/data")
set(ucla_items ucla1,ucla2,ucla3)

# scales: the catalogue as text and JSON, one definition, an unknown id.
cli_expect(NAME scales_list CODE 0 OUTPUT "ucla3.*djg6" ARGS scales)
cli_expect(NAME scales_list_json CODE 0 JSON_KEY schema OUTPUT "\"schema\": \"socialcure\\.scales/1\".*\"id\": \"ucla3\""
  ARGS scales --format json)
cli_expect(NAME scales_show_ucla3 CODE 0 OUTPUT "ucla3: .*codes 1\\.\\.3.*higher = lonelier" ARGS scales ucla3)
cli_expect(NAME scales_show_json CODE 0 JSON_KEY schema OUTPUT "\"schema\": \"socialcure\\.scale/1\".*\"id\": \"djg6\""
  ARGS scales djg6 --format json)
cli_expect(NAME scales_unknown_id CODE 1 ONE_LINE ERROR "no scale 'nope'.*available: .*ucla3.*djg6" ARGS scales nope)

# score on the bundled sample: CSV by default. P0001 answers 3,3,3 (line 2 of panel_t0.csv):
# sum 9, band 6-9 "lonely".
cli_expect(NAME score_sample_csv CODE 0 OUTPUT "^id,ucla3,ucla3_category,[^\n]*\nP0001,9,lonely,3,0,\n"
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --items ${ucla_items})
# 630 respondents; 19 rows of panel_t0.csv lack a ucla answer and ucla3 needs every item.
cli_expect(NAME score_sample_json CODE 0 JSON_KEY respondents
  OUTPUT "\"schema\": \"socialcure\\.scores/1\".*\"n\": 630,.*\"n_unscorable\": 19,.*\"id\": \"P0001\",[ \n]*\"score\": 9\\.0,[ \n]*\"category\": \"lonely\""
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --items ${ucla_items} --format json)
# --out writes the CSV and prints the summary; the file then has every row (630) and 19 missing scores.
cli_expect(NAME score_out_file CODE 0 OUTPUT "scale ucla3: 630 respondents.*19 not scorable"
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --items ${ucla_items}
    --out "${CMAKE_CURRENT_BINARY_DIR}/scores_out.csv")
cli_expect(NAME score_out_file_contents CODE 0
  OUTPUT "\"rows\": 630,.*\"name\": \"ucla3\",[ \n]*\"type\": \"numeric\",[ \n]*\"n\": 611,[ \n]*\"n_missing\": 19,.*\"name\": \"ucla3_category\""
  ARGS describe "${CMAKE_CURRENT_BINARY_DIR}/scores_out.csv" --id id --format json)
set_tests_properties(cli.score_out_file PROPERTIES FIXTURES_SETUP score_out)
set_tests_properties(cli.score_out_file_contents PROPERTIES FIXTURES_REQUIRED score_out)

# An invalid response (7 on the 1..3 scale, respondent R2 on line 3): one line naming it all.
cli_expect(NAME score_invalid_response CODE 1 ONE_LINE
  ERROR "score_invalid\\.csv:3: .*respondent 'R2'.*'ucla2'.*\"7\".*integer codes 1\\.\\.3"
  ARGS score --data "${cli_data}/score_invalid.csv" --id id --scale ucla3 --items ${ucla_items})
# ... set missing instead: R2 is then not scorable (complete_only), R1 = 1+2+3 = 6, R3 = 9.
cli_expect(NAME score_invalid_set_missing CODE 0
  OUTPUT "R1,6,lonely,3,0,\nR2,,,2,0,1 of 3 items missing[^\n]*\nR3,9,lonely,3,0,"
  ARGS score --data "${cli_data}/score_invalid.csv" --id id --scale ucla3 --items ${ucla_items} --on-invalid missing)
cli_expect(NAME score_invalid_set_missing_json CODE 0 OUTPUT "\"n_unscorable\": 1,[ \n]*\"n_invalid_set_missing\": 1,"
  ARGS score --data "${cli_data}/score_invalid.csv" --id id --scale ucla3 --items ${ucla_items}
    --on-invalid missing --format json)
cli_expect(NAME score_bad_on_invalid_is_usage_error CODE 2
  ARGS score --data "${cli_data}/score_invalid.csv" --id id --scale ucla3 --items ${ucla_items} --on-invalid clamp)

# Exactly one of --scale and --scale-file: a usage error (exit 2).
cli_expect(NAME score_without_scale CODE 2 ERROR "give exactly one of --scale or --scale-file"
  ARGS score --data sample:panel_t0.csv --id id --items ${ucla_items})
cli_expect(NAME score_with_both_scales CODE 2 ERROR "give exactly one of --scale or --scale-file"
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --scale-file "${cli_data}/custom_scale.json"
    --items ${ucla_items})
cli_expect(NAME score_without_items_is_usage_error CODE 2 ARGS score --data sample:panel_t0.csv --scale ucla3)
cli_expect(NAME score_wrong_item_count CODE 1 ONE_LINE ERROR "scale 'ucla3' has 3 items; 2 item columns"
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --items ucla1,ucla2)
cli_expect(NAME score_unknown_item_column CODE 1 ONE_LINE ERROR "no column named 'ucla9'.*available: id, age"
  ARGS score --data sample:panel_t0.csv --id id --scale ucla3 --items ucla1,ucla2,ucla9)

# A custom 2-item mean scale (codes 1..5) from JSON, on ucla1 and ucla2 of the sample:
# P0001 (3, 3) -> 3, P0002 (2, 2) -> 2; no cut-offs, so no category.
cli_expect(NAME score_custom_scale_file CODE 0
  OUTPUT "^id,custom2,custom2_category,[^\n]*\nP0001,3,,2,0,\nP0002,2,,2,0,\n"
  ARGS score --data sample:panel_t0.csv --id id --scale-file "${cli_data}/custom_scale.json" --items ucla1,ucla2)
# A JSON syntax error on line 3 of the definition.
cli_expect(NAME score_bad_scale_file CODE 1 ONE_LINE ERROR "bad_scale\\.json:3: .*JSON syntax error"
  ARGS score --data sample:panel_t0.csv --id id --scale-file "${cli_data}/bad_scale.json" --items ucla1,ucla2)
cli_expect(NAME score_missing_scale_file CODE 1 ONE_LINE ERROR "no_such_scale\\.json"
  ARGS score --data sample:panel_t0.csv --id id --scale-file "${cli_data}/no_such_scale.json" --items ucla1,ucla2)

# (An unbalanced "[" in a regex would stop CMake splitting the test's argument list: use "." for it.)
# reliability: psych::alpha of bfi A1..A5 with A1 reversed (7 - x): raw alpha 0.70301844605730412,
# Feldt CI [0.68526432588639818, 0.72006338989943208], n 2800; listwise: 0.7037558943748361, n 2709.
cli_expect(NAME reliability_bfi_a_json CODE 0 JSON_KEY alpha
  OUTPUT "\"schema\": \"socialcure\\.reliability/1\".*\"n\": 2800,.*\"k\": 5,.*\"alpha\": 0\\.70301844.*\"alpha_ci\": .[ \n]*0\\.68526432[0-9]*,[ \n]*0\\.72006338"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6 --format json)
cli_expect(NAME reliability_bfi_a_text CODE 0
  OUTPUT "Cronbach's alpha \\(raw\\): 0\\.7030, 95% Feldt CI \\[0\\.6853, 0\\.7201\\].*omega total: .*A1 .*A5 "
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6)
cli_expect(NAME reliability_reverse_needs_range CODE 2 ERROR "--reverse needs --range MIN,MAX"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1)
cli_expect(NAME reliability_listwise CODE 0 JSON_KEY alpha
  OUTPUT "\"n\": 2709,[ \n]*\"n_excluded\": 91,.*\"missing\": \"listwise\".*\"alpha\": 0\\.70375589"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6
    --missing-method listwise --format json)
cli_expect(NAME reliability_bad_missing_method_is_usage_error CODE 2
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3 --missing-method mean)
# The old spelling of the deletion method, --missing pairwise|listwise, still works, with a note.
cli_expect(NAME reliability_listwise_old_spelling CODE 0 JSON_KEY alpha
  OUTPUT "\"n\": 2709,[ \n]*\"n_excluded\": 91,.*\"missing\": \"listwise\".*\"alpha\": 0\\.70375589"
  ERROR "note: 'reliability --missing listwise' is deprecated: use --missing-method listwise"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6
    --missing listwise --format json)
cli_expect(NAME reliability_both_spellings_is_usage_error CODE 2 ERROR "give the method once"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3 --missing pairwise
    --missing-method listwise)
# --missing takes missing-value codes, as in every subcommand: bfi_A_coded.csv is bfi_A.csv with every
# empty field written -99, so with --missing -99 the values above come back (pairwise and listwise).
cli_expect(NAME reliability_missing_codes CODE 0 JSON_KEY alpha
  OUTPUT "\"n\": 2800,.*\"k\": 5,.*\"alpha\": 0\\.70301844.*\"alpha_ci\": .[ \n]*0\\.68526432[0-9]*,[ \n]*0\\.72006338"
  ARGS reliability --data "${cli_data}/bfi_A_coded.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6
    --missing -99 --format json)
cli_expect(NAME reliability_missing_codes_listwise CODE 0 JSON_KEY alpha
  OUTPUT "\"n\": 2709,[ \n]*\"n_excluded\": 91,.*\"alpha\": 0\\.70375589"
  ARGS reliability --data "${cli_data}/bfi_A_coded.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6
    --missing -99 --missing-method listwise --format json)
# A word other than pairwise or listwise is a missing-value code, not a method.
cli_expect(NAME reliability_missing_word_is_a_code CODE 0 JSON_KEY alpha
  OUTPUT "\"n\": 2800,.*\"alpha\": 0\\.70301844"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A5 --reverse A1 --range 1,6
    --missing mean --format json)
cli_expect(NAME reliability_unknown_item CODE 1 ONE_LINE
  ERROR "bfi_A\\.csv: no column named 'A9' \\(available: A1, A2, A3, A4, A5\\)"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A1,A2,A3,A4,A9)
# Two items: no omega (null in JSON).
cli_expect(NAME reliability_two_items_no_omega CODE 0 OUTPUT "\"omega_total\": null"
  ARGS reliability --data "${reliability_data}/bfi_A.csv" --items A2,A3 --format json)

# A catalogue entry copied to define one's own scale (data/scales/README.md). Copied as it is,
# data/scales/ucla3.json scores as --scale ucla3 does: P0001 answers 3,3,3 (sum 9), P0002 2,2,2
# (sum 6), both "lonely" (6-9). Copied with a new id and the first band set moved to 3-6 / 7-9,
# P0002 becomes "not lonely" and the columns are named after the new id.
set(copy_scale "${CMAKE_CURRENT_SOURCE_DIR}/cli/copy_scale.cmake")
set(ucla3_json "${PROJECT_SOURCE_DIR}/data/scales/ucla3.json")
add_test(NAME cli.scale_file_copy COMMAND "${CMAKE_COMMAND}" -DFROM=${ucla3_json}
  -DTO=${CMAKE_CURRENT_BINARY_DIR}/ucla3_copy.json -P "${copy_scale}")
add_test(NAME cli.scale_file_copy_edited COMMAND "${CMAKE_COMMAND}" -DFROM=${ucla3_json}
  -DTO=${CMAKE_CURRENT_BINARY_DIR}/my_ucla3.json
  "-DOLD1=\"id\": \"ucla3\"" "-DNEW1=\"id\": \"my_ucla3\""
  "-DOLD2={\"min\": 3, \"max\": 5, \"label\": \"not lonely\"}" "-DNEW2={\"min\": 3, \"max\": 6, \"label\": \"not lonely\"}"
  "-DOLD3={\"min\": 6, \"max\": 9, \"label\": \"lonely\"}" "-DNEW3={\"min\": 7, \"max\": 9, \"label\": \"lonely\"}"
  -P "${copy_scale}")
set_tests_properties(cli.scale_file_copy cli.scale_file_copy_edited PROPERTIES FIXTURES_SETUP copied_scale)
cli_expect(NAME score_copied_catalogue_file CODE 0
  OUTPUT "^id,ucla3,ucla3_category,[^\n]*\nP0001,9,lonely,3,0,\nP0002,6,lonely,3,0,\n"
  ARGS score --data sample:panel_t0.csv --id id --scale-file "${CMAKE_CURRENT_BINARY_DIR}/ucla3_copy.json"
    --items ${ucla_items})
cli_expect(NAME score_edited_catalogue_file CODE 0
  OUTPUT "^id,my_ucla3,my_ucla3_category,[^\n]*\nP0001,9,lonely,3,0,\nP0002,6,not lonely,3,0,\n"
  ARGS score --data sample:panel_t0.csv --id id --scale-file "${CMAKE_CURRENT_BINARY_DIR}/my_ucla3.json"
    --items ${ucla_items})
set_tests_properties(cli.score_copied_catalogue_file cli.score_edited_catalogue_file
  PROPERTIES FIXTURES_REQUIRED copied_scale)
# The installed copy (share/socialcure/scales) is a scale file too.
cli_expect(NAME score_installed_scale_file CODE 0 OUTPUT "^id,ucla3,ucla3_category,[^\n]*\nP0001,9,lonely,"
  ARGS score --data sample:panel_t0.csv --id id
    --scale-file "${stage}/${CMAKE_INSTALL_DATADIR}/socialcure/scales/ucla3.json" --items ${ucla_items})
set_tests_properties(cli.score_installed_scale_file PROPERTIES FIXTURES_REQUIRED staged_install)
