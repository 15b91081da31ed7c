# Tests of `socialcure regress --imputations` (a long file of imputed data sets, pooled by Rubin's
# rules). Included after cli_tests.cmake, which defines cli_expect(), ${tool} and ${cli_data}.
# The long file is mice's nhanes imputed m = 5 times (tests/reference/pooling/make_reference.R);
# mice::pool gives bmi 5.87918 (SE 2.25855, df 6.906, fmi 0.570) for lm(chl ~ age + bmi).
set(pooling_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/pooling/data")

cli_expect(NAME regress_imputations_ols_text CODE 0
  OUTPUT "pooled over 5 imputations \\(column '.imp'\\).*complete-data df 22.*bmi +5\\.87918 +2\\.25855 +2\\.603 +6\\.906 .* 0\\.570 "
  ARGS regress --data "${pooling_data}/nhanes_long.csv" --y chl --x age,bmi --imputations .imp)
cli_expect(NAME regress_imputations_ols_json CODE 0 JSON_KEY missing_method
  OUTPUT "\"schema\": \"socialcure.regression/1\".*\"missing_method\": \"mi\".*\"imputations\": 5.*\"term\": \"bmi\".*\"df\": 6\\.906.*\"fmi\": 0\\.5698"
  ARGS regress --data "${pooling_data}/nhanes_long.csv" --y chl --x age,bmi --imputations .imp --format json)
cli_expect(NAME regress_imputations_poisson CODE 0
  OUTPUT "GLM \\(poisson, log link\\).*pooled over 5 imputations.*rate ratio.*bmi +0\\.0326683 .*1\\.03321"
  ARGS regress --data "${pooling_data}/nhanes_long.csv" --y chl --x age,bmi --family poisson --imputations .imp)
cli_expect(NAME regress_imputations_original_left_out CODE 0
  OUTPUT "bmi +5\\.87918.*Note: 25 rows of imputation 0 \\(the original, incomplete data\\) left out"
  ARGS regress --data "${pooling_data}/nhanes_long_include.csv" --y chl --x age,bmi --imputations .imp)
cli_expect(NAME regress_imputations_missing_number CODE 1 ONE_LINE
  ERROR "imputations_missing_number.csv:6: column '.imp': the imputation number is missing"
  ARGS regress --data "${cli_data}/imputations_missing_number.csv" --y y --x x --imputations .imp)
cli_expect(NAME regress_imputations_single CODE 1 ONE_LINE ERROR "a single imputation \\(1\\): pooling needs at least 2"
  ARGS regress --data "${cli_data}/imputations_single.csv" --y y --x x --imputations .imp)
cli_expect(NAME regress_imputations_unequal CODE 1 ONE_LINE ERROR "imputation 2 has 2 rows but imputation 1 has 3"
  ARGS regress --data "${cli_data}/imputations_unequal.csv" --y y --x x --imputations .imp)
cli_expect(NAME regress_imputations_unknown_column CODE 1 ONE_LINE ERROR "imp"
  ARGS regress --data "${pooling_data}/nhanes_long.csv" --y chl --x age,bmi --imputations imp)
cli_expect(NAME regress_imputations_evalue CODE 1 ONE_LINE ERROR "--evalue is not available with --imputations"
  ARGS regress --data "${pooling_data}/nhanes_long.csv" --y chl --x age,bmi --imputations .imp --evalue)

# change --imputations: the bundled sample's UCLA-3 totals imputed by mice (panel_long.csv);
# mice::pool.scalar gives a mean change of -0.294921 (fmi 0.907) and d_z -0.181953.
cli_expect(NAME change_imputations_text CODE 0
  OUTPUT "pooled over 5 imputations.*630 pairs in each imputation.*mean_change +-0\\.294921 .* 0\\.907 .*d_z +-0\\.181953"
  ARGS change --data "${pooling_data}/panel_long.csv" --pre ucla_t0 --post ucla_t1 --imputations .imp)
cli_expect(NAME change_imputations_json CODE 0 JSON_KEY d_z
  OUTPUT "\"schema\": \"socialcure.change_pooled/1\".*\"missing_method\": \"mi\".*\"mean_change\": \\{.*\"fmi\": 0\\.9068"
  ARGS change --data "${pooling_data}/panel_long.csv" --pre ucla_t0 --post ucla_t1 --imputations .imp --format json)
cli_expect(NAME change_imputations_refuses_rci CODE 1 ONE_LINE ERROR "only the mean change and d_z are pooled"
  ARGS change --data "${pooling_data}/panel_long.csv" --pre ucla_t0 --post ucla_t1 --imputations .imp
    --reliability 0.8)
