# CTest cases for `socialcure mediate` and `socialcure mediate-within` (included after
# cli_tests.cmake: uses cli_expect). Expected point estimates come from R lm
# (tests/reference/mediation/point.ref.csv, make_reference.R), matched to the digits shown.
set(mediation_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/mediation/data")
set(pmi_args mediate --data "${mediation_data}/tal_or.csv" --x cond --y reaction --seed 7 --boot 1000)

# pmi, simple: a = 0.4765251989, ab = 0.2413354643, first-order Sobel SE 0.1280109862.
cli_expect(NAME mediate_text CODE 0
  OUTPUT "PROCESS model 4.*OUTCOME VARIABLE:.*pmi.*cond +0\\.4765.*TOTAL EFFECT MODEL.*ind1 +0\\.2413.*ind1 +cond -> pmi -> reaction.*Random number seed: 7"
  ARGS ${pmi_args} --m pmi)
cli_expect(NAME mediate_json CODE 0 JSON_KEY schema
  OUTPUT "\"schema\": \"socialcure.mediation/1\".*\"n\": 123.*\"from\": \"cond\",[^}]*\"to\": \"pmi\",[^}]*\"estimate\": 0\\.476525198938.*\"path\": .[^a-z]*\"cond\",[^a-z]*\"pmi\",[^a-z]*\"reaction\"[^}]*\"estimate\": 0\\.241335464318.*\"sobel\": {[^}]*\"se\": 0\\.128010986162.*\"bootstrap\": {[^}]*\"samples\": 1000,[^}]*\"seed\": 7,"
  ARGS ${pmi_args} --m pmi --format json)
# pmi, serial import -> pmi: the three paths in PROCESS order (R: 0.2033443555, 0.1402043389, 0.0487504390).
cli_expect(NAME mediate_serial CODE 0
  OUTPUT "PROCESS model 6.*ind1 +0\\.2033.*ind2 +0\\.1402.*ind3 +0\\.0488.*TOTAL +0\\.3923.*ind3 +cond -> import -> pmi -> reaction"
  ARGS ${pmi_args} --m import,pmi --model serial)
cli_expect(NAME mediate_bca CODE 0 OUTPUT "bca confidence intervals: 1000"
  ARGS ${pmi_args} --m pmi --ci bca)
cli_expect(NAME mediate_monte_carlo CODE 0 OUTPUT "MCSE.*Monte Carlo samples for monte_carlo"
  ARGS ${pmi_args} --m import,pmi --ci monte-carlo)
cli_expect(NAME mediate_hc3 CODE 0 OUTPUT "Heteroscedasticity-consistent standard errors: hc3"
  ARGS ${pmi_args} --m pmi --se hc3 --covariates gender,age)
cli_expect(NAME mediate_missing_counted CODE 0 OUTPUT "Sample size: 163 \\(467 cases excluded for missing values: gp_visits_t1 466 ucla1_t1 467"
  ARGS mediate --data sample:panel_wide.csv --x gp_visits_t0 --m ucla1_t1 --y gp_visits_t1 --seed 1 --boot 1000)
# MEMORE on Dohle & Siegrist (complex - simple): a = 0.8, c' = -0.0851340884, ab = -0.4785022752.
cli_expect(NAME mediate_within CODE 0
  OUTPUT "Within-subject mediation \\(MEMORE\\).*willing_complex - willing_simple.*ind1 +-0\\.4785"
  ARGS mediate-within --data "${mediation_data}/dohle.csv" --m hazard_simple:hazard_complex
    --y willing_simple:willing_complex --seed 3 --boot 1000)
cli_expect(NAME mediate_within_json CODE 0 JSON_KEY schema
  OUTPUT "\"design\": \"within\".*\"direct_effect\": {[^}]*\"estimate\": -0\\.0851340884391.*\"standardized\": null"
  ARGS mediate-within --data "${mediation_data}/dohle.csv" --m hazard_simple:hazard_complex
    --y willing_simple:willing_complex --seed 3 --boot 1000 --format json)
cli_expect(NAME mediate_within_bad_pair CODE 2 ERROR "is not FIRST:SECOND"
  ARGS mediate-within --data "${mediation_data}/dohle.csv" --m hazard_simple --y willing_simple:willing_complex)
cli_expect(NAME mediate_missing_x CODE 2 ARGS mediate --data "${mediation_data}/tal_or.csv" --m pmi --y reaction)
cli_expect(NAME mediate_unknown_column CODE 1 ONE_LINE ERROR "no column named 'nope'"
  ARGS ${pmi_args} --m nope)
cli_expect(NAME mediate_serial_needs_two CODE 1 ONE_LINE ERROR "a serial model needs 2 to 4 mediators \\(1 given\\)"
  ARGS ${pmi_args} --m pmi --model serial)
cli_expect(NAME mediate_too_few_replicates CODE 1 ONE_LINE ERROR "10 replicates are too few for a 95% interval"
  ARGS mediate --data "${mediation_data}/tal_or.csv" --x cond --y reaction --m pmi --boot 10)
cli_expect(NAME mediate_variable_twice CODE 1 ONE_LINE ERROR "'pmi' is used twice in the model"
  ARGS ${pmi_args} --m pmi,pmi)
# The path diagram: written to a file (here stderr, so that the test can read it).
cli_expect(NAME mediate_svg CODE 0 ERROR "<svg xmlns=\"http://www.w3.org/2000/svg\".*>a1 = 0\\.627</text>.*</svg>"
  ARGS ${pmi_args} --m import,pmi --model serial --svg /dev/stderr)
cli_expect(NAME mediate_dot CODE 0 ERROR "digraph mediation.*n1 -> n2 .label=\"d21 = 0\\.196\".;"
  ARGS ${pmi_args} --m import,pmi --model serial --dot /dev/stderr)
# Sensitivity of the ACME to rho (tests/reference/mediation_sensitivity/make_reference.R, R lm):
# Tal-Or pmi, ACME(0) = 0.2413354643, zero at rho = rho~ = 0.4300756403 (R2*_M R2*_Y 0.1849650564),
# ACME(0.3) = 0.0820174170.
cli_expect(NAME mediate_sensitivity_text CODE 0
  OUTPUT "SENSITIVITY OF THE INDIRECT EFFECT.*ACME at rho = 0: 0\\.2413.*ACME = 0 at rho = 0\\.4301: .* 18\\.5% .*0\\.30 +0\\.0820"
  ARGS ${pmi_args} --m pmi --sensitivity)
cli_expect(NAME mediate_sensitivity_json CODE 0 JSON_KEY sensitivity
  OUTPUT "\"sensitivity\": {.*\"ci_method\": \"delta\".*\"rho_at_zero\": 0\\.43007564031.*\"r2_product_at_zero\": 0\\.1849650563.*\"curve\": ..*\"rho\": 0\\.3,[^}]*\"acme\": 0\\.08201741703"
  ARGS ${pmi_args} --m pmi --sensitivity --format json)
cli_expect(NAME mediate_sensitivity_svg CODE 0 ERROR "<svg xmlns=.*ACME of cond → pmi → reaction against rho.*class=\"root\".*</svg>"
  ARGS ${pmi_args} --m pmi --sensitivity-svg /dev/stderr --rho-step 0.05)
cli_expect(NAME mediate_sensitivity_one_mediator CODE 2 ERROR "--sensitivity: is for a simple mediation model"
  ARGS ${pmi_args} --m import,pmi --sensitivity)
cli_expect(NAME mediate_sensitivity_model4_only CODE 2 ERROR "--sensitivity: is for a simple mediation model"
  ARGS ${pmi_args} --m import,pmi --model serial --sensitivity)
cli_expect(NAME mediate_sensitivity_gaussian_only CODE 2 ERROR "--sensitivity: is for a linear outcome \\(--family gaussian\\)"
  ARGS ${pmi_args} --m pmi --family poisson --sensitivity)
