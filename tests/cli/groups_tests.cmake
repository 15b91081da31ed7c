# CTest cases for `socialcure groups` (included after cli_tests.cmake: uses cli_expect, ${cli_data}).
set(groups_args --data sample:groups_long.csv --id id --wave wave --group group --category category
  --identification identification --pathway pathway)
# Values from the independent R implementation (tests/reference/groups/README.md): mean groups
# 1400/630 = 2.222 at t0 and 464/164 = 2.829 at t1; 99 of 164 (60.4%) gained a group.
cli_expect(NAME groups_text CODE 0 OUTPUT "t0 +630 +2\\.222.*t1 +164 +2\\.829.*60\\.4% gained at least one group"
  ARGS groups ${groups_args})
cli_expect(NAME groups_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.groups/1\".*\"n_people\": 630.*\"share_gained_any\": 0\\.6036585365853658"
  ARGS groups ${groups_args} --format json)
cli_expect(NAME groups_csv CODE 0 OUTPUT "^id,surveyed_t0,n_groups_t0,"
  ARGS groups ${groups_args} --format csv)
cli_expect(NAME groups_unknown_wave CODE 1 ONE_LINE ERROR "no wave 't9'"
  ARGS groups ${groups_args} --to t9)
cli_expect(NAME groups_duplicate_group CODE 1 ONE_LINE
  ERROR "groups_duplicate\\.csv:3: column 'group', respondent 'A', item 'choir': the person lists this group twice"
  ARGS groups --data "${cli_data}/groups_duplicate.csv" --id id --wave wave --group group --identification identification)
cli_expect(NAME groups_duplicate_excluded CODE 0 OUTPUT "1 rows excluded"
  ARGS groups --data "${cli_data}/groups_duplicate.csv" --id id --wave wave --group group --identification identification
    --on-invalid exclude)
cli_expect(NAME groups_missing_required_option CODE 2 ARGS groups --data sample:groups_long.csv --id id --wave wave)
cli_expect(NAME groups_fixed_waves_reject_unknown CODE 1 ONE_LINE ERROR "column 'wave', respondent 'P0001': unknown wave: \"t0\" \\(allowed: baseline, followup\\)"
  ARGS groups ${groups_args} --waves baseline,followup)
cli_expect(NAME groups_svg CODE 0 ERROR "<svg xmlns.*>t0 \\(n = 630\\)</text>.*>t1 \\(n = 164\\)</text>.*</svg>"
  ARGS groups ${groups_args} --svg /dev/stderr)
