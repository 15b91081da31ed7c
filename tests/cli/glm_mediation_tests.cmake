# CTest cases for `socialcure mediate --family poisson|negbin|binomial` (included after
# cli_tests.cmake: uses cli_expect). Expected values from R (lm, MASS::glm.nb, glm and the effects
# written out path by path): tests/reference/natural_effects/point.ref.csv, make_reference.R,
# matched to the digits shown.
set(natural_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/natural_effects/data")
set(nb_args mediate --data "${natural_data}/serial_count.csv" --x groups --m belong,lonely --y visits --covariates age
  --model serial --family negbin --seed 3 --boot 200)
set(poisson_args mediate --data "${natural_data}/parallel.csv" --x prescribed --m m1,m2 --y y --covariates c1
  --family poisson --interaction --seed 3 --boot 200)

# R: NDE 0.833440, NIE 0.906272, total 0.755323 (24.5% fewer), ACME -0.340686, total effect -0.970155.
cli_expect(NAME mediate_negbin_text CODE 0
  OUTPUT "negative binomial NB2, log link.*OUTCOME VARIABLE:\n belong.*OUTCOME VARIABLE:\n lonely.*theta: .*direct \\(NDE\\) +0\\.8334.*indirect \\(NIE\\) +0\\.9063.*total +0\\.7553.*ACME \\(average\\) +-0\\.3407.*total effect +-0\\.9702.*24\\.5% fewer visits \\(rate ratio 0\\.755.*0\\.97 fewer visits per person"
  ARGS ${nb_args})
cli_expect(NAME mediate_negbin_json CODE 0 JSON_KEY causal_effects
  OUTPUT "\"family\": \"negbin\",[^}]*\"link\": \"log\",.*\"x0\": 0\\.452380952380.*\"x1\": 2\\.28655202162.*\"path\": .[^a-z]*\"groups\",[^a-z]*\"belong\",[^a-z]*\"lonely\",[^a-z]*\"visits\".*\"ratio_effects\": .*\"label\": \"nde\",[^}]*\"estimate\": 0\\.833439568.*\"causal_effects\": .*\"label\": \"acme_average\",[^}]*\"estimate\": -0\\.340686151"
  ARGS ${nb_args} --format json)
# The offset as given (log months) and as an exposure (months) are the same model; R: NIE 1.110895, ACME 0.156823.
cli_expect(NAME mediate_poisson_offset CODE 0
  OUTPUT "Y : y \\(offset log_months\\).*indirect \\(NIE\\) +1\\.1109.*ACME \\(average\\) +0\\.1568.*over each one's own exposure"
  ARGS ${poisson_args} --offset log_months)
cli_expect(NAME mediate_poisson_exposure CODE 0
  OUTPUT "Y : y \\(offset log\\(months\\)\\).*indirect \\(NIE\\) +1\\.1109.*ACME \\(average\\) +0\\.1568"
  ARGS ${poisson_args} --exposure months)
cli_expect(NAME mediate_binomial_words CODE 0
  OUTPUT "Natural effects as odds ratios.*percentage points higher probability of ybin.*rare outcome"
  ARGS mediate --data "${natural_data}/parallel.csv" --x prescribed --m m1 --y ybin --covariates c1 --family binomial
    --seed 3 --boot 200)
# BCa (the jackknife's acceleration in the JSON) and Monte Carlo intervals with a count outcome.
cli_expect(NAME mediate_negbin_bca CODE 0 JSON_KEY causal_effects
  OUTPUT "\"causal_effects\": .*\"label\": \"acme_average\",[^}]*\"estimate\": -0\\.340686151[^}]*\"acceleration\": -?[0-9].*\"ci_method\": \"bca\""
  ARGS ${nb_args} --ci bca --format json)
cli_expect(NAME mediate_negbin_monte_carlo CODE 0
  OUTPUT "ACME \\(average\\) +-0\\.3407.*Monte Carlo: each equation's coefficients drawn"
  ARGS ${nb_args} --ci monte-carlo)
cli_expect(NAME mediate_glm_cluster_monte_carlo CODE 1 ONE_LINE ERROR "Monte Carlo intervals .* cannot resample clusters"
  ARGS ${nb_args} --cluster age --ci monte-carlo)
# A probit outcome: R (make_probit_reference.R, integrate()) ACME 0.059073, total effect 0.117004; no odds ratios.
cli_expect(NAME mediate_probit CODE 0
  OUTPUT "binary outcome \\(probit link\\).*ACME \\(average\\) +0\\.0591.*total effect +0\\.1170.*percentage points higher probability of ybin.*no ratio effects"
  ARGS mediate --data "${natural_data}/parallel.csv" --x prescribed --m m1 --y ybin --covariates c1 --family binomial
    --link probit --interaction --seed 3 --boot 200)

# Bad input and options that do not go together.
cli_expect(NAME mediate_poisson_not_a_count CODE 1 ONE_LINE ERROR "serial_count.csv:[0-9]+: column 'belong': a count must be"
  ARGS mediate --data "${natural_data}/serial_count.csv" --x groups --m lonely --y belong --family poisson --boot 50)
cli_expect(NAME mediate_binomial_not_binary CODE 1 ONE_LINE ERROR "serial_count.csv:[0-9]+: column 'visits': a binary outcome must be 0 or 1"
  ARGS mediate --data "${natural_data}/serial_count.csv" --x groups --m lonely --y visits --family binomial --boot 50)
cli_expect(NAME mediate_equal_x_values CODE 1 ONE_LINE ERROR "x0 and x1 must differ, got 1 twice"
  ARGS ${nb_args} --x-values 1,1)
cli_expect(NAME mediate_link_poisson CODE 2 ERROR "--link: is for --family binomial"
  ARGS ${poisson_args} --link probit)
cli_expect(NAME mediate_offset_gaussian CODE 2 ERROR "--offset: is for a count or binary outcome"
  ARGS mediate --data "${natural_data}/parallel.csv" --x prescribed --m m1 --y y --offset log_months)
cli_expect(NAME mediate_offset_binomial CODE 2 ERROR "--offset: is for count outcomes"
  ARGS mediate --data "${natural_data}/parallel.csv" --x prescribed --m m1 --y ybin --family binomial --offset log_months)
cli_expect(NAME mediate_exposure_not_positive CODE 1 ONE_LINE
  ERROR "bad_exposure.csv:3: column 'months': an exposure must be positive \\(its log is the offset\\): \"0\""
  ARGS mediate --data "${CMAKE_CURRENT_SOURCE_DIR}/cli/data/bad_exposure.csv" --x x --m m --y y --family poisson
    --exposure months --boot 50)

# The cluster bootstrap (--cluster; its agreement with R is checked in
# tests/analyses/cluster_bootstrap_test.cpp).
set(practices "${CMAKE_CURRENT_SOURCE_DIR}/reference/cluster/data/practices.csv")
cli_expect(NAME mediate_cluster_bootstrap CODE 0
  OUTPUT "The bootstrap resampled whole clusters: 40 values of practice"
  ARGS mediate --data "${practices}" --x groups --m score --y visits --covariates age --cluster practice --seed 2 --boot 200)
cli_expect(NAME mediate_cluster_negbin_json CODE 0 JSON_KEY causal_effects
  OUTPUT "\"cluster\": \"network\",[^}]*\"clusters\": 12.*\"notes\": .[^a-z]*\"the bootstrap resampled 12 clusters of network"
  ARGS mediate --data "${practices}" --x groups --m score --y visits_nb --covariates age --family negbin --cluster network
    --seed 2 --boot 100 --format json)
cli_expect(NAME mediate_cluster_monte_carlo CODE 1 ONE_LINE ERROR "Monte Carlo intervals .* cannot resample clusters"
  ARGS mediate --data "${practices}" --x groups --m score --y visits --cluster practice --ci monte-carlo --boot 100)
# y is 1 exactly when m > 1: separation in the logistic outcome is reported, not a huge estimate.
cli_expect(NAME mediate_binomial_separation CODE 1 ONE_LINE
  ERROR "separated\\.csv: model for 'y': \\(quasi-\\)complete separation: the fitted probability of 12 case\\(s\\) is 0 or 1"
  ARGS mediate --data "${CMAKE_CURRENT_SOURCE_DIR}/cli/data/separated.csv" --x x --m m --y y --family binomial --boot 50)
