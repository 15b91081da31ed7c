#!/usr/bin/python3
"""Cross-check of the R reference values with Python statsmodels.

Usage (from the repository root; needs numpy, pandas, scipy and statsmodels, e.g. Debian's
python3-statsmodels, which lives in /usr/bin/python3):

    /usr/bin/python3 tests/reference/regression/crosscheck_statsmodels.py

Reads only the files written by make_reference.R (data/*.csv, data/factor_levels.csv and
<model>.ref.csv), refits the models with statsmodels from its own design matrices (treatment
coding built here from the level order in factor_levels.csv, so the term names are checked too)
and prints, per model and quantity, the maximum relative difference |statsmodels - R| / |R|.
Exits with status 1 when any difference exceeds TOLERANCE.

Models: mtcars_lm (OLS, HC0-HC3, influence, VIF), quine_poisson and birthwt_logit (GLM), plus
insurance_poisson_offset (Poisson with offset) and quine_nb (NB2: discrete-model MLE for the
estimates, theta and log-likelihood; GLM with theta fixed for the SEs).
"""

import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.stats
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import OLSInfluence, variance_inflation_factor

HERE = os.path.join("tests", "reference", "regression")
DATA = os.path.join(HERE, "data")
TOLERANCE = 1e-8

# ---------------------------------------------------------------------------------------------
# Reading the reference files
# ---------------------------------------------------------------------------------------------
LEVELS = pd.read_csv(os.path.join(DATA, "factor_levels.csv"), dtype={"level": str})


def read_ref(model):
    """R reference values of one model as {(term, quantity): value}."""
    ref = pd.read_csv(os.path.join(HERE, model + ".ref.csv"), comment=None, skiprows=1)
    assert (ref["model"] == model).all()
    return {(t, q): v for t, q, v in zip(ref["term"], ref["quantity"], ref["value"])}


def read_data(dataset):
    """A data file, with its factor columns read as text."""
    lv = LEVELS[LEVELS["dataset"] == dataset]
    text = {c: str for c in lv["column"].unique()}
    return pd.read_csv(os.path.join(DATA, dataset + ".csv"), dtype=text,
                       keep_default_na=False, na_values=[""])


def design(df, dataset, terms):
    """Model matrix with an intercept, numeric columns and treatment dummies "f[T.level]"."""
    lv = LEVELS[LEVELS["dataset"] == dataset]
    cols = {"(Intercept)": np.ones(len(df))}
    for term in terms:
        if term == "(Intercept)":
            continue
        if "[T." in term:
            col, level = term[:-1].split("[T.", 1)
            assert level in set(lv[lv["column"] == col]["level"]), term
            assert level != lv[(lv["column"] == col) & (lv["is_reference"] == 1)]["level"].iloc[0]
            cols[term] = (df[col] == level).astype(float).to_numpy()
        else:
            cols[term] = df[term].astype(float).to_numpy()
    return pd.DataFrame(cols, index=df.index)[terms]


# ---------------------------------------------------------------------------------------------
# Collecting differences
# ---------------------------------------------------------------------------------------------
results = []  # rows: model, quantity, n_values, max_rel_diff


def compare(model, ref, quantity, terms, values):
    """Compares statsmodels values with R's for the given terms and records the worst one."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    r = np.array([ref[(t, quantity)] for t in terms], dtype=float)
    assert r.shape == values.shape, (model, quantity)
    rel = np.abs(values - r) / np.maximum(np.abs(r), 1e-300)
    results.append((model, quantity, len(r), float(rel.max())))


def terms_of(ref):
    """Coefficient terms in the order of the reference file."""
    seen = []
    for (t, q) in ref:
        if q == "estimate" and t not in seen:
            seen.append(t)
    return seen


# ---------------------------------------------------------------------------------------------
# OLS: mtcars_lm
# ---------------------------------------------------------------------------------------------
def check_ols(model, dataset, response):
    ref = read_ref(model)
    terms = terms_of(ref)
    df = read_data(dataset)
    X = design(df, dataset, terms)
    y = df[response].astype(float)
    keep = X.notna().all(axis=1) & y.notna()
    X, y = X[keep], y[keep]
    fit = sm.OLS(y, X).fit()
    compare(model, ref, "estimate", terms, fit.params)
    compare(model, ref, "se", terms, fit.bse)
    compare(model, ref, "statistic", terms, fit.tvalues)
    compare(model, ref, "p", terms, fit.pvalues)
    ci = fit.conf_int(0.05)
    compare(model, ref, "ci_lower", terms, ci[0])
    compare(model, ref, "ci_upper", terms, ci[1])
    for hc in ("HC0", "HC1", "HC2", "HC3"):
        compare(model, ref, "se_" + hc.lower(), terms, fit.get_robustcov_results(hc).bse)
    hc3 = fit.get_robustcov_results("HC3", use_t=True)
    compare(model, ref, "p_hc3", terms, hc3.pvalues)
    slopes = [t for t in terms if t != "(Intercept)"]
    R = np.zeros((len(slopes), len(terms)))
    for i, t in enumerate(slopes):
        R[i, terms.index(t)] = 1.0
    ft = hc3.f_test(R)
    compare(model, ref, "f_statistic_hc3", [".model"], float(np.squeeze(ft.fvalue)))
    compare(model, ref, "f_p_hc3", [".model"], float(ft.pvalue))
    sd_y = y.std(ddof=1)
    compare(model, ref, "std_estimate", slopes,
            [fit.params[t] * X[t].std(ddof=1) / sd_y for t in slopes])
    compare(model, ref, "vif", slopes,
            [variance_inflation_factor(X.to_numpy(), terms.index(t)) for t in slopes])
    compare(model, ref, "n", [".model"], fit.nobs)
    compare(model, ref, "r_squared", [".model"], fit.rsquared)
    compare(model, ref, "adj_r_squared", [".model"], fit.rsquared_adj)
    compare(model, ref, "sigma", [".model"], np.sqrt(fit.scale))
    compare(model, ref, "f_statistic", [".model"], fit.fvalue)
    compare(model, ref, "f_p", [".model"], fit.f_pvalue)
    compare(model, ref, "rss", [".model"], fit.ssr)
    compare(model, ref, "loglik", [".model"], fit.llf)
    compare(model, ref, "aic", [".model"], fit.aic + 2)  # R counts sigma as a parameter
    # Per-observation diagnostics for the rows in the reference file.
    infl = OLSInfluence(fit)
    obs = sorted({t for (t, q) in ref if t.startswith(".obs")}, key=lambda s: int(s[4:]))
    idx = [int(t[4:]) - 1 for t in obs]
    rows = np.flatnonzero(keep.to_numpy())
    compare(model, ref, "data_row", obs, rows[idx] + 1)
    compare(model, ref, "leverage", obs, infl.hat_matrix_diag[idx])
    compare(model, ref, "cooks_distance", obs, infl.cooks_distance[0][idx])
    compare(model, ref, "residual", obs, fit.resid.to_numpy()[idx])
    compare(model, ref, "std_residual", obs, infl.resid_studentized_internal[idx])
    compare(model, ref, "student_residual", obs, infl.resid_studentized_external[idx])


# ---------------------------------------------------------------------------------------------
# GLMs
# ---------------------------------------------------------------------------------------------
def converged_glm(y, X, family, offset=None):
    """IRLS, then refits from the estimates so the covariance uses the final weights."""
    model = sm.GLM(y, X, family=family, offset=offset)
    fit = model.fit(tol=1e-14, maxiter=200)
    for _ in range(3):
        fit = model.fit(start_params=fit.params, tol=1e-14, maxiter=200)
    return fit


def compare_glm_terms(model, ref, terms, fit):
    z = scipy.stats.norm.ppf(0.975)
    compare(model, ref, "estimate", terms, fit.params)
    compare(model, ref, "se", terms, fit.bse)
    compare(model, ref, "statistic", terms, fit.tvalues)
    compare(model, ref, "p", terms, fit.pvalues)
    ci = fit.conf_int(0.05)
    compare(model, ref, "ci_lower", terms, ci[0])
    compare(model, ref, "ci_upper", terms, ci[1])
    compare(model, ref, "exp_estimate", terms, np.exp(fit.params))
    compare(model, ref, "exp_ci_lower", terms, np.exp(fit.params - z * fit.bse))
    compare(model, ref, "exp_ci_upper", terms, np.exp(fit.params + z * fit.bse))


def check_glm(model, dataset, response, family, offset_column=None):
    ref = read_ref(model)
    terms = terms_of(ref)
    df = read_data(dataset)
    X = design(df, dataset, terms)
    y = df[response].astype(float)
    offset = None if offset_column is None else np.log(df[offset_column].astype(float))
    fit = converged_glm(y, X, family, offset)
    compare_glm_terms(model, ref, terms, fit)
    compare(model, ref, "n", [".model"], fit.nobs)
    compare(model, ref, "deviance", [".model"], fit.deviance)
    compare(model, ref, "null_deviance", [".model"], fit.null_deviance)
    compare(model, ref, "df_residual", [".model"], fit.df_resid)
    compare(model, ref, "pearson_chi2", [".model"], fit.pearson_chi2)
    compare(model, ref, "loglik", [".model"], fit.llf)
    compare(model, ref, "aic", [".model"], fit.aic)


def check_nb(model, dataset, response):
    """NB2: theta by maximum likelihood (statsmodels' discrete NegativeBinomial, alpha = 1/theta),
    SEs from the GLM with theta fixed (expected information, as MASS::glm.nb reports)."""
    ref = read_ref(model)
    terms = terms_of(ref)
    df = read_data(dataset)
    X = design(df, dataset, terms)
    y = df[response].astype(float)
    mle = sm.NegativeBinomial(y, X, loglike_method="nb2").fit(
        method="newton", maxiter=200, tol=1e-14, disp=0)
    mle = sm.NegativeBinomial(y, X, loglike_method="nb2").fit(
        start_params=mle.params, method="newton", maxiter=200, tol=1e-14, disp=0)
    beta = mle.params.iloc[:-1]
    theta = 1.0 / mle.params.iloc[-1]
    compare(model + " (discrete MLE)", ref, "estimate", terms, beta)
    compare(model + " (discrete MLE)", ref, "theta", [".model"], theta)
    compare(model + " (discrete MLE)", ref, "loglik", [".model"], mle.llf)
    fit = converged_glm(y, X, sm.families.NegativeBinomial(alpha=1.0 / theta))
    compare_glm_terms(model + " (GLM, theta fixed)", ref, terms, fit)
    compare(model + " (GLM, theta fixed)", ref, "deviance", [".model"], fit.deviance)
    compare(model + " (GLM, theta fixed)", ref, "null_deviance", [".model"], fit.null_deviance)
    compare(model + " (GLM, theta fixed)", ref, "pearson_chi2", [".model"], fit.pearson_chi2)


def main():
    if not os.path.isdir(HERE):
        sys.exit("run from the repository root")
    warnings.simplefilter("ignore")  # convergence chatter from the repeated tight refits
    check_ols("mtcars_lm", "mtcars", "mpg")
    check_glm("quine_poisson", "quine", "Days", sm.families.Poisson())
    check_glm("birthwt_logit", "birthwt", "low", sm.families.Binomial())
    check_glm("insurance_poisson_offset", "insurance", "Claims", sm.families.Poisson(),
              offset_column="Holders")
    check_nb("quine_nb", "quine", "Days")

    print(f"statsmodels {statsmodels.__version__}, numpy {np.__version__}, "
          f"pandas {pd.__version__}, scipy {scipy.__version__}")
    print(f"{'model':<34} {'quantity':<18} {'n':>3} {'max_rel_diff':>12}")
    for model, quantity, n, rel in results:
        print(f"{model:<34} {quantity:<18} {n:>3} {rel:>12.2e}")
    print("\nmaximum relative difference per model:")
    worst = {}
    for model, quantity, n, rel in results:
        base = model.split(" (")[0]
        worst[base] = max(worst.get(base, 0.0), rel)
    for model, rel in worst.items():
        print(f"  {model:<32} {rel:.2e}")
    bad = [r for r in results if not r[3] <= TOLERANCE]
    if bad:
        print(f"\n{len(bad)} comparisons exceed {TOLERANCE:g}")
        sys.exit(1)
    print(f"\nall {len(results)} comparisons within {TOLERANCE:g}")


if __name__ == "__main__":
    main()
