#include "socialcure/analyses/mediation.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <optional>
#include <set>
#include <span>

#include "analyses/detail/conditional_layout.hpp"
#include "analyses/detail/effect_interval.hpp"
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

using detail::moderated_paths;
using detail::paths_of;

void validate_moderator(const mediation_spec& s) {
  if (s.moderated_model == 0) {
    if (!s.w.empty()) throw argument_error("mediation_spec: a moderator w ('" + s.w + "') needs a moderated_model (7, 8, 14, 15, 58 or 59)");
    return;
  }
  if (!paths_of(s.moderated_model)) {
    throw argument_error("mediation_spec: moderated_model " + std::to_string(s.moderated_model) +
                         " is not a conditional process model (allowed: 7, 8, 14, 15, 58, 59)");
  }
  const std::string model = "model " + std::to_string(s.moderated_model);
  if (s.w.empty()) throw argument_error("mediation_spec: " + model + " needs a moderator w");
  if (s.model == mediation_model::serial) throw argument_error("mediation_spec: " + model + " needs parallel mediators");
  const auto same = [&](const std::string& name, const std::string& role) {
    if (name == s.w) {
      throw argument_error("mediation_spec: the moderator w '" + s.w + "' is also " + role +
                           " (W must be a variable other than X, Y, the mediators and the covariates)");
    }
  };
  same(s.x, "X");
  same(s.y, "Y");
  for (const auto& m : s.mediators) same(m, "a mediator");
  for (const auto& c : s.covariates) same(c, "a covariate");
  s.probe.validate();
}

}  // namespace

void mediation_spec::validate() const {
  validate_moderator(*this);
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
  if (band_points == 1 || band_points > 1000) {
    throw argument_error("mediation_options: band_points is " + std::to_string(band_points) +
                         " (allowed: 0 for no band, or 2 to 1000 values of W)");
  }
}

namespace {

/// Where a conditional process effect belongs: its mediator (or "total") and moderator values.
struct conditional_tag {
  std::string mediator;
  double w = missing_value;       ///< conditional effects; a contrast's later value
  double w_from = missing_value;  ///< a contrast's earlier value
};

/// What an effect is and how to report it.
struct effect_info {
  enum class group { indirect, contrast, standardized, conditional, index, conditional_contrast, band } kind = group::indirect;
  std::string label;
  std::vector<std::string> path;
  // A path through one mediator: (equation, position) of a and of b, for the Sobel tests.
  bool single = false;
  detail::coefficient_ref a;
  detail::coefficient_ref b;
  conditional_tag tag;
};

/// The model as a system of equations plus its effects.
struct built_model {
  detail::path_system system;
  std::vector<std::string> names;          ///< column names (0 = "(Intercept)")
  std::vector<detail::effect_definition> effects;
  std::vector<effect_info> info;
  std::vector<bool> centred;               ///< per column: centred at the sample mean in the fits
};

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
  m.info.push_back({effect_info::group::indirect, "total", {"total"}, false, {}, {}, {}});
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
                          false, {}, {}, {}});
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
                        {}, {}});
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
  for (const auto& s : detail::mediator_paths(k, spec.model == mediation_model::serial)) {
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
    ols_result fit = [&] {
      try {
        return fit_ols(x, z.col(static_cast<Eigen::Index>(eq.outcome)), terms, true, o);
      } catch (const data_error& e) {  // say which equation (a product term may be collinear in one only)
        throw data_error(e.where(), "the equation of '" + m.names[eq.outcome] + "': " + e.problem(), e.value(), e.allowed());
      }
    }();
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

/// Puts an effect where its kind belongs in the result.
void place_effect(const effect_info& info, mediation_effect effect, mediation_result& out) {
  const conditional_tag& tag = info.tag;
  switch (info.kind) {
    case effect_info::group::indirect: out.indirect.push_back(std::move(effect)); break;
    case effect_info::group::contrast: out.contrasts.push_back(std::move(effect)); break;
    case effect_info::group::standardized: out.standardized.push_back(std::move(effect)); break;
    case effect_info::group::conditional: out.conditional_indirect.push_back({tag.mediator, tag.w, std::move(effect)}); break;
    case effect_info::group::index: out.index_of_moderated_mediation.push_back({tag.mediator, std::move(effect)}); break;
    case effect_info::group::conditional_contrast:
      out.conditional_contrasts.push_back({tag.mediator, tag.w_from, tag.w, std::move(effect)});
      break;
    case effect_info::group::band: out.conditional_indirect_band.push_back({tag.mediator, tag.w, std::move(effect)}); break;
  }
}

/// Point estimates, Sobel tests, replicates and intervals of every effect; returns the sample SDs
/// (n - 1) of the model's columns.
Eigen::VectorXd infer(const built_model& m, const cluster_assignment& clusters, const std::vector<ols_result>& fits,
                      const mediation_options& options, mediation_result& out) {
  detail::require_resampling_intervals(options.ci, m.system.units, "mediation");
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
  rs.cluster = clusters.column;
  rs.clusters = m.system.units.clusters.size();
  if (const std::string note = detail::few_clusters_note(m.system.units, rs.cluster); !note.empty()) out.notes.push_back(note);
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
    const Eigen::VectorXd a = detail::jackknife_accelerations(detail::jackknife_replicates(m.system, m.effects));
    if (a.size() == 0) {
      jackknife_problem = "a leave-one-out design is singular: no BCa acceleration";
    } else {
      acceleration = a;
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
      const auto column = reps.effects.col(static_cast<Eigen::Index>(e));
      detail::set_interval(effect, std::vector<double>(column.data(), column.data() + column.size()), options.ci,
                           options.level, acceleration(static_cast<Eigen::Index>(e)), jackknife_problem);
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
    place_effect(info, std::move(effect), out);
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

void describe_sample(mediation_result& out, const model_frame& frame, const mediation_spec& spec,
                     const mediation_options& options) {
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
}

mediation_result fit_between_impl(const table& data, const mediation_spec& spec, const mediation_options& options) {
  model_spec ms;
  ms.response = spec.y;
  ms.predictors = {spec.x};
  ms.predictors.insert(ms.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  ms.predictors.insert(ms.predictors.end(), spec.mediators.begin(), spec.mediators.end());
  ms.cluster = spec.cluster;
  const model_frame frame = build_model_frame(data, ms);
  mediation_result out;
  describe_sample(out, frame, spec, options);
  built_model m = build_between(frame, spec, options);
  m.system.units = detail::units_of(frame.clusters);
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
  const Eigen::VectorXd sds = infer(m, frame.clusters, out.equations, options, out);
  out.sd_x = sds(1);
  out.sd_y = sds(sds.size() - 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conditional process models (PROCESS 7, 8, 14, 15, 58, 59)

using detail::conditional_layout;
using detail::position_of;

/// A path coefficient that may depend on W: the sum of coefficient x w^degree over its parts.
struct w_linear {
  std::vector<std::pair<detail::coefficient_ref, int>> parts;
};

/// The product of the factors, expanded into terms, at W = w; with `degree` >= 0 only the terms
/// of that power of w, with weight 1 (the coefficient of w^degree).
detail::effect_definition product_at(const std::vector<w_linear>& factors, double w, int degree = -1) {
  struct partial {
    detail::effect_term term;
    int degree = 0;
  };
  std::vector<partial> terms(1);
  for (const w_linear& f : factors) {
    std::vector<partial> next;
    for (const partial& t : terms) {
      for (const auto& [ref, d] : f.parts) {
        partial p = t;
        p.term.weight *= std::pow(w, d);
        p.term.factors.push_back(ref);
        p.degree += d;
        next.push_back(std::move(p));
      }
    }
    terms = std::move(next);
  }
  detail::effect_definition out;
  for (partial& t : terms) {
    if (degree >= 0 && t.degree != degree) continue;
    if (degree >= 0) t.term.weight = 1.0;
    out.terms.push_back(std::move(t.term));
  }
  return out;
}

/// `plus` minus `minus`.
detail::effect_definition difference_of(const detail::effect_definition& plus, const detail::effect_definition& minus) {
  detail::effect_definition out = plus;
  for (detail::effect_term t : minus.terms) {
    t.weight = -t.weight;
    out.terms.push_back(std::move(t));
  }
  return out;
}

/// The factors of the indirect effect through mediator j: (a1 + a3 w) and (b1 + b3 w).
std::vector<w_linear> chain_of(const built_model& m, const conditional_layout& l, std::size_t j) {
  const auto& eq = m.system.equations;
  w_linear a;
  a.parts.push_back({{j, position_of(eq[j], 1)}, 0});
  if (l.mod.a) a.parts.push_back({{j, position_of(eq[j], l.xw)}, 1});
  w_linear b;
  b.parts.push_back({{l.k, position_of(eq[l.k], l.mediator(j))}, 0});
  if (l.mod.b) b.parts.push_back({{l.k, position_of(eq[l.k], l.mw[j])}, 1});
  return {a, b};
}

/// The g-th of `points` equally spaced values from lo to hi (both ends exact).
double band_value(double lo, double hi, std::size_t g, std::size_t points) {
  if (g + 1 == points) return hi;
  return lo + (hi - lo) * static_cast<double>(g) / static_cast<double>(points - 1);
}

/// Adds an effect of a conditional process model.
void add_tagged(built_model& m, effect_info::group kind, detail::effect_definition e, conditional_tag tag,
                std::vector<std::string> path) {
  m.effects.push_back(std::move(e));
  effect_info info;
  info.kind = kind;
  info.label = tag.mediator;
  info.path = std::move(path);
  info.tag = std::move(tag);
  m.info.push_back(std::move(info));
}

/// The conditional indirect effects at every probe value (each mediator, then their total), the
/// index of moderated mediation (linear omega, or a dichotomous W) and the pairwise contrasts
/// between probe values (always for 58 and 59, where they replace the index).
void add_conditional_effects(built_model& m, const conditional_layout& l, const mediation_spec& spec,
                             const probe_set& probes, const mediation_options& options) {
  std::vector<std::vector<w_linear>> chains;
  for (std::size_t j = 0; j < l.k; ++j) chains.push_back(chain_of(m, l, j));
  const auto path = [&](std::size_t j) { return std::vector<std::string>{spec.x, spec.mediators[j], spec.y}; };
  const std::vector<double>& ws = probes.values;
  for (std::size_t j = 0; j < l.k; ++j) {
    for (const double w : ws) add_tagged(m, effect_info::group::conditional, product_at(chains[j], w), {spec.mediators[j], w}, path(j));
  }
  if (l.k > 1) {
    for (const double w : ws) {
      detail::effect_definition total;
      for (const auto& chain : chains) {
        const detail::effect_definition e = product_at(chain, w);
        total.terms.insert(total.terms.end(), e.terms.begin(), e.terms.end());
      }
      add_tagged(m, effect_info::group::conditional, total, {"total", w}, {"total"});
    }
  }
  const bool linear = !(l.mod.a && l.mod.b);
  for (std::size_t j = 0; j < l.k && (linear || probes.dichotomous); ++j) {
    detail::effect_definition index = probes.dichotomous ? difference_of(product_at(chains[j], probes.maximum),
                                                                         product_at(chains[j], probes.minimum))
                                                         : product_at(chains[j], 0.0, 1);
    add_tagged(m, effect_info::group::index, std::move(index), {spec.mediators[j]}, path(j));
  }
  if (options.contrasts || !linear) {
    for (std::size_t j = 0; j < l.k; ++j) {
      for (std::size_t b = 1; b < ws.size(); ++b) {
        for (std::size_t a = 0; a < b; ++a) {
          add_tagged(m, effect_info::group::conditional_contrast,
                     difference_of(product_at(chains[j], ws[b]), product_at(chains[j], ws[a])),
                     {spec.mediators[j], ws[b], ws[a]}, path(j));
        }
      }
    }
  }
  if (options.band_points == 0 || probes.dichotomous) return;
  for (std::size_t j = 0; j < l.k; ++j) {
    for (std::size_t g = 0; g < options.band_points; ++g) {
      const double w = band_value(probes.minimum, probes.maximum, g, options.band_points);
      add_tagged(m, effect_info::group::band, product_at(chains[j], w), {spec.mediators[j], w}, path(j));
    }
  }
}

/// The direct effect c1 + c3 w with the covariance entries of (c1, c3) from the Y equation.
linear_effect direct_effect_in_w(const ols_result& y_fit, const detail::path_equation& ye, const conditional_layout& l) {
  const auto x = static_cast<Eigen::Index>(position_of(ye, 1));
  const auto xw = static_cast<Eigen::Index>(position_of(ye, l.xw));
  linear_effect e;
  e.intercept = y_fit.coefficients[static_cast<std::size_t>(x)].estimate;
  e.slope = y_fit.coefficients[static_cast<std::size_t>(xw)].estimate;
  e.var_intercept = y_fit.covariance(x, x);
  e.covariance = y_fit.covariance(x, xw);
  e.var_slope = y_fit.covariance(xw, xw);
  return e;
}

/// c1 + c3 w at every probe value, from the Y equation (its covariance, t on its residual df).
std::vector<conditional_direct_effect> conditional_direct_effects(const linear_effect& e, const ols_result& y_fit,
                                                                  const probe_set& probes, double level) {
  std::vector<conditional_direct_effect> out;
  for (const double w : probes.values) {
    const conditional_estimate c = evaluate_at(e, w, y_fit.df_residual, level);
    coefficient effect;
    effect.term = "direct";
    effect.estimate = c.effect;
    effect.se = c.se;
    effect.statistic = c.t;
    effect.p = c.p;
    effect.ci_lower = c.ci_lower;
    effect.ci_upper = c.ci_upper;
    out.push_back({w, effect});
  }
  return out;
}

mediation_result fit_conditional_impl(const table& data, const mediation_spec& spec, const mediation_options& options) {
  model_spec ms;
  ms.response = spec.y;
  ms.predictors = {spec.x};
  ms.predictors.insert(ms.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  ms.predictors.insert(ms.predictors.end(), spec.mediators.begin(), spec.mediators.end());
  ms.predictors.push_back(spec.w);
  ms.cluster = spec.cluster;
  const model_frame frame = build_model_frame(data, ms);
  mediation_result out;
  describe_sample(out, frame, spec, options);
  out.moderated_model = spec.moderated_model;
  out.w = spec.w;
  out.center = spec.center;
  conditional_layout l;
  built_model m;
  detail::centring_record centred;
  m.system.z = detail::conditional_data(frame, spec, l, m.names, centred);
  out.centred_variables = centred.variables;
  out.centred_means = centred.means;
  out.centred = !centred.variables.empty();
  m.centred.assign(static_cast<std::size_t>(m.system.z.cols()), false);
  const Eigen::VectorXd w_col = m.system.z.col(static_cast<Eigen::Index>(l.w));
  const std::span<const double> w_span(w_col.data(), static_cast<std::size_t>(w_col.size()));
  const probe_set probes = choose_probe_values(w_span, spec.w, spec.probe);
  out.w_values = probes.values;
  out.w_probe = probes.method;
  out.w_labels = probes.labels;
  out.w_dichotomous = probes.dichotomous;
  out.notes = probes.notes;
  m.system.equations = detail::conditional_equations(l);
  add_conditional_effects(m, l, spec, probes, options);
  require_varying_outcome(m, spec.y);
  out.equations = fit_equations(m, options);
  const ols_result& y_fit = out.equations.back();
  out.direct_effect = y_fit.coefficients[1];
  for (std::size_t j = 0; j < l.k; ++j) add_path(out, spec.x, spec.mediators[j], out.equations[j].coefficients[1]);
  add_path(out, spec.x, spec.y, y_fit.coefficients[1]);
  for (std::size_t j = 0; j < l.k; ++j) {
    add_path(out, spec.mediators[j], spec.y, y_fit.coefficients[position_of(m.system.equations.back(), l.mediator(j))]);
  }
  if (l.mod.c) {
    const linear_effect direct = direct_effect_in_w(y_fit, m.system.equations.back(), l);
    out.conditional_direct = conditional_direct_effects(direct, y_fit, probes, options.level);
    if (probes.dichotomous) {
      out.notes.push_back("Johnson-Neyman is not computed for the conditional direct effect: '" + spec.w + "' is dichotomous");
    } else if (options.johnson_neyman) {
      out.direct_johnson_neyman = johnson_neyman(direct, y_fit.df_residual, options.level, w_span);
    }
  }
  m.system.units = detail::units_of(frame.clusters);
  const Eigen::VectorXd sds = infer(m, frame.clusters, out.equations, options, out);
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
  ms.cluster = spec.cluster;
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
  m.system.units = detail::units_of(frame.clusters);
  (void)infer(m, frame.clusters, out.equations, options, out);
  return out;
}

}  // namespace

mediation_result fit_mediation(const table& data, const mediation_spec& spec, const mediation_options& options) {
  spec.validate();
  options.validate();
  if (spec.moderated_model != 0) return naming_source(data, [&] { return fit_conditional_impl(data, spec, options); });
  return naming_source(data, [&] { return fit_between_impl(data, spec, options); });
}

mediation_result fit_within_mediation(const table& data, const within_mediation_spec& spec,
                                      const mediation_options& options) {
  spec.validate();
  options.validate();
  return naming_source(data, [&] { return fit_within_impl(data, spec, options); });
}

}  // namespace socialcure
