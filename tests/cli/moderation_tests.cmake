# CTest cases for `socialcure moderate` and `socialcure moderate-within` (included after
# cli_tests.cmake: uses cli_expect). Expected values come from R (lm, anova, sandwich, closed-form
# Johnson-Neyman): tests/reference/moderation/moderation.ref.csv (make_reference.R), matched to the
# digits shown.
set(moderation_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/moderation/data")
set(garcia_args moderate --data "${moderation_data}/garcia.csv" --x prot2 --w sexism --y liking)

# Garcia (Hayes' protest data): b3 = 0.83355268, F = 11.712570 on (1, 125); effects at the
# percentiles 4.25, 5.12, 5.896: -0.2301, 0.4951, 1.1420; JN 3.5087 (1.5504 / 98.4496) and 4.9753.
cli_expect(NAME moderate_text CODE 0
  OUTPUT "PROCESS model 1.*Int_1 +0\\.8336.*Int_1 +: +prot2\\*sexism.*prot2\\*sexism +0\\.0812 +11\\.7126 +1 +125 +0\\.0008.*4\\.2500 +-0\\.2301.*5\\.1200 +0\\.4951.*5\\.8960 +1\\.1420.*3\\.5087 +1\\.5504 +98\\.4496.*4\\.9753 +44\\.1860 +55\\.8140.*Data for visualizing"
  ARGS ${garcia_args} --jn)
cli_expect(NAME moderate_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.moderation/1\".*\"n\": 129.*\"term\": \"prot2\\*sexism\",[^}]*\"estimate\": 0\\.83355267924.*\"interactions\": .[^}]*\"r2_change\": 0\\.08119241547[^}]*\"f\": 11\\.7125698530.*\"conditional_effects\": .[^}]*\"w\": 4\\.25,[^}]*\"effect\": -0\\.2300543438.*\"johnson_neyman\": {[^}]*\"value\": 3\\.50871245"
  ARGS ${garcia_args} --jn --format json)
cli_expect(NAME moderate_json_no_jn CODE 0 JSON_KEY johnson_neyman OUTPUT "\"johnson_neyman\": null"
  ARGS ${garcia_args} --format json)
# mean -/+ SD: the effect at 4.333215 is -0.16069; HC3: F(hc3) = 5.5073, SE at 4.25 0.2672.
cli_expect(NAME moderate_probe_sd CODE 0 OUTPUT "4\\.3332 +-0\\.1607.*the mean and \\+/- 1 SD"
  ARGS ${garcia_args} --probe sd)
cli_expect(NAME moderate_hc3 CODE 0 OUTPUT "F\\(hc3\\).*prot2\\*sexism +0\\.0812 +5\\.5073.*4\\.2500 +-0\\.2301 +0\\.2672"
  ARGS ${garcia_args} --se hc3)
cli_expect(NAME moderate_values_outside CODE 0 OUTPUT "Note: probe value 8 of 'sexism' is outside the observed range"
  ARGS ${garcia_args} --probe 3,5,8)
# model 3 (Z = anger): F for X*W*Z 1.4662; model 2 (synthetic, Z dichotomous, centring of the
# continuous ones): joint F 3.4214; the 5 incomplete rows are counted.
cli_expect(NAME moderate_model3 CODE 0 OUTPUT "PROCESS model 3.*prot2\\*sexism\\*anger +[0-9.]+ +1\\.4662.*Test of conditional X\\*W interaction"
  ARGS moderate --data "${moderation_data}/garcia.csv" --x prot2 --w sexism --z anger --y liking --model 3)
cli_expect(NAME moderate_model2 CODE 0
  OUTPUT "PROCESS model 2.*Sample size: 235 \\(5 excluded listwise: missing w 2, c1 3\\).*BOTH +[0-9.]+ +3\\.4214 +2 +227.*mean centred prior to analysis \\(continuous\\): x .*w "
  ARGS moderate --data "${moderation_data}/synthetic_moderation.csv" --x x --w w --z d --y y --covariates c1,c2
    --center continuous)
# the two-instance model: lonely_post - lonely_pre on age, d1 = -0.0025462, F = 0.05549,
# JN 46.9263 and 61.2016.
cli_expect(NAME moderate_within CODE 0
  OUTPUT "two-instance change \\(MEMORE\\).*lonely_post - lonely_pre.*age +-0\\.0025.*age +0\\.0010 +0\\.0555.*29\\.7600 +-0\\.3360.*46\\.9263.*61\\.2016"
  ARGS moderate-within --data "${CMAKE_CURRENT_SOURCE_DIR}/reference/change/data/synthetic_prepost.csv"
    --first lonely_pre --second lonely_post --w age --jn)
cli_expect(NAME moderate_within_json CODE 0 JSON_KEY schema OUTPUT "\"design\": \"within\".*\"y\": \"lonely_pre - lonely_post\""
  ARGS moderate-within --data "${CMAKE_CURRENT_SOURCE_DIR}/reference/change/data/synthetic_prepost.csv"
    --first lonely_pre --second lonely_post --w age --difference first-minus-second --format json)
# bad input
cli_expect(NAME moderate_w_is_x CODE 1 ONE_LINE ERROR "'prot2' is both X and W"
  ARGS moderate --data "${moderation_data}/garcia.csv" --x prot2 --w prot2 --y liking)
cli_expect(NAME moderate_unknown_column CODE 1 ONE_LINE ERROR "nope"
  ARGS moderate --data "${moderation_data}/garcia.csv" --x prot2 --w nope --y liking)
cli_expect(NAME moderate_bad_probe CODE 2 ERROR "'low' is not a number"
  ARGS ${garcia_args} --probe low)
cli_expect(NAME moderate_model3_needs_z CODE 1 ONE_LINE ERROR "Z is not named"
  ARGS ${garcia_args} --model 3)
cli_expect(NAME moderate_jn_svg_needs_jn CODE 2 ERROR "needs --jn"
  ARGS ${garcia_args} --jn-svg /dev/stderr)
# figures, written to stderr so that the test can read them
cli_expect(NAME moderate_svg CODE 0 ERROR "<svg xmlns=\"http://www.w3.org/2000/svg\".*<polyline.*sexism = 4\\.25</text>.*</svg>"
  ARGS ${garcia_args} --svg /dev/stderr)
cli_expect(NAME moderate_jn_svg CODE 0 ERROR "<svg xmlns=\"http://www.w3.org/2000/svg\".*class=\"significant\".*class=\"transition\".*>3\\.509</text>.*</svg>"
  ARGS ${garcia_args} --jn --jn-svg /dev/stderr)
