# CTest cases for `socialcure mediate --model 7|8|14|15|58|59 --w W --family poisson|negbin|binomial`
# (included after cli_tests.cmake: uses cli_expect). Expected values from R (lm, glm, MASS::glm.nb,
# the effects written out path by path, integrate() for the logit and probit):
# tests/reference/natural_effects/conditional.ref.csv, make_conditional_reference.R, matched to the
# digits shown.
set(conditional_data "${CMAKE_CURRENT_SOURCE_DIR}/reference/natural_effects/data/conditional.csv")
set(m7_args mediate --data "${conditional_data}" --x x --m m1,m2 --y y --w w --model 7 --family poisson
  --exposure months --covariates c1 --seed 3 --boot 200)

# R: omega_m1(16th percentile 1.1216) 0.061102, index m1 0.052430, NIE at the median 1.041964,
# ACME (average) at the 84th percentile 0.186482.
cli_expect(NAME mediate_glm_model7_text CODE 0
  OUTPUT "PROCESS model 7 \\(conditional process.*W : w.*x -> m1 -> y.*1\\.1216 +0\\.0611 .*Index of moderated mediation:.*w +0\\.0524 .*WITH w = 2\\.02.*indirect \\(NIE\\) +1\\.0420.*WITH w = 3\\.098.*ACME \\(average\\) +0\\.1865.*In words, with w = 3\\.098:.*through the mediators"
  ARGS ${m7_args})
cli_expect(NAME mediate_glm_model7_json CODE 0 JSON_KEY conditional_causal_effects
  OUTPUT "\"family\": \"poisson\",.*\"process_model\": 7,.*\"moderator\": [^}]*\"values\": [^}]*1\\.1216.*\"conditional_indirect_effects\": .*\"mediator\": \"m1\",[^}]*\"estimate\": 0\\.0611024098[^}]*\"exp_estimate\": 1\\.06.*\"index_of_moderated_mediation\": .*\"estimate\": 0\\.0524302208.*\"conditional_ratio_effects\": .*\"w\": 2\\.02,[^}]*\"label\": \"nie\",[^}]*\"estimate\": 1\\.0419640544.*\"conditional_causal_effects\": .*\"w\": 3\\.0984,[^}]*\"label\": \"acme_average\",[^}]*\"estimate\": 0\\.1864818529"
  ARGS ${m7_args} --format json)
# Model 59, logit: R: omega(1.1216) 0.074391, direct effect there 0.597676 (odds ratio 1.8179),
# NDE 1.817889; no index (quadratic in W), contrasts instead.
cli_expect(NAME mediate_glm_model59_logit CODE 0
  OUTPUT "binary outcome \\(logistic.*PROCESS model 59.*Conditional direct effects of X on Y \\(log-odds.*1\\.1216 +0\\.5977 .*1\\.8179.*1\\.1216 +0\\.0744 .*Pairwise contrasts.*direct \\(NDE\\) +1\\.8179.*No index of moderated mediation: in model 59"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y ybin --w w --model 59 --family binomial --covariates c1
    --seed 3 --boot 200)
# Model 8, probit: R: direct effect at 1.1216 0.499422, ACME (average) 0.071387; no ratios, no exp columns.
cli_expect(NAME mediate_glm_model8_probit CODE 0
  OUTPUT "probit link.*PROCESS model 8.*Conditional direct effects of X on Y \\(probit.*1\\.1216 +0\\.4994 .*Index of moderated mediation.*w +0\\.1890 .*WITH w = 1\\.122\n\nNatural effects on the probability.*ACME \\(average\\) +0\\.0714"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y yprob --w w --model 8 --family binomial --link probit
    --covariates c1 --seed 3 --boot 200)
# Model 14, NB2 with a 0/1 W and a continuous X: R: omega(0) 0.097183, index -0.076546 (the difference).
cli_expect(NAME mediate_glm_model14_negbin CODE 0
  OUTPUT "negative binomial NB2.*PROCESS model 14.*0\\.0000 +0\\.0972 .*Index of moderated mediation \\(difference between the two values of W\\):.*wd +-0\\.0765 "
  ARGS mediate --data "${conditional_data}" --x xc --m mc --y visits --w wd --model 14 --family negbin --covariates c1
    --seed 3 --boot 200)
# Options that do not go together with a GLM conditional process model.
cli_expect(NAME mediate_glm_conditional_interaction CODE 2 ERROR "--interaction: is for models 4 and 6; in --model 7"
  ARGS ${m7_args} --interaction)
cli_expect(NAME mediate_glm_conditional_jn CODE 2 ERROR "--jn: is for --family gaussian"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y ybin --w w --model 8 --family binomial --jn)
cli_expect(NAME mediate_glm_conditional_band CODE 2 ERROR "--band: is for --family gaussian"
  ARGS ${m7_args} --band 10)
cli_expect(NAME mediate_glm_conditional_no_w CODE 2 ERROR "--w: --model 7 needs the moderator W"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y y --model 7 --family poisson)
cli_expect(NAME mediate_glm_conditional_w_is_x CODE 1 ONE_LINE ERROR "the moderator w 'x' is also X"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y y --w x --model 7 --family poisson --boot 50)
# Model 58 with a 0/1 W has an index (omega(1) - omega(0)); Monte Carlo intervals name their method.
cli_expect(NAME mediate_glm_model58_monte_carlo CODE 0
  OUTPUT "PROCESS model 58.*MCSE +MCLLCI +MCULCI.*Index of moderated mediation \\(difference between the two values of W\\).*Monte Carlo: each equation's coefficients drawn"
  ARGS mediate --data "${conditional_data}" --x x --m m1 --y ybin --w wd --model 58 --family binomial --covariates c1
    --seed 3 --boot 200 --ci monte-carlo)
