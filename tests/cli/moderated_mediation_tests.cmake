# CTest cases for the conditional process models of `socialcure mediate` (--model 7, 8, 14, 15,
# 58, 59 with --w; included after cli_tests.cmake: uses cli_expect). Expected point estimates come
# from R lm (tests/reference/conditional/point.ref.csv, make_reference.R, R 4.2.2), matched to the
# digits shown; the data are those of tests/reference/conditional/data/.
set(conditional_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/conditional/data")
set(garcia_mediate mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --w sexism
  --seed 16 --boot 1000)

# Model 7 on Garcia: X*W in M's equation 0.80998443; omega at the percentiles 4.25, 5.12, 5.896:
# 0.30412670, 0.58768863, 0.84061284; index 0.32593326.
cli_expect(NAME mediate_model7_text CODE 0
  OUTPUT "PROCESS model 7.*W : sexism.*prot2\\*sexism +0\\.8100.*Direct effect of X on Y.*INDIRECT EFFECT:\n prot2 -> respappr -> liking.*4\\.2500 +0\\.3041.*5\\.1200 +0\\.5877.*5\\.8960 +0\\.8406.*Index of moderated mediation:.*sexism +0\\.3259.*ANALYSIS NOTES.*16th, 50th and 84th percentiles.*Random number seed: 16"
  ARGS ${garcia_mediate} --model 7)
cli_expect(NAME mediate_model7_json CODE 0 JSON_KEY conditional_indirect_effects
  OUTPUT "\"process_model\": 7,.*\"moderator\": {[^}]*\"name\": \"sexism\",[^}]*\"values\": .[^a-z]*4\\.25,[^a-z]*5\\.12[0-9]*,[^a-z]*5\\.896[0-9]*[^a-z]*\"labels\".*\"dichotomous\": false.*\"total_effect\": null,.*\"conditional_direct_effects\": null,.*\"indirect_effects\": null,.*\"conditional_indirect_effects\": .[^}]*\"mediator\": \"respappr\",[^}]*\"w\": 4\\.25,[^}]*\"estimate\": 0\\.304126695[^}]*\"boot_se\": [0-9.e-]+,[^}]*\"ci_lower\": [0-9.e-]+,[^}]*\"ci_upper\": [0-9.e-]+.*\"estimate\": 0\\.840612843.*\"index_of_moderated_mediation\": .[^}]*\"mediator\": \"respappr\",[^}]*\"estimate\": 0\\.325933261.*\"standardized\": null"
  ARGS ${garcia_mediate} --model 7 --format json)
# Model 58: omega 0.21487290 at 4.25; contrasts (5.12 - 4.25) 0.34525290, (5.896 - 4.25) 0.77119407;
# the direct effect -0.13052323 does not depend on W; no index (quadratic in W).
cli_expect(NAME mediate_model58_json CODE 0 JSON_KEY contrasts
  OUTPUT "\"process_model\": 58,.*\"direct_effect\": {[^}]*\"estimate\": -0\\.130523229.*\"conditional_direct_effects\": null,.*\"conditional_indirect_effects\": .[^}]*\"w\": 4\\.25,[^}]*\"estimate\": 0\\.214872901.*\"index_of_moderated_mediation\": null,.*\"contrasts\": .[^}]*\"mediator\": \"respappr\",[^}]*\"w_from\": 4\\.25,[^}]*\"w_to\": 5\\.12[0-9]*,[^}]*\"estimate\": 0\\.345252900[^}]*},[^{]*{[^}]*\"w_from\": 4\\.25,[^}]*\"w_to\": 5\\.896[0-9]*,[^}]*\"estimate\": 0\\.771194068.*\"notes\": .*quadratic in the moderator"
  ARGS ${garcia_mediate} --model 58 --format json)
cli_expect(NAME mediate_model58_text CODE 0
  OUTPUT "PROCESS model 58.*respappr\\*sexism +0\\.1140.*4\\.2500 +0\\.2149.*Pairwise contrasts.*4\\.2500 +5\\.1200 +0\\.3453.*4\\.2500 +5\\.8960 +0\\.7712.*No index of moderated mediation: in model 58"
  ARGS ${garcia_mediate} --model 58)
# Model 8, two mediators and two covariates: conditional direct effects 0.32024617, 0.77538869,
# 1.29346531 at 2.0083344, 3.9364735, 6.1312229; index of m1 0.10459380.
cli_expect(NAME mediate_model8_direct CODE 0
  OUTPUT "Conditional direct effect\\(s\\) of X on Y:.*2\\.0083 +0\\.3202.*3\\.9365 +0\\.7754.*6\\.1312 +1\\.2935.*x -> m1 -> y.*Index of moderated mediation:.*w +0\\.1046.*INDIRECT EFFECT:\n TOTAL"
  ARGS mediate --data "${conditional_data}/synthetic.csv" --x x --m m1,m2 --y y --w w --covariates c1,c2
    --model 8 --seed 16 --boot 1000)
# --jn: the Johnson-Neyman point of model 8's conditional direct effect on the synthetic data, from
# R's quadratic (point.ref.csv synthetic8: jn_point1 1.8248307798706318, 12% of w below it).
set(synthetic_model8 mediate --data "${conditional_data}/synthetic.csv" --x x --m m1,m2 --y y --w w
  --covariates c1,c2 --model 8 --seed 16 --boot 200)
cli_expect(NAME mediate_model8_jn_text CODE 0
  OUTPUT "Conditional direct effect\\(s\\) of X on Y:.*6\\.1312 +1\\.2935[^\n]*\n\nModerator value\\(s\\) defining Johnson-Neyman significance region\\(s\\) \\(w, for the conditional direct effect of X on Y\\):.*1\\.8248 +12\\.0000 +88\\.0000.*Conditional direct effect of X on Y at values of the moderator:.*Conditional indirect effects of X on Y:"
  ARGS ${synthetic_model8} --jn)
cli_expect(NAME mediate_model8_jn_json CODE 0 JSON_KEY direct_johnson_neyman
  OUTPUT "\"conditional_direct_effects\": .*\"direct_johnson_neyman\": {[^}]*\"points\": .[^}]*\"value\": 1\\.82483077[0-9]*,[^}]*\"percent_below\": 12\\.0[^}]*}.*\"region\": ."
  ARGS ${synthetic_model8} --jn --format json)
cli_expect(NAME mediate_model8_without_jn CODE 0 JSON_KEY direct_johnson_neyman
  OUTPUT "\"direct_johnson_neyman\": null,.*direct_johnson_neyman is null: not asked for"
  ARGS ${synthetic_model8} --format json)
cli_expect(NAME mediate_jn_needs_moderated_direct_effect CODE 2
  ERROR "--jn: is for the models in which W moderates the direct effect \\(--model 8, 15 or 59\\); in --model 7 the direct effect is not moderated"
  ARGS ${garcia_mediate} --model 7 --jn)
cli_expect(NAME mediate_jn_needs_moderated_model CODE 2 ERROR "--jn: is only for the conditional process models"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --jn)

# --band: the conditional indirect effect on 3 values across W's range 2.87-7 (Garcia's sexism);
# --indirect-svg draws it (25 values without --band); neither for model 4.
cli_expect(NAME mediate_band_json CODE 0 JSON_KEY conditional_indirect_band
  OUTPUT "\"conditional_indirect_band\": .*\"w\": 2\\.87,.*\"w\": 4\\.93[0-9]*,.*\"w\": 7\\.0,"
  ARGS ${garcia_mediate} --model 7 --band 3 --format json)
cli_expect(NAME mediate_without_band CODE 0 JSON_KEY conditional_indirect_band
  OUTPUT "\"conditional_indirect_band\": null,.*conditional_indirect_band is null: not asked for"
  ARGS ${garcia_mediate} --model 7 --format json)
cli_expect(NAME mediate_indirect_svg CODE 0
  ERROR "<svg xmlns.*indirect effect through respappr.*the band at 25 values of sexism across its range.*</svg>"
  ARGS ${garcia_mediate} --model 58 --indirect-svg /dev/stderr)
cli_expect(NAME mediate_band_needs_moderated_model CODE 2 ERROR "--band: is only for the conditional process models"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --band 5)
cli_expect(NAME mediate_band_of_one CODE 2 ERROR "--band"
  ARGS ${garcia_mediate} --model 7 --band 1)

# Model 59, centring the continuous variables only (prot2 is 0/1): probes -0.866977, 0.003023,
# 0.779023 in the centred metric; omega 0.24811270 at the first.
cli_expect(NAME mediate_model59_center CODE 0
  OUTPUT "-0\\.8670 +0\\.2481.*Variables mean centred prior to analysis \\(continuous\\): sexism \\(mean [0-9.]+\\) respappr"
  ARGS ${garcia_mediate} --model 59 --center continuous)
cli_expect(NAME mediate_moderated_probe_sd CODE 0 OUTPUT "the mean and \\+/- 1 SD"
  ARGS ${garcia_mediate} --model 14 --probe sd)
cli_expect(NAME mediate_moderated_probe_values CODE 0 OUTPUT "4\\.0000 .*6\\.0000 .*the values given"
  ARGS ${garcia_mediate} --model 15 --probe 4,6)
cli_expect(NAME mediate_moderated_svg CODE 0
  ERROR "<svg xmlns.*<g class=\"moderation\">.*>sexism</text>.*>prot2\\*sexism = 0\\.810</text>.*</svg>"
  ARGS ${garcia_mediate} --model 7 --svg /dev/stderr)

# Bad combinations: each names the option or the variable and what is allowed.
cli_expect(NAME mediate_moderated_needs_w CODE 2 ERROR "--model 7 needs the moderator W \\(--w VARIABLE"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --model 7)
cli_expect(NAME mediate_w_needs_moderated_model CODE 2
  ERROR "--w: is only for the conditional process models \\(--model 7, 8, 14, 15, 58 or 59\\); --model parallel \\(PROCESS model 4\\) has no moderator"
  ARGS ${garcia_mediate})
cli_expect(NAME mediate_serial_has_no_moderator CODE 2 ERROR "--model serial \\(PROCESS model 6\\) has no moderator"
  ARGS ${garcia_mediate} --model serial)
cli_expect(NAME mediate_probe_needs_moderated_model CODE 2 ERROR "--probe: is only for the conditional process models"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --probe sd)
cli_expect(NAME mediate_center_needs_moderated_model CODE 2 ERROR "--center: is only for the conditional process models"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --model 4 --center all)
cli_expect(NAME mediate_unknown_process_model CODE 2 ERROR "--model: 9 not in"
  ARGS ${garcia_mediate} --model 9)
cli_expect(NAME mediate_within_has_no_w CODE 2 ERROR "--w"
  ARGS mediate-within --data "${conditional_data}/garcia.csv" --m prot2:respappr --y sexism:liking --w anger)
cli_expect(NAME mediate_bad_probe CODE 2 ERROR "--probe: 'low' is not a number"
  ARGS ${garcia_mediate} --model 7 --probe low,6)
foreach(role IN ITEMS "prot2;X" "respappr;a mediator" "liking;Y" "anger;a covariate")
  list(GET role 0 variable)
  list(GET role 1 what)
  string(REPLACE " " "_" name "${what}")
  cli_expect(NAME mediate_w_is_${name} CODE 1 ONE_LINE
    ERROR "the moderator w '${variable}' is also ${what} \\(W must be a variable other than X, Y, the mediators and the covariates\\)"
    ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --covariates anger
      --model 7 --w ${variable} --seed 1 --boot 200)
endforeach()
cli_expect(NAME mediate_w_unknown_column CODE 1 ONE_LINE ERROR "no column named 'nope'"
  ARGS mediate --data "${conditional_data}/garcia.csv" --x prot2 --m respappr --y liking --model 7 --w nope)
