// Conditional process models (PROCESS 7, 8, 14, 15, 58, 59) with a GLM outcome: the design of the
// gaussian models (detail/conditional_layout.hpp), the engine of GLM mediation
// (detail/glm_mediation_engine.hpp), and the effects at each probe value of W through the
// model-4 coefficients that the model has at W = w.

#include <algorithm>
#include <span>

#include "analyses/detail/conditional_layout.hpp"
#include "analyses/detail/glm_mediation_engine.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure::detail {

namespace {

/// Where a coefficient of an equation goes among the model-4 coefficients at W = w: the target
/// position, and whether it is multiplied by w first (the coefficients of W and of the products).
struct fold {
  Eigen::Index target = 0;
  bool times_w = false;
};

/// The folds of every regressor of `eq` (model 4: mediator [1, x, C], outcome [1, x, M, C]).
std::vector<fold> folds_of(const path_equation& eq, const conditional_layout& l, bool outcome) {
  const auto k = static_cast<Eigen::Index>(l.k);
  std::vector<fold> out;
  for (const std::size_t col : eq.regressors) {
    const auto at = static_cast<Eigen::Index>(col);
    fold f;
    if (col <= 1) {
      f.target = at;
    } else if (col == l.w) {
      f = {0, true};
    } else if (col == l.xw) {
      f = {1, true};
    } else if (col >= l.mediator(0) && col < l.w) {
      f.target = 2 + at - static_cast<Eigen::Index>(l.mediator(0));
    } else if (const auto mw = std::find(l.mw.begin(), l.mw.end(), col); mw != l.mw.end()) {
      f = {2 + static_cast<Eigen::Index>(mw - l.mw.begin()), true};
    } else {
      f.target = (outcome ? 2 + k : 2) + at - 2;  // covariate
    }
    out.push_back(f);
  }
  return out;
}

Eigen::VectorXd fold_at(const Eigen::VectorXd& b, const std::vector<fold>& folds, Eigen::Index size, double w) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(size);
  for (std::size_t t = 0; t < folds.size(); ++t) {
    out(folds[t].target) += folds[t].times_w ? w * b(static_cast<Eigen::Index>(t)) : b(static_cast<Eigen::Index>(t));
  }
  return out;
}

/// A fitted conditional process model's structure.
struct conditional_model {
  conditional_layout l;
  std::vector<path_equation> equations;  // the mediators', then the outcome's
  std::vector<std::vector<fold>> folds;  // per equation
  probe_set probes;
  std::vector<std::vector<std::size_t>> paths;  // model 4's: {0}, {1}, ...

  /// The model-4 coefficients at W = w.
  [[nodiscard]] glm_parts at(const glm_parts& p, double w) const {
    const auto c = static_cast<Eigen::Index>(l.c);
    const auto k = static_cast<Eigen::Index>(l.k);
    glm_parts q = p;
    for (std::size_t j = 0; j < l.k; ++j) q.mediator[j] = fold_at(p.mediator[j], folds[j], 2 + c, w);
    q.outcome = fold_at(p.outcome, folds.back(), 2 + k + c, w);
    return q;
  }
  /// omega_j(w) = (a1j + a3j w)(b1j + b3j w).
  [[nodiscard]] double omega(const glm_parts& p, std::size_t j, double w) const {
    const glm_parts q = at(p, w);
    return q.mediator[j](1) * q.outcome(2 + static_cast<Eigen::Index>(j));
  }
  [[nodiscard]] bool has_index() const { return !(l.mod.a && l.mod.b) || probes.dichotomous; }
  [[nodiscard]] bool has_contrasts(const mediation_options& o) const { return o.contrasts || (l.mod.a && l.mod.b); }
  /// Per probe value: products (k, total), ratio (4), causal (8), direct (1).
  [[nodiscard]] Eigen::Index block() const { return static_cast<Eigen::Index>(l.k) + 14; }
  [[nodiscard]] std::size_t pairs() const { return probes.values.size() * (probes.values.size() - 1) / 2; }
};

/// Every effect of the coefficients `p` with case weights `w`: the blocks at the probe values,
/// then the indices, then the contrasts (by mediator, then (1,2), (1,3), (2,3), ...).
Eigen::VectorXd conditional_effects_of(const conditional_model& m, const glm_parts& p, const Eigen::VectorXd& w,
                                       const glm_effect_inputs& in, const mediation_options& options) {
  const std::vector<double>& ws = m.probes.values;
  const Eigen::Index b = m.block();
  const auto k = static_cast<Eigen::Index>(m.l.k);
  const Eigen::Index index = m.has_index() ? k : 0;
  const Eigen::Index contrasts = m.has_contrasts(options) ? k * static_cast<Eigen::Index>(m.pairs()) : 0;
  Eigen::VectorXd out(b * static_cast<Eigen::Index>(ws.size()) + index + contrasts);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    const glm_parts q = m.at(p, ws[i]);
    const auto start = b * static_cast<Eigen::Index>(i);
    out.segment(start, b - 1) = natural_effects_of(q, w, in, m.paths);
    out(start + b - 1) = q.outcome(1);
  }
  Eigen::Index next = b * static_cast<Eigen::Index>(ws.size());
  for (std::size_t j = 0; j < m.l.k && index > 0; ++j) {
    const double hi = m.probes.dichotomous ? m.probes.maximum : 1.0;
    const double lo = m.probes.dichotomous ? m.probes.minimum : 0.0;
    out(next++) = m.omega(p, j, hi) - m.omega(p, j, lo);
  }
  for (Eigen::Index j = 0; j < k && contrasts > 0; ++j) {
    for (std::size_t to = 1; to < ws.size(); ++to) {
      for (std::size_t from = 0; from < to; ++from) {
        out(next++) = out(b * static_cast<Eigen::Index>(to) + j) - out(b * static_cast<Eigen::Index>(from) + j);
      }
    }
  }
  return out;
}

/// The columns `regressors` of z and their names.
Eigen::MatrixXd columns_of(const Eigen::MatrixXd& z, const path_equation& eq, const std::vector<std::string>& names,
                           std::vector<std::string>& terms) {
  Eigen::MatrixXd out(z.rows(), static_cast<Eigen::Index>(eq.regressors.size()));
  terms.clear();
  for (std::size_t t = 0; t < eq.regressors.size(); ++t) {
    out.col(static_cast<Eigen::Index>(t)) = z.col(static_cast<Eigen::Index>(eq.regressors[t]));
    terms.push_back(names[eq.regressors[t]]);
  }
  return out;
}

/// Builds the model's data, designs and probe values; replaces the sample's X, covariate and
/// mediator columns by the analysed (possibly centred) ones.
glm_designs build_conditional(glm_sample& d, const glm_mediation_spec& spec, conditional_model& m, centring_record& centred) {
  std::vector<std::string> names;
  const Eigen::MatrixXd z = conditional_data(d.frame, as_mediation_spec(spec), m.l, names, centred);
  m.equations = conditional_equations(m.l);
  const auto c = static_cast<Eigen::Index>(m.l.c);
  const auto k = static_cast<Eigen::Index>(m.l.k);
  d.base = z.leftCols(2 + c);
  d.m = z.middleCols(2 + c, k);
  glm_designs x;
  for (std::size_t j = 0; j < m.l.k; ++j) {
    x.mediator_terms.emplace_back();
    x.mediator.push_back(columns_of(z, m.equations[j], names, x.mediator_terms.back()));
    m.folds.push_back(folds_of(m.equations[j], m.l, false));
  }
  x.outcome = columns_of(z, m.equations.back(), names, x.outcome_terms);
  m.folds.push_back(folds_of(m.equations.back(), m.l, true));
  const Eigen::VectorXd w = z.col(static_cast<Eigen::Index>(m.l.w));
  m.probes = choose_probe_values(std::span<const double>(w.data(), static_cast<std::size_t>(w.size())), spec.w, spec.probe);
  m.paths = mediator_paths(m.l.k, false);
  return x;
}

/// The label and path of the conditional indirect effect through mediator j (k: the total).
std::vector<std::string> path_of(const glm_mediation_spec& spec, std::size_t j) {
  if (j == spec.mediators.size()) return {"total"};
  return {spec.x, spec.mediators[j], spec.y};
}

/// Files the blocks at the probe values: conditional indirect effects (by mediator, then w; the
/// total with several mediators), ratio and causal effects per w, direct effects (8, 15, 59).
void file_blocks(glm_mediation_result& out, const conditional_model& m, const Eigen::VectorXd& estimate,
                 const glm_effect_run& run, const glm_mediation_spec& spec, const mediation_options& options) {
  static const char* const ratio[] = {"nde", "nie", "total", "prop_mediated"};
  static const char* const causal[] = {"acme_control", "acme_treated", "acme_average", "ade_control",
                                       "ade_treated", "ade_average", "total", "prop_mediated_average"};
  const std::vector<double>& ws = m.probes.values;
  const Eigen::Index b = m.block();
  const auto k = static_cast<Eigen::Index>(m.l.k);
  const auto effect = [&](Eigen::Index e, std::string label) { return summarize_glm_effect(run, e, estimate(e), std::move(label), options); };
  for (Eigen::Index j = 0; j <= k; ++j) {
    if (j == k && k == 1) break;
    const std::string name = j == k ? "total" : spec.mediators[static_cast<std::size_t>(j)];
    for (std::size_t i = 0; i < ws.size(); ++i) {
      mediation_effect e = effect(b * static_cast<Eigen::Index>(i) + j, name);
      e.path = path_of(spec, static_cast<std::size_t>(j));
      out.conditional_indirect.push_back({name, ws[i], std::move(e)});
    }
  }
  for (std::size_t i = 0; i < ws.size(); ++i) {
    const Eigen::Index start = b * static_cast<Eigen::Index>(i) + k + 1;
    conditional_natural_effects c;
    c.w = ws[i];
    for (Eigen::Index r = 0; r < 4 && spec.link != glm_link::probit; ++r) c.ratio_effects.push_back(effect(start + r, ratio[r]));
    for (Eigen::Index r = 0; r < 8; ++r) c.causal_effects.push_back(effect(start + 4 + r, causal[r]));
    out.conditional_effects.push_back(std::move(c));
    if (m.l.mod.c) out.conditional_direct.push_back({ws[i], effect(start + 12, "direct")});
  }
}

/// Files the indices and the contrasts after the blocks.
void file_index_and_contrasts(glm_mediation_result& out, const conditional_model& m, const Eigen::VectorXd& estimate,
                              const glm_effect_run& run, const glm_mediation_spec& spec, const mediation_options& options) {
  const std::vector<double>& ws = m.probes.values;
  Eigen::Index next = m.block() * static_cast<Eigen::Index>(ws.size());
  for (std::size_t j = 0; j < m.l.k && m.has_index(); ++j, ++next) {
    mediation_effect e = summarize_glm_effect(run, next, estimate(next), spec.mediators[j], options);
    e.path = path_of(spec, j);
    out.index_of_moderated_mediation.push_back({spec.mediators[j], std::move(e)});
  }
  for (std::size_t j = 0; j < m.l.k && m.has_contrasts(options); ++j) {
    for (std::size_t to = 1; to < ws.size(); ++to) {
      for (std::size_t from = 0; from < to; ++from, ++next) {
        mediation_effect e = summarize_glm_effect(run, next, estimate(next), spec.mediators[j], options);
        e.path = path_of(spec, j);
        out.conditional_contrasts.push_back({spec.mediators[j], ws[from], ws[to], std::move(e)});
      }
    }
  }
}

/// The moderator's part of the description, and x0, x1 in the analysed metric of X.
std::pair<double, double> describe_moderator(glm_mediation_result& out, const conditional_model& m,
                                             const centring_record& centred, const glm_mediation_spec& spec) {
  out.moderated_model = spec.moderated_model;
  out.w = spec.w;
  out.w_values = m.probes.values;
  out.w_probe = m.probes.method;
  out.w_labels = m.probes.labels;
  out.w_dichotomous = m.probes.dichotomous;
  out.center = spec.center;
  out.centred_variables = centred.variables;
  out.centred_means = centred.means;
  out.notes.insert(out.notes.end(), m.probes.notes.begin(), m.probes.notes.end());
  out.notes.push_back("conditional effects at each value of " + spec.w + ": ratio effects with " + spec.w +
                      " at that value and the covariates at their means; causal effects averaged over the analysed "
                      "persons with every person's " + spec.w + " set to that value");
  double shift = 0.0;
  for (std::size_t v = 0; v < centred.variables.size(); ++v) {
    if (centred.variables[v] == spec.x) shift = centred.means[v];
  }
  return {out.x0 - shift, out.x1 - shift};
}

}  // namespace

glm_mediation_result fit_conditional_glm_mediation(const table& data, const glm_mediation_spec& spec,
                                                   const mediation_options& options) {
  glm_sample d = read_glm_sample(data, spec);
  require_resampling_intervals(options.ci, d.units, "glm mediation");
  glm_mediation_result out = describe_glm_mediation(d, spec, options);
  conditional_model m;
  centring_record centred;
  const glm_designs x = build_conditional(d, spec, m, centred);
  const auto [x0, x1] = describe_moderator(out, m, centred, spec);
  glm_options o;
  o.family = spec.family;
  o.link = spec.link;
  o.level = options.level;
  glm_full_fit fit = fit_glm_equations(d, x, spec, o);
  glm_mediation_spec model4 = spec;
  model4.moderated_model = 0;
  model4.w.clear();
  const glm_effect_inputs in{d, model4, x0, x1};
  const glm_effect_function effects = [&](const glm_parts& p, const Eigen::VectorXd& w) {
    return conditional_effects_of(m, p, w, in, options);
  };
  const Eigen::VectorXd estimate = effects(fit.p, Eigen::VectorXd::Ones(d.y.size()));
  const glm_effect_run run = run_glm_replicates(d, x, fit, spec, options, effects, estimate.size());
  out.replicates = run.summary;
  file_blocks(out, m, estimate, run, spec, options);
  file_index_and_contrasts(out, m, estimate, run, spec, options);
  add_glm_notes(out, d, spec, options);
  out.mediator_equations = std::move(fit.mediators);
  out.outcome = std::move(fit.outcome);
  return out;
}

}  // namespace socialcure::detail
