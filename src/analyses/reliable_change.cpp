#include "socialcure/analyses/reliable_change.hpp"

#include <cmath>
#include <string>

#include "analyses/detail/change_parts.hpp"
#include "analyses/detail/pairs.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

std::string_view to_string(reliable_change_class value) noexcept {
  switch (value) {
    case reliable_change_class::increased: return "increased";
    case reliable_change_class::decreased: return "decreased";
    case reliable_change_class::unchanged: return "unchanged";
    case reliable_change_class::not_assessed: return "not_assessed";
  }
  return "not_assessed";
}

std::string_view to_string(change_outcome value) noexcept {
  switch (value) {
    case change_outcome::recovered: return "recovered";
    case change_outcome::improved: return "improved";
    case change_outcome::unchanged: return "unchanged";
    case change_outcome::deteriorated: return "deteriorated";
    case change_outcome::not_assessed: return "not_assessed";
  }
  return "not_assessed";
}

std::string_view to_string(clinical_criterion value) noexcept {
  switch (value) {
    case clinical_criterion::none: return "none";
    case clinical_criterion::a: return "a";
    case clinical_criterion::b: return "b";
    case clinical_criterion::c: return "c";
  }
  return "none";
}

namespace {

void check_norm(const norm_group& g, const char* name) {
  if (is_missing(g.mean) != is_missing(g.sd)) {
    throw argument_error(std::string("reliable_change_options: the ") + name + " norm needs both a mean and an SD");
  }
  if (g.given() && (!(g.sd > 0) || std::isinf(g.sd) || std::isinf(g.mean))) {
    throw argument_error(std::string("reliable_change_options: the ") + name + " SD " + format_number(g.sd) +
                         " must be positive and finite");
  }
}

}  // namespace

void reliable_change_options::validate() const {
  if (!(reliability >= 0.0 && reliability < 1.0)) {
    throw argument_error("reliable_change_options: reliability " + format_number(reliability) +
                         (is_missing(reliability) ? " (not given)" : "") + " must be in [0, 1)");
  }
  if (!is_missing(sd_pre) && (!(sd_pre > 0) || std::isinf(sd_pre))) {
    throw argument_error("reliable_change_options: sd_pre " + format_number(sd_pre) + " must be positive and finite");
  }
  if (!(critical > 0) || std::isinf(critical)) {
    throw argument_error("reliable_change_options: critical value " + format_number(critical) + " must be positive");
  }
  check_norm(dysfunctional, "dysfunctional");
  check_norm(functional, "functional");
  if (criterion == clinical_criterion::none) return;
  const std::string which = "criterion " + std::string(to_string(criterion));
  if (better == improvement::none) {
    throw argument_error("reliable_change_options: " + which + " needs the better direction (lower or higher)");
  }
  if ((criterion == clinical_criterion::b || criterion == clinical_criterion::c) && !functional.given()) {
    throw argument_error("reliable_change_options: " + which + " needs the functional norm (mean and SD)");
  }
  if (criterion == clinical_criterion::c && !dysfunctional.given()) {
    throw argument_error("reliable_change_options: " + which + " needs the dysfunctional norm (mean and SD)");
  }
}

reliable_change_result reliable_change(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                       const Eigen::Ref<const Eigen::VectorXd>& post,
                                       const reliable_change_options& options) {
  return detail::reliable_change_of(pre, post, options, true);
}

reliable_change_result detail::reliable_change_of(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                  const Eigen::Ref<const Eigen::VectorXd>& post,
                                                  const reliable_change_options& options, bool per_person) {
  options.validate();
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "reliable_change");
  reliable_change_result out;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  out.reliability = options.reliability;
  out.critical = options.critical;
  out.better = options.better;
  out.criterion = options.criterion;
  const detail::moments baseline = detail::mean_sd_of(pairs.pre);
  out.mean_pre = out.n > 0 ? baseline.mean : missing_value;
  out.sd_pre_from_sample = is_missing(options.sd_pre);
  out.sd_pre = out.sd_pre_from_sample ? baseline.sd : options.sd_pre;
  if (out.sd_pre_from_sample && (out.n < 2 || !(out.sd_pre > 0))) {
    throw argument_error("reliable_change: the baseline SD of the sample is " +
                         (out.n < 2 ? std::string("undefined (fewer than 2 complete pairs)") : format_number(out.sd_pre)) +
                         "; give sd_pre from a norm group");
  }
  out.sem = out.sd_pre * std::sqrt(1.0 - options.reliability);
  out.s_diff = std::sqrt(2.0) * out.sem;
  out.min_reliable_change = options.critical * out.s_diff;

  // The cut-off, in the scale's units.
  const bool lower_better = options.better == improvement::lower;
  const norm_group m1 = options.dysfunctional.given() ? options.dysfunctional : norm_group{baseline.mean, baseline.sd};
  const norm_group& m0 = options.functional;
  switch (options.criterion) {
    case clinical_criterion::none: break;
    case clinical_criterion::a: out.cutoff = lower_better ? m1.mean - 2.0 * m1.sd : m1.mean + 2.0 * m1.sd; break;
    case clinical_criterion::b: out.cutoff = lower_better ? m0.mean + 2.0 * m0.sd : m0.mean - 2.0 * m0.sd; break;
    case clinical_criterion::c: out.cutoff = (m0.sd * m1.mean + m1.sd * m0.mean) / (m0.sd + m1.sd); break;
  }

  if (per_person) {
    const auto size = static_cast<std::size_t>(pre.size());
    out.rc.assign(size, missing_value);
    out.classes.assign(size, reliable_change_class::not_assessed);
    if (options.criterion != clinical_criterion::none) out.outcomes.assign(size, change_outcome::not_assessed);
  }
  for (std::size_t k = 0; k < pairs.rows.size(); ++k) {
    const std::size_t row = pairs.rows[k];
    const double after = pairs.post(static_cast<Eigen::Index>(k));
    const double rc = (after - pairs.pre(static_cast<Eigen::Index>(k))) / out.s_diff;
    if (per_person) out.rc[row] = rc;
    reliable_change_class cls = reliable_change_class::unchanged;
    if (rc > options.critical) cls = reliable_change_class::increased;
    if (rc < -options.critical) cls = reliable_change_class::decreased;
    if (per_person) out.classes[row] = cls;
    if (cls == reliable_change_class::increased) ++out.n_increased;
    if (cls == reliable_change_class::decreased) ++out.n_decreased;
    if (cls == reliable_change_class::unchanged) ++out.n_unchanged;
    if (options.better == improvement::none) continue;
    const bool improved = cls == (lower_better ? reliable_change_class::decreased : reliable_change_class::increased);
    const bool worse = cls == (lower_better ? reliable_change_class::increased : reliable_change_class::decreased);
    if (improved) ++out.n_improved;
    if (worse) ++out.n_deteriorated;
    if (options.criterion == clinical_criterion::none) continue;
    const bool beyond = lower_better ? after < out.cutoff : after > out.cutoff;
    change_outcome outcome = change_outcome::unchanged;
    if (improved) outcome = beyond ? change_outcome::recovered : change_outcome::improved;
    if (worse) outcome = change_outcome::deteriorated;
    if (per_person) out.outcomes[row] = outcome;
    if (outcome == change_outcome::recovered) ++out.n_recovered;
    if (outcome == change_outcome::improved) ++out.n_improved_only;
  }
  return out;
}

}  // namespace socialcure
