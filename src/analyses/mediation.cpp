#include "socialcure/analyses/mediation.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "analyses/detail/path_system.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

std::string_view to_string(mediation_model model) noexcept {
  return model == mediation_model::serial ? "serial" : "parallel";
}

namespace {

void check_names(const std::vector<std::string>& names, const char* who) {
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (n.empty()) throw argument_error(std::string(who) + ": a variable name is empty");
    if (!seen.insert(n).second) throw argument_error(std::string(who) + ": '" + n + "' is used twice in the model");
  }
}

}  // namespace

void mediation_spec::validate() const {
  if (mediators.empty()) throw argument_error("mediation_spec: no mediators");
  if (model == mediation_model::parallel && mediators.size() > 10) {
    throw argument_error("mediation_spec: at most 10 parallel mediators (" + std::to_string(mediators.size()) + " given)");
  }
  if (model == mediation_model::serial && (mediators.size() < 2 || mediators.size() > 4)) {
    throw argument_error("mediation_spec: a serial model needs 2 to 4 mediators (" + std::to_string(mediators.size()) +
                         " given)");
  }
  std::vector<std::string> all = {x, y};
  all.insert(all.end(), mediators.begin(), mediators.end());
  all.insert(all.end(), covariates.begin(), covariates.end());
  check_names(all, "mediation_spec");
}

void within_mediation_spec::validate() const {
  if (mediators.empty()) throw argument_error("within_mediation_spec: no mediators");
  if (model == mediation_model::serial && mediators.size() != 2) {
    throw argument_error("within_mediation_spec: a serial within-subject model needs exactly 2 mediators (" +
                         std::to_string(mediators.size()) + " given)");
  }
  if (mediators.size() > 10) throw argument_error("within_mediation_spec: at most 10 mediators");
  std::vector<std::string> all = {y.first, y.second};
  for (const auto& m : mediators) {
    all.push_back(m.first);
    all.push_back(m.second);
  }
  check_names(all, "within_mediation_spec");
}

void mediation_options::validate() const {
  check_level(level, "mediation_options");
  const double alpha = 1.0 - level;
  if (lower_index(replicates, alpha / 2.0) < 1 || upper_index(replicates, 1.0 - alpha / 2.0) > static_cast<long long>(replicates)) {
    throw argument_error("mediation_options: " + std::to_string(replicates) + " replicates are too few for a " +
                         format_number(100.0 * level) + "% interval (at least " +
                         std::to_string(static_cast<long long>(std::ceil(1.0 / alpha))) + ")");
  }
}

namespace {

/// What an effect is and how to report it.
struct effect_info {
  enum class group { indirect, contrast, standardized } kind = group::indirect;
  std::string label;
  std::vector<std::string> path;
  // A path through one mediator: (equation, position) of a and of b, for the Sobel tests.
  bool single = false;
  detail::coefficient_ref a;
  detail::coefficient_ref b;
};

/// The model as a system of equations plus its effects.
struct built_model {
  detail::path_system system;
  std::vector<std::string> names;          ///< column names (0 = "(Intercept)")
  std::vector<detail::effect_definition> effects;
  std::vector<effect_info> info;
  std::vector<bool> centred;               ///< per column: centred at the sample mean in the fits
};

/// PROCESS 4.3's order of serial paths: by length, then lexicographically.
std::vector<std::vector<std::size_t>> serial_paths(std::size_t k) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t mask = 1; mask < (std::size_t{1} << k); ++mask) {
    std::vector<std::size_t> s;
    for (std::size_t j = 0; j < k; ++j) {
      if (mask & (std::size_t{1} << j)) s.push_back(j);
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
  return out;
}

/// Adds the specific indirect effect along the mediators `through` (a product of coefficients),
/// labelled ind1, ind2, ... in the order added.
void add_specific_effect(built_model& m, const detail::effect_term& term, const std::vector<std::size_t>& through,
                         const std::string& x, const std::vector<std::string>& mediators, const std::string& y) {
  m.effects.push_back({{term}, 0, 0});
  effect_info info;
  info.label = "ind" + std::to_string(m.info.size() + 1);
  info.path.push_back(x);
  for (std::size_t j : through) info.path.push_back(mediators[j]);
  info.path.push_back(y);
  info.single = through.size() == 1;
  info.a = term.factors.front();
  info.b = term.factors.back();
  m.info.push_back(info);
}

/// Adds the total indirect effect, the contrasts and (optionally) the standardized effects after
/// the specific indirect effects already in `m`.
void add_derived_effects(built_model& m, const mediation_options& options, std::size_t sd_x, std::size_t sd_y) {
  const std::size_t specific = m.effects.size();
  detail::effect_definition total;
  for (std::size_t i = 0; i < specific; ++i) {
    total.terms.insert(total.terms.end(), m.effects[i].terms.begin(), m.effects[i].terms.end());
  }
  m.effects.push_back(total);
  m.info.push_back({effect_info::group::indirect, "total", {"total"}, false, {}, {}});
  if (options.contrasts) {
    for (std::size_t i = 0; i < specific; ++i) {
      for (std::size_t j = i + 1; j < specific; ++j) {
        detail::effect_definition c;
        c.terms = m.effects[i].terms;
        for (auto t : m.effects[j].terms) {
          t.weight = -t.weight;
          c.terms.push_back(t);
        }
        m.effects.push_back(c);
        m.info.push_back({effect_info::group::contrast, m.info[i].label + " - " + m.info[j].label, {m.info[i].label, m.info[j].label},
                          false, {}, {}});
      }
    }
  }
  if (sd_y == 0) return;
  for (const bool complete : {false, true}) {
    for (std::size_t i = 0; i <= specific; ++i) {
      detail::effect_definition s = m.effects[i];
      s.sd_denominator = sd_y;
      s.sd_numerator = complete ? sd_x : 0;
      m.effects.push_back(s);
      m.info.push_back({effect_info::group::standardized,
                        std::string(complete ? "complete(" : "partial(") + m.info[i].label + ")", m.info[i].path, false, {},
                        {}});
    }
  }
}

built_model build_between(const model_frame& frame, const mediation_spec& spec, const mediation_options& options) {
  built_model m;
  const std::size_t c = spec.covariates.size();
  const std::size_t k = spec.mediators.size();
  // Columns: 0 intercept, 1 X, 2..1+c covariates, then the mediators, then Y.
  const Eigen::Index p = static_cast<Eigen::Index>(3 + c + k);
  m.system.z.resize(frame.x.rows(), p);
  m.system.z.leftCols(frame.x.cols()) = frame.x;  // frame predictors are x, covariates, mediators
  m.system.z.col(p - 1) = frame.y;
  m.names = frame.term_names();
  m.names.push_back(spec.y);
  m.centred.assign(static_cast<std::size_t>(p), false);
  const std::size_t y = static_cast<std::size_t>(p - 1);
  const auto mediator_column = [&](std::size_t j) { return 2 + c + j; };
  std::vector<std::size_t> base = {0, 1};
  for (std::size_t i = 0; i < c; ++i) base.push_back(2 + i);
  for (std::size_t j = 0; j < k; ++j) {
    detail::path_equation eq;
    eq.outcome = mediator_column(j);
    eq.regressors = base;
    if (spec.model == mediation_model::serial) {
      for (std::size_t l = 0; l < j; ++l) eq.regressors.push_back(mediator_column(l));
    }
    m.system.equations.push_back(eq);
  }
  detail::path_equation ye;
  ye.outcome = y;
  ye.regressors = base;
  for (std::size_t j = 0; j < k; ++j) ye.regressors.push_back(mediator_column(j));
  m.system.equations.push_back(ye);
  const std::size_t y_eq = k;
  // Specific indirect effects.
  std::vector<std::vector<std::size_t>> paths;
  if (spec.model == mediation_model::serial) {
    paths = serial_paths(k);
  } else {
    for (std::size_t j = 0; j < k; ++j) paths.push_back({j});
  }
  for (const auto& s : paths) {
    detail::effect_term term;
    term.factors.push_back({s.front(), 1});  // a: X in the first mediator's equation
    for (std::size_t t = 1; t < s.size(); ++t) term.factors.push_back({s[t], 2 + c + s[t - 1]});  // d
    term.factors.push_back({y_eq, 2 + c + s.back()});  // b
    add_specific_effect(m, term, s, spec.x, spec.mediators, spec.y);
  }
  add_derived_effects(m, options, 1, y);
  return m;
}

std::vector<Eigen::VectorXd> estimates_of(const std::vector<ols_result>& fits) {
  std::vector<Eigen::VectorXd> out;
  for (const auto& f : fits) {
    Eigen::VectorXd b(static_cast<Eigen::Index>(f.coefficients.size()));
    for (std::size_t i = 0; i < f.coefficients.size(); ++i) b(static_cast<Eigen::Index>(i)) = f.coefficients[i].estimate;
    out.push_back(b);
  }
  return out;
}

/// Fits every equation of the system by OLS (columns marked centred are centred at their mean).
std::vector<ols_result> fit_equations(const built_model& m, const mediation_options& options) {
  Eigen::MatrixXd z = m.system.z;
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    if (m.centred[static_cast<std::size_t>(j)]) z.col(j).array() -= z.col(j).mean();
  }
  ols_options o;
  o.se = options.se;
  o.level = options.level;
  std::vector<ols_result> out;
  for (const auto& eq : m.system.equations) {
    Eigen::MatrixXd x(z.rows(), static_cast<Eigen::Index>(eq.regressors.size()));
    std::vector<std::string> terms;
    for (std::size_t i = 0; i < eq.regressors.size(); ++i) {
      x.col(static_cast<Eigen::Index>(i)) = z.col(static_cast<Eigen::Index>(eq.regressors[i]));
      terms.push_back(m.names[eq.regressors[i]]);
    }
    ols_result fit = fit_ols(x, z.col(static_cast<Eigen::Index>(eq.outcome)), terms, true, o);
    fit.response = m.names[eq.outcome];
    out.push_back(std::move(fit));
  }
  return out;
}

ols_result fit_total(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<std::string>& terms,
                     const std::string& response, const mediation_options& options) {
  ols_options o;
  o.se = options.se;
  o.level = options.level;
  ols_result fit = fit_ols(x, y, terms, true, o);
  fit.response = response;
  return fit;
}

/// Point estimates, Sobel tests, replicates and intervals of every effect; returns the sample SDs
/// (n - 1) of the model's columns.
Eigen::VectorXd infer(const built_model& m, const std::vector<ols_result>& fits, const mediation_options& options,
                      mediation_result& out) {
  const std::vector<Eigen::VectorXd> estimates = estimates_of(fits);
  // Sample SDs of every column (n - 1).
  const Eigen::MatrixXd& z = m.system.z;
  Eigen::VectorXd sds = Eigen::VectorXd::Zero(z.cols());
  for (Eigen::Index j = 1; j < z.cols(); ++j) {
    const double mean = z.col(j).mean();
    sds(j) = std::sqrt((z.col(j).array() - mean).square().sum() / static_cast<double>(z.rows() - 1));
  }
  const Eigen::VectorXd point = detail::evaluate_effects(m.effects, estimates, sds);

  replicate_summary& rs = out.replicates;
  rs.method = options.ci;
  rs.requested = options.replicates;
  rs.level = options.level;
  rs.seed_given = options.seed.has_value();
  if (options.seed) {
    rs.seed = *options.seed;
  } else {
    std::random_device device;
    rs.seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }
  detail::replicate_settings settings;
  settings.replicates = options.replicates;
  settings.seed = rs.seed;
  settings.threads = options.threads;
  settings.progress = options.progress;
  detail::replicate_output reps;
  if (options.ci == ci_method::monte_carlo) {
    std::vector<Eigen::MatrixXd> covariances;
    for (const auto& f : fits) covariances.push_back(f.covariance);
    reps = detail::monte_carlo_replicates(estimates, covariances, sds, m.effects, settings);
  } else {
    reps = detail::bootstrap_replicates(m.system, m.effects, settings);
  }
  rs.discarded = reps.discarded;
  rs.threads_used = reps.threads_used;
  rs.cancelled = reps.cancelled;
  rs.error = reps.error;
  const bool usable = rs.error.empty() && !rs.cancelled;
  rs.succeeded = usable ? options.replicates : 0;
  Eigen::VectorXd acceleration = Eigen::VectorXd::Constant(point.size(), missing_value);
  std::string jackknife_problem;
  if (usable && options.ci == ci_method::bca) {
    const Eigen::MatrixXd jack = detail::jackknife_replicates(m.system, m.effects);
    if (jack.hasNaN()) {
      jackknife_problem = "a leave-one-out design is singular: no BCa acceleration";
    } else {
      for (Eigen::Index e = 0; e < jack.cols(); ++e) {
        const Eigen::VectorXd col = jack.col(e);
        acceleration(e) = jackknife_acceleration(std::span<const double>(col.data(), static_cast<std::size_t>(col.size())));
      }
    }
  }
  if (options.keep_replicates && usable) out.replicate_values = reps.effects;

  for (std::size_t e = 0; e < m.effects.size(); ++e) {
    const effect_info& info = m.info[e];
    mediation_effect effect;
    effect.label = info.label;
    effect.path = info.path;
    effect.estimate = point(static_cast<Eigen::Index>(e));
    if (usable) {
      std::vector<double> values(reps.effects.col(static_cast<Eigen::Index>(e)).data(),
                                 reps.effects.col(static_cast<Eigen::Index>(e)).data() + reps.effects.rows());
      effect.boot_se = replicate_sd(values);
      std::sort(values.begin(), values.end());
      bootstrap_interval ci;
      switch (options.ci) {
        case ci_method::percentile:
        case ci_method::monte_carlo: ci = percentile_interval(values, options.level); break;
        case ci_method::bias_corrected: ci = bias_corrected_interval(values, effect.estimate, options.level); break;
        case ci_method::bca:
          effect.acceleration = acceleration(static_cast<Eigen::Index>(e));
          if (!jackknife_problem.empty()) {
            ci.problem = jackknife_problem;
          } else {
            ci = bca_interval(values, effect.estimate, effect.acceleration, options.level);
          }
          break;
      }
      effect.ci_lower = ci.lower;
      effect.ci_upper = ci.upper;
      effect.ci_ok = ci.ok;
      effect.ci_problem = ci.problem;
    } else {
      effect.ci_problem = rs.cancelled ? "cancelled" : rs.error;
    }
    if (info.single) {
      const coefficient& a = fits[info.a.equation].coefficients[info.a.position];
      const coefficient& b = fits[info.b.equation].coefficients[info.b.position];
      const double first = a.estimate * a.estimate * b.se * b.se + b.estimate * b.estimate * a.se * a.se;
      effect.sobel_se = std::sqrt(first);
      effect.sobel2_se = std::sqrt(first + a.se * a.se * b.se * b.se);
      if (effect.sobel_se > 0) {
        effect.sobel_z = effect.estimate / effect.sobel_se;
        effect.sobel_p = z_two_sided_p(effect.sobel_z);
      }
      if (effect.sobel2_se > 0) {
        effect.sobel2_z = effect.estimate / effect.sobel2_se;
        effect.sobel2_p = z_two_sided_p(effect.sobel2_z);
      }
    }
    switch (info.kind) {
      case effect_info::group::indirect: out.indirect.push_back(std::move(effect)); break;
      case effect_info::group::contrast: out.contrasts.push_back(std::move(effect)); break;
      case effect_info::group::standardized: out.standardized.push_back(std::move(effect)); break;
    }
  }
  if (rs.discarded > 0) {
    out.notes.push_back(std::to_string(rs.discarded) +
                        " resamples had a singular design or a constant variable and were redrawn");
  }
  if (!rs.error.empty()) out.notes.push_back("no intervals: " + rs.error);
  if (options.ci == ci_method::monte_carlo) {
    out.notes.push_back("Monte Carlo: each equation's coefficients drawn from N(estimate, covariance), independently "
                        "across equations; standardized effects use the sample SDs");
  }
  return sds;
}

void add_path(mediation_result& out, const std::string& from, const std::string& to, const coefficient& c) {
  out.paths.push_back({from, to, c});
}

// A constant outcome leaves its equation nothing to explain: every t test is 0/0, the
// standardized effects divide by 0 and every bootstrap resample is singular.
void require_varying_outcome(const built_model& m, const std::string& name) {
  const auto y = m.system.z.col(m.system.z.cols() - 1);
  if (y.size() > 0 && (y.array() == y(0)).all()) {
    throw data_error({{}, 0, name, {}, {}},
                     "the outcome does not vary (every case used has the value " + format_number(y(0)) +
                         "), so no effect on it can be estimated");
  }
}

// Runs `fit` and names the data set in a data_error that has no file yet (the equations are
// fitted from matrices, which do not know it).
template <class Fit>
mediation_result naming_source(const table& data, Fit&& fit) {
  try {
    return fit();
  } catch (const data_error& e) {
    if (!e.where().file.empty()) throw;
    location where = e.where();
    where.file = data.source();
    throw data_error(where, "mediation: " + e.problem(), e.value(), e.allowed());
  }
}

mediation_result fit_between_impl(const table& data, const mediation_spec& spec, const mediation_options& options) {
  model_spec ms;
  ms.response = spec.y;
  ms.predictors = {spec.x};
  ms.predictors.insert(ms.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  ms.predictors.insert(ms.predictors.end(), spec.mediators.begin(), spec.mediators.end());
  const model_frame frame = build_model_frame(data, ms);
  mediation_result out;
  out.model = spec.model;
  out.x = spec.x;
  out.mediators = spec.mediators;
  out.y = spec.y;
  out.covariates = spec.covariates;
  out.n = frame.rows.size();
  out.n_excluded = frame.n_excluded;
  out.missing_by_column = frame.missing_by_column;
  out.level = options.level;
  out.se = options.se;
  const built_model m = build_between(frame, spec, options);
  require_varying_outcome(m, spec.y);
  out.equations = fit_equations(m, options);
  const std::size_t c = spec.covariates.size();
  std::vector<std::string> total_terms(m.names.begin(), m.names.begin() + static_cast<std::ptrdiff_t>(2 + c));
  out.total_model = fit_total(frame.x.leftCols(static_cast<Eigen::Index>(2 + c)), frame.y, total_terms, spec.y, options);
  out.total_effect = out.total_model.coefficients[1];
  const ols_result& y_fit = out.equations.back();
  out.direct_effect = y_fit.coefficients[1];
  for (std::size_t j = 0; j < spec.mediators.size(); ++j) {
    const ols_result& f = out.equations[j];
    add_path(out, spec.x, spec.mediators[j], f.coefficients[1]);
    for (std::size_t l = 0; l < j && spec.model == mediation_model::serial; ++l) {
      add_path(out, spec.mediators[l], spec.mediators[j], f.coefficients[2 + c + l]);
    }
  }
  add_path(out, spec.x, spec.y, y_fit.coefficients[1]);
  for (std::size_t j = 0; j < spec.mediators.size(); ++j) add_path(out, spec.mediators[j], spec.y, y_fit.coefficients[2 + c + j]);
  const Eigen::VectorXd sds = infer(m, out.equations, options, out);
  out.sd_x = sds(1);
  out.sd_y = sds(sds.size() - 1);
  return out;
}

mediation_result fit_within_impl(const table& data, const within_mediation_spec& spec,
                                 const mediation_options& options) {
  model_spec ms;
  ms.response = spec.y.second;
  ms.predictors = {spec.y.first};
  for (const auto& m : spec.mediators) {
    ms.predictors.push_back(m.first);
    ms.predictors.push_back(m.second);
  }
  const model_frame frame = build_model_frame(data, ms);
  const auto difference_label = [&](const instance_pair& v) {
    return spec.second_minus_first ? v.second + " - " + v.first : v.first + " - " + v.second;
  };
  const auto difference = [&](const Eigen::VectorXd& first, const Eigen::VectorXd& second) -> Eigen::VectorXd {
    return spec.second_minus_first ? Eigen::VectorXd(second - first) : Eigen::VectorXd(first - second);
  };
  mediation_result out;
  out.within = true;
  out.model = spec.model;
  out.x = "instance";
  out.y = difference_label(spec.y);
  out.n = frame.rows.size();
  out.n_excluded = frame.n_excluded;
  out.missing_by_column = frame.missing_by_column;
  out.level = options.level;
  out.se = options.se;
  const std::size_t k = spec.mediators.size();
  // Columns: 0 intercept, then per mediator its difference and its average, then Y's difference.
  built_model m;
  const auto p = static_cast<Eigen::Index>(2 + 2 * k);
  m.system.z.resize(frame.x.rows(), p);
  m.system.z.col(0).setOnes();
  m.names = {"(Intercept)"};
  m.centred.assign(static_cast<std::size_t>(p), false);
  for (std::size_t j = 0; j < k; ++j) {
    const Eigen::VectorXd first = frame.x.col(static_cast<Eigen::Index>(2 + 2 * j));
    const Eigen::VectorXd second = frame.x.col(static_cast<Eigen::Index>(3 + 2 * j));
    m.system.z.col(static_cast<Eigen::Index>(1 + 2 * j)) = difference(first, second);
    m.system.z.col(static_cast<Eigen::Index>(2 + 2 * j)) = (first + second) / 2.0;
    m.names.push_back(difference_label(spec.mediators[j]));
    m.names.push_back("mean(" + spec.mediators[j].first + ", " + spec.mediators[j].second + ")");
    m.centred[2 + 2 * j] = true;
    out.mediators.push_back(m.names[1 + 2 * j]);
  }
  m.system.z.col(p - 1) = difference(frame.x.col(1), frame.y);
  m.names.push_back(out.y);
  const auto d_col = [](std::size_t j) { return 1 + 2 * j; };
  const auto a_col = [](std::size_t j) { return 2 + 2 * j; };
  for (std::size_t j = 0; j < k; ++j) {
    detail::path_equation eq;
    eq.outcome = d_col(j);
    eq.regressors = {0};
    if (spec.model == mediation_model::serial && j == 1) {
      eq.regressors = {0, d_col(0), a_col(0)};
      eq.centred = {a_col(0)};
    }
    m.system.equations.push_back(eq);
  }
  detail::path_equation ye;
  ye.outcome = static_cast<std::size_t>(p - 1);
  ye.regressors = {0};
  for (std::size_t j = 0; j < k; ++j) {
    ye.regressors.push_back(d_col(j));
    ye.regressors.push_back(a_col(j));
    ye.centred.push_back(a_col(j));
  }
  m.system.equations.push_back(ye);
  const std::size_t y_eq = k;
  // Specific indirect effects: a_j b_j (and a_1 d_21 b_2 when serial), in PROCESS order.
  std::vector<std::vector<std::size_t>> paths;
  if (spec.model == mediation_model::serial) {
    paths = {{0}, {1}, {0, 1}};
  } else {
    for (std::size_t j = 0; j < k; ++j) paths.push_back({j});
  }
  for (const auto& s : paths) {
    detail::effect_term term;
    term.factors.push_back({s.front(), 0});  // a: the mean difference (intercept)
    if (s.size() == 2) term.factors.push_back({1, 1});  // d_21
    term.factors.push_back({y_eq, 1 + 2 * s.back()});  // b
    add_specific_effect(m, term, s, out.x, out.mediators, out.y);
  }
  add_derived_effects(m, options, 0, 0);
  require_varying_outcome(m, out.y);
  out.equations = fit_equations(m, options);
  out.total_model = fit_total(Eigen::MatrixXd::Ones(m.system.z.rows(), 1), m.system.z.col(p - 1), {"(Intercept)"}, out.y,
                              options);
  out.total_effect = out.total_model.coefficients[0];
  out.direct_effect = out.equations.back().coefficients[0];
  for (std::size_t j = 0; j < k; ++j) {
    add_path(out, out.x, out.mediators[j], out.equations[j].coefficients[0]);
    if (spec.model == mediation_model::serial && j == 1) add_path(out, out.mediators[0], out.mediators[1], out.equations[1].coefficients[1]);
  }
  add_path(out, out.x, out.y, out.direct_effect);
  for (std::size_t j = 0; j < k; ++j) add_path(out, out.mediators[j], out.y, out.equations.back().coefficients[1 + 2 * j]);
  (void)infer(m, out.equations, options, out);
  return out;
}

}  // namespace

mediation_result fit_mediation(const table& data, const mediation_spec& spec, const mediation_options& options) {
  spec.validate();
  options.validate();
  return naming_source(data, [&] { return fit_between_impl(data, spec, options); });
}

mediation_result fit_within_mediation(const table& data, const within_mediation_spec& spec,
                                      const mediation_options& options) {
  spec.validate();
  options.validate();
  return naming_source(data, [&] { return fit_within_impl(data, spec, options); });
}

}  // namespace socialcure
