# Tests of `socialcure regress` through its command line. Included after cli_tests.cmake, which
# defines cli_expect(), ${tool} and ${cli_data}.
set(regress_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/regression/data")

# OLS: text and JSON.
cli_expect(NAME regress_ols_text CODE 0
  OUTPUT "Linear regression \\(OLS\\) of stack_loss.*Air_Flow.*Water_Temp.*Acid_Conc.*R-squared: "
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow,Water_Temp,Acid_Conc)
cli_expect(NAME regress_ols_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.regression/1\".*\"family\": \"gaussian\""
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow,Water_Temp,Acid_Conc --format json)
cli_expect(NAME regress_ols_hc3_wald_f CODE 0 OUTPUT "standard errors: hc3.*Wald F \\(hc3\\): "
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow,Water_Temp,Acid_Conc --se hc3)
cli_expect(NAME regress_ols_missing_excluded CODE 0 OUTPUT "n = 111 \\(42 excluded listwise: missing Ozone 37, Solar_R 7\\)"
  ARGS regress --data "${regress_data}/airquality.csv" --y Ozone --x Solar_R,Wind,Temp)

# GLMs.
cli_expect(NAME regress_negbin_theta CODE 0
  OUTPUT "Negative binomial regression.*Eth\\[T\\.N\\].*Lrn\\[T\\.SL\\].*theta: [0-9]"
  ARGS regress --data "${regress_data}/quine.csv" --y Days --family negbin --categorical Eth,Sex,Age,Lrn)
cli_expect(NAME regress_negbin_json_theta CODE 0 JSON_KEY theta OUTPUT "\"family\": \"negbin\".*\"theta\": [0-9]"
  ARGS regress --data "${regress_data}/quine.csv" --y Days --family negbin --categorical Eth,Sex,Age,Lrn --format json)
cli_expect(NAME regress_poisson_offset CODE 0
  OUTPUT "Poisson regression \\(log link\\) of Claims \\(with offset\\).*n = 64 .*rate ratio"
  ARGS regress --data "${regress_data}/insurance.csv" --y Claims --family poisson --offset log_holders
    --categorical District,Group,Age)
cli_expect(NAME regress_binomial_reference_level CODE 0
  OUTPUT "Logistic regression.*odds ratio.*race\\[T\\.black\\].*race\\[T\\.other\\]"
  ARGS regress --data "${regress_data}/birthwt.csv" --y low --family binomial --x age,lwt,smoke,ht,ui
    --categorical race:white)
# The probit link: R's glm(binomial(link = "probit")) gives race[T.black] 0.760661 (birthwt_probit.ref.csv);
# no odds-ratio columns.
cli_expect(NAME regress_probit CODE 0
  OUTPUT "Probit regression \\(binomial, probit link\\) of low.*race\\[T\\.black\\] +0\\.760661"
  ARGS regress --data "${regress_data}/birthwt.csv" --y low --family binomial --link probit --x age,lwt,smoke,ht,ui
    --categorical race:white)
cli_expect(NAME regress_probit_json CODE 0 JSON_KEY link
  OUTPUT "\"link\": \"probit\""
  ARGS regress --data "${regress_data}/birthwt.csv" --y low --family binomial --link probit --x age,lwt --format json)
cli_expect(NAME regress_link_poisson CODE 1 ONE_LINE ERROR "--link probit is for --family binomial"
  ARGS regress --data "${regress_data}/birthwt.csv" --y low --family poisson --link probit --x age)

# Numeric category codes: levels sort numerically (8.5 < 9 < 10), and a numeric reference
# matches however it is written (design.hpp).
cli_expect(NAME regress_numeric_levels_sorted CODE 0 OUTPUT "\\(Intercept\\).*dose\\[T\\.9\\].*dose\\[T\\.10\\]"
  ARGS regress --data "${cli_data}/regress_numeric_levels.csv" --y y --categorical dose)
cli_expect(NAME regress_numeric_reference_written_differently CODE 0 OUTPUT "dose\\[T\\.9\\].*dose\\[T\\.10\\]"
  ARGS regress --data "${cli_data}/regress_numeric_levels.csv" --y y --categorical dose:8.50)

# Usage errors: exit code 2.
cli_expect(NAME regress_missing_y_is_usage_error CODE 2
  ARGS regress --data "${regress_data}/stackloss.csv" --x Air_Flow)
cli_expect(NAME regress_bad_family_is_usage_error CODE 2
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow --family bogus)
cli_expect(NAME regress_bad_se_is_usage_error CODE 2
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow --se hc9)

# Data errors: exit code 1 and a one-line message saying where.
cli_expect(NAME regress_bad_noninteger_count CODE 1 ONE_LINE
  ERROR "regress_noninteger\\.csv:4: column 'y': a count must be a non-negative whole number up to 2\\^53: \"2\\.5\""
  ARGS regress --data "${cli_data}/regress_noninteger.csv" --y y --x x --family poisson)
cli_expect(NAME regress_bad_unknown_column CODE 1 ONE_LINE
  ERROR "regress_noninteger\\.csv: no column named 'nope' \\(available: y, x\\)"
  ARGS regress --data "${cli_data}/regress_noninteger.csv" --y y --x x,nope)
cli_expect(NAME regress_bad_collinear CODE 1 ONE_LINE ERROR "rank deficient: 'x2' = .*x1"
  ARGS regress --data "${cli_data}/regress_collinear.csv" --y y --x x1,x2)
cli_expect(NAME regress_drop_collinear CODE 0 OUTPUT "x2 +\\(aliased\\)"
  ARGS regress --data "${cli_data}/regress_collinear.csv" --y y --x x1,x2 --drop-collinear)
cli_expect(NAME regress_bad_hc_for_glm CODE 1 ONE_LINE ERROR "--se hc3 is available for --family gaussian only"
  ARGS regress --data "${regress_data}/stackloss.csv" --y stack_loss --x Air_Flow --family poisson --se hc3)

# Cluster-robust standard errors (--cluster, --cluster-se; values checked against R in
# tests/models/cluster_covariance_test.cpp).
set(cluster_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/cluster/data/practices.csv")
cli_expect(NAME regress_cluster_cr1_default CODE 0
  OUTPUT "standard errors: cr1, clustered by 'practice' \\(40 clusters\\), t tests on 39 df.*term +estimate +se +t +df.*groups .* 39 .*Wald F \\(cr1\\): [0-9.]+ on 4 and 39 DF"
  ARGS regress --data "${cluster_data}" --y score --x groups,age,female,deprivation --cluster practice)
cli_expect(NAME regress_cluster_cr2_few_clusters_note CODE 0
  OUTPUT "cr2, clustered by 'network' \\(12 clusters\\), t tests on Satterthwaite df.*Note: only 12 clusters \\('network'\\), fewer than 30"
  ARGS regress --data "${cluster_data}" --y score --x groups,age,female,deprivation --cluster network --cluster-se cr2)
cli_expect(NAME regress_cluster_glm_json CODE 0 JSON_KEY clusters
  OUTPUT "\"se_type\": \"cr2\",.*\"covariance\": \"cr2\",.*\"cluster\": \"practice\",.*\"clusters\": 40,.*\"statistic_type\": \"t\",.*\"df\": [0-9.]+,"
  ARGS regress --data "${cluster_data}" --y visits --x groups,age,deprivation --offset log_months --family poisson
    --cluster practice --cluster-se cr2 --format json)
cli_expect(NAME regress_unclustered_json_has_null_cluster CODE 0 JSON_KEY covariance
  OUTPUT "\"covariance\": \"classical\",.*\"cluster\": null,.*\"clusters\": null,.*\"statistic_type\": \"z\",.*\"df\": null"
  ARGS regress --data "${cluster_data}" --y referred --x groups,age --family binomial --format json)
cli_expect(NAME regress_cluster_missing_ids_counted CODE 0
  OUTPUT "n = 549 \\(25 excluded listwise: missing practice_m 25\\).*cr1, clustered by 'practice_m' \\(40 clusters\\)"
  ARGS regress --data "${cluster_data}" --y visits_nb --x groups,age --family negbin --cluster practice_m)
cli_expect(NAME regress_cluster_single_cluster_error CODE 1 ONE_LINE
  ERROR "regress_one_cluster\\.csv: column 'practice': the 4 cases used all belong to one cluster \\('P1'\\): cluster-robust standard errors need at least 2 clusters"
  ARGS regress --data "${cli_data}/regress_one_cluster.csv" --y y --x x --cluster practice)
cli_expect(NAME regress_cluster_se_needs_cluster CODE 2
  ARGS regress --data "${cluster_data}" --y score --x groups --cluster-se cr2)
cli_expect(NAME regress_cluster_bad_cluster_se CODE 2
  ARGS regress --data "${cluster_data}" --y score --x groups --cluster practice --cluster-se cr3)
cli_expect(NAME regress_cluster_and_hc_conflict CODE 1 ONE_LINE ERROR "--se hc3 and --cluster practice both choose the standard errors"
  ARGS regress --data "${cluster_data}" --y score --x groups --cluster practice --se hc3)
cli_expect(NAME regress_cluster_unknown_column CODE 1 ONE_LINE ERROR "no column named 'clinic'"
  ARGS regress --data "${cluster_data}" --y score --x groups --cluster clinic)
# E-values (tests/reference/evalues/make_reference.R): mpg on wt and hp (mtcars), wt as a
# standardized difference b / SD(mpg): E-value 2.9914633146, CI 2.3440092498; Poisson carb on wt,
# rate ratio 1.2694624171: 1.8543319849, CI 1.2254016314; logistic am on wt (40.6%, common,
# sqrt(OR)): 14.438357092, CI 3.0620473677 (R's glm with epsilon 1e-15).
set(evalue_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/evalues/mtcars.csv")
cli_expect(NAME regress_evalue_ols CODE 0
  OUTPUT "E-values \\(VanderWeele & Ding 2017\\): standardized difference.*wt +0\\.5568 +2\\.991 +2\\.344 +upper"
  ARGS regress --data "${evalue_data}" --y mpg --x wt,hp --evalue)
cli_expect(NAME regress_evalue_poisson_json CODE 0 JSON_KEY evalue_method
  OUTPUT "\"term\": \"\\(Intercept\\)\".*\"evalue\": null.*\"term\": \"wt\".*\"evalue\": {[^}]*\"estimate\": 1\\.8543319849[^}]*\"ci\": 1\\.22540163[^}]*\"measure\": \"rate_ratio\""
  ARGS regress --data "${evalue_data}" --y carb --x wt --family poisson --evalue --format json)
cli_expect(NAME regress_evalue_logit_common CODE 0
  OUTPUT "am = 1 in 40\\.6% of the cases, so a common outcome.*wt +0\\.1337 +14\\.438 +3\\.062 +upper"
  ARGS regress --data "${evalue_data}" --y am --x wt --family binomial --evalue)
