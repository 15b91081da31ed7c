# CTest cases for `socialcure change` and `socialcure attrition` (included after cli_tests.cmake:
# uses cli_expect, ${cli_data}). Expected numbers come from R (tests/reference/change/: paired.ref.csv,
# rci.ref.csv, mcnemar.ref.csv, rate_ratio.ref.csv, attrition.ref.csv), matched to the digits shown.
set(change_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/change/data/synthetic_prepost.csv")
set(lonely_args change --data "${change_data}" --pre lonely_pre --post lonely_post)

# Paired t (R t.test: t = -2.174414138471422, p = 0.0337) and Wilcoxon (V = 668.5, p = 0.07015).
cli_expect(NAME change_text CODE 0
  OUTPUT "60 pairs.*t\\(59\\) = -2\\.1744, p = 0\\.0337.*d_z \\(= SRM\\) +-0\\.2807.*V = 668\\.5, p = 0\\.0701"
  ARGS ${lonely_args})
cli_expect(NAME change_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.change/1\".*\"n\": 60.*\"t\": -2\\.17441413847142.*\"d_z\": -0\\.28071565820192.*\"wilcoxon\": {[^}]*\"V\": 668\\.5,[^}]*\"p\": 0\\.07014602102743"
  ARGS ${lonely_args} --format json)
# Reliable change with r_xx = 0.8, lower is better: 18 improved, 8 deteriorated, 34 unchanged; criterion a: 4 recovered.
cli_expect(NAME change_rci CODE 0 JSON_KEY rci
  OUTPUT "\"rci\": {.*\"unchanged\": 34,.*\"improved\": 18,.*\"deteriorated\": 8,.*\"recovered\": 4,"
  ARGS ${lonely_args} --reliability 0.8 --better lower --criterion a --format json)
cli_expect(NAME change_rci_from_scale_direction CODE 0 OUTPUT "improved 18, deteriorated 8, unchanged 34"
  ARGS ${lonely_args} --reliability 0.8 --scale ucla3)
cli_expect(NAME change_rci_without_direction CODE 0 OUTPUT "increased 8, decreased 18, unchanged 34"
  ARGS ${lonely_args} --reliability 0.8)
# McNemar on dep_pre/dep_post (cut-off 1): R mcnemar.test chi2 = 0.75, p = 0.3865; exact p = 0.3877.
cli_expect(NAME change_mcnemar CODE 0 OUTPUT "chi2 = 0\\.7500 \\(continuity-corrected\\), p = 0\\.386.*exact p = 0\\.388"
  ARGS change --data "${change_data}" --pre dep_pre --post dep_post --cutoff 1)
# GP visits: IRR 0.7513 (Wald 0.6044-0.9340, exact 0.6001-0.9390), -24.9%.
cli_expect(NAME change_rate_ratio CODE 0 JSON_KEY rate_ratio
  OUTPUT "\"rate_ratio\": {[^}]*\"estimate\": 0\\.751322751322751[^}]*\"ci_lower\": 0\\.604360646853[^}]*\"exact_ci_lower\": 0\\.60005123784[^}]*\"percent_change\": -24\\.86772486772"
  ARGS change --data "${change_data}" --pre gp_pre --post gp_post --count --format json)
cli_expect(NAME change_rate_ratio_text CODE 0 OUTPUT "Rate ratio \\(post / pre\\): 0\\.7513.*change -24\\.9%"
  ARGS change --data "${change_data}" --pre gp_pre --post gp_post --count)
# Its E-values (tests/reference/evalues/make_reference.R): 1.9947159749, upper Wald limit 1.3456463184.
cli_expect(NAME change_rate_ratio_evalue CODE 0 JSON_KEY rate_ratio
  OUTPUT "\"evalue\": {[^}]*\"estimate\": 1\\.99471597489[^}]*\"ci\": 1\\.34564631843[^}]*\"measure\": \"rate_ratio\",[^}]*\"limit\": \"upper\""
  ARGS change --data "${change_data}" --pre gp_pre --post gp_post --count --format json)
cli_expect(NAME change_rate_ratio_evalue_text CODE 0 OUTPUT "E-value 1\\.995 \\(CI limit nearer 1: 1\\.346\\)"
  ARGS change --data "${change_data}" --pre gp_pre --post gp_post --count)
cli_expect(NAME change_counts_excluded_reported CODE 0 OUTPUT "164 pairs \\(466 excluded: missing pre or post\\)"
  ARGS change --data sample:panel_wide.csv --pre gp_visits_t0 --post gp_visits_t1)
cli_expect(NAME change_bad_count CODE 1 ONE_LINE
  ERROR "change_bad_count\\.csv:3: column 'visits_post', respondent 'B': a count must be a non-negative whole number up to 2\\^53: \"2\\.5\""
  ARGS change --data "${cli_data}/change_bad_count.csv" --id id --pre visits_pre --post visits_post --count)
cli_expect(NAME change_unknown_column CODE 1 ONE_LINE ERROR "no column named 'nope' \\(available: id, age,"
  ARGS change --data "${change_data}" --pre nope --post lonely_post)
cli_expect(NAME change_reliability_and_items_conflict CODE 2
  ARGS ${lonely_args} --reliability 0.8 --items-pre bel1_pre,bel2_pre)
cli_expect(NAME change_criterion_needs_reliability CODE 2 ERROR "needs --reliability or --items-pre"
  ARGS ${lonely_args} --criterion a --better lower)
cli_expect(NAME change_criterion_b_needs_norm CODE 1 ONE_LINE ERROR "criterion b needs the functional norm"
  ARGS ${lonely_args} --reliability 0.8 --better lower --criterion b)
cli_expect(NAME change_reliability_out_of_range CODE 2 ARGS ${lonely_args} --reliability 1.2)
# Reliability from the pre items: R psych::alpha raw_alpha of bel1_pre..bel4_pre = 0.8297.
cli_expect(NAME change_items_pre_alpha CODE 0 OUTPUT "r_xx = 0\\.830"
  ARGS change --data "${change_data}" --pre bel1_pre --post bel1_post --items-pre bel1_pre,bel2_pre,bel3_pre,bel4_pre)

# Attrition on the bundled panel: R t.test (Welch) for age t = -1.3504, p = 0.178; SMD -0.123;
# gender chi2(2) = 1.1687, p = 0.557 with an expected count of 2.34.
set(attrition_args attrition --data sample:panel_wide.csv --completed completed --vars age,gp_visits_t0,gender)
cli_expect(NAME attrition_text CODE 0
  OUTPUT "164 completed, 466 dropped.*age +164/466.*-1\\.350 +[0-9.]+ +0\\.178 +-0\\.123.*gender: chi2\\(2\\) = 1\\.169, p = 0\\.557.*expected count is below 5"
  ARGS ${attrition_args})
cli_expect(NAME attrition_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.attrition/1\".*\"variable\": \"age\".*\"t\": -1\\.35039796552740"
  ARGS ${attrition_args} --format json)
cli_expect(NAME attrition_if_present CODE 0 OUTPUT "164 completed, 466 dropped"
  ARGS attrition --data sample:panel_wide.csv --completed-if-present gp_visits_t1 --vars age)
cli_expect(NAME attrition_bad_flag CODE 1 ONE_LINE
  ERROR "attrition_bad_flag\\.csv:4: column 'completed', respondent 'C': the completion flag must be 1 \\(completed\\) or 0 \\(dropped out\\): \"2\" \\(allowed: 0 or 1\\)"
  ARGS attrition --data "${cli_data}/attrition_bad_flag.csv" --id id --completed completed --vars age,sex)
cli_expect(NAME attrition_needs_completion CODE 2 ARGS attrition --data sample:panel_wide.csv --vars age)
cli_expect(NAME change_svg CODE 0 ERROR "<svg xmlns.*>lonely_pre -&gt; lonely_post</text>.*n = 60; mean change -0\\.39.*</svg>"
  ARGS ${lonely_args} --svg /dev/stderr)
