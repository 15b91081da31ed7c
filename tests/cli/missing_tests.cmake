# CTest cases for `socialcure missing` (included after cli_tests.cmake: uses cli_expect). Expected
# numbers are R's (tests/reference/missing/missing.ref.csv from make_reference.R: mice::md.pattern,
# lavaan's h1 EM, Little's d^2), matched to the digits shown.
set(missing_air "${CMAKE_CURRENT_SOURCE_DIR}/reference/missing/data/airquality.csv")
set(missing_air_args missing --data "${missing_air}" --vars ozone,solar_r,wind,temp,month,day)
cli_expect(NAME missing_text CODE 0
  OUTPUT "153 rows, 111 complete.*ozone +116 +37 +24\\.2.*111 +1 +1 +1 +1 +1 +1 +0.*missing +0 +0 +0 +0 +7 +37 +44.*Little's MCAR test: chi2\\(14\\) = 35\\.106, p = 0\\.001"
  ARGS ${missing_air_args})
cli_expect(NAME missing_json CODE 0 JSON_KEY little_mcar
  OUTPUT "\"schema\": \"socialcure.missing/1\".*\"columns\": .[^\"]+\"wind\".*\"converged\": true.*\"loglik\": -3123\\.979.*\"chi_square\": 35\\.10617[0-9]*,[^a-z]+\"df\": 14"
  ARGS ${missing_air_args} --format json)
cli_expect(NAME missing_em_mean CODE 0 OUTPUT "\"means\": .[^0-9]+42\\.52"
  ARGS ${missing_air_args} --format json)
cli_expect(NAME missing_synthetic_drops_empty_rows CODE 0 OUTPUT "from 627 rows \\(3 rows with nothing observed dropped\\)"
  ARGS missing --data "${CMAKE_CURRENT_SOURCE_DIR}/reference/missing/data/synthetic_panel.csv"
       --vars lonely_t0,belong_t0,wellbeing_t0,lonely_t1,belong_t1)
cli_expect(NAME missing_sample CODE 0 OUTPUT "Little's MCAR test: chi2"
  ARGS missing --data sample:panel_wide.csv --vars age,ucla1_t0,belong1_t0,ucla1_t1,belong1_t1)
cli_expect(NAME missing_one_variable CODE 1 ONE_LINE ERROR "at least 2 variables"
  ARGS missing --data "${missing_air}" --vars ozone)
cli_expect(NAME missing_text_column CODE 1 ONE_LINE ERROR "'gender'.*text column"
  ARGS missing --data sample:panel_wide.csv --vars age,gender)
cli_expect(NAME missing_unknown_column CODE 1 ONE_LINE ERROR "nope"
  ARGS missing --data "${missing_air}" --vars ozone,nope)
cli_expect(NAME missing_not_converged CODE 1 ONE_LINE ERROR "did not converge in 2 iterations"
  ARGS ${missing_air_args} --em-max-iterations 2)
cli_expect(NAME missing_needs_vars CODE 2 ARGS missing --data "${missing_air}")
# tests/cli/data/missing_degenerate.csv: d is empty, c = a + b wherever both are observed.
cli_expect(NAME missing_variable_missing_for_everyone CODE 1 ONE_LINE
  ERROR "missing_degenerate.csv: column 'd': the variable is missing for everyone"
  ARGS missing --data "${cli_data}/missing_degenerate.csv" --vars a,d)
cli_expect(NAME missing_not_positive_definite CODE 1 ONE_LINE
  ERROR "missing_degenerate.csv: column .c.: the covariance matrix of a, b, c .* is not positive definite"
  ARGS missing --data "${cli_data}/missing_degenerate.csv" --vars a,b,c)
