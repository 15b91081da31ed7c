#include "socialcure/analyses/change.hpp"

#include <cmath>
#include <string>

#include "analyses/detail/change_parts.hpp"
#include "analyses/detail/pairs.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

reliable_change_options reliable_settings(const change_options& o) {
  reliable_change_options r;
  r.reliability = o.reliability;
  r.sd_pre = o.sd_pre;
  r.better = o.better;
  r.critical = o.critical;
  r.criterion = o.criterion;
  r.dysfunctional = o.dysfunctional;
  r.functional = o.functional;
  return r;
}

rate_ratio_options rate_settings(const change_options& o) {
  rate_ratio_options r;
  r.level = o.level;
  r.exposure_pre = o.exposure_pre;
  r.exposure_post = o.exposure_post;
  return r;
}

}  // namespace

void change_options::validate() const {
  check_level(level, "change_options");
  if (!is_missing(reliability)) reliable_settings(*this).validate();
  if (is_missing(reliability) && criterion != clinical_criterion::none) {
    throw argument_error("change_options: clinically significant change (criterion " +
                         std::string(to_string(criterion)) + ") needs a reliability for the reliable change index");
  }
  if (std::isinf(cutoff)) throw argument_error("change_options: the cut-off must be finite");
  if (count) rate_settings(*this).validate();
}

change_result analyse_change(const Eigen::Ref<const Eigen::VectorXd>& pre, const Eigen::Ref<const Eigen::VectorXd>& post,
                             const change_options& options) {
  options.validate();
  change_result out;
  out.options = options;
  if (options.count) out.rate_ratio = paired_rate_ratio(pre, post, rate_settings(options));  // validates the counts first
  out.scores = detail::change_scores_of(pre, post, options.per_person);
  out.n = out.scores.n;
  out.n_excluded = out.scores.n_excluded;
  out.t_test = paired_t_test(pre, post, options.level);
  out.effects = standardized_mean_change(pre, post, options.level);
  out.wilcoxon = wilcoxon_signed_rank(pre, post, options.wilcoxon);
  if (!is_missing(options.reliability)) {
    out.reliable = detail::reliable_change_of(pre, post, reliable_settings(options), options.per_person);
  }
  if (!is_missing(options.cutoff)) {
    const auto category = [&](double v) { return is_missing(v) ? missing_value : (v >= options.cutoff ? 1.0 : 0.0); };
    const Eigen::VectorXd a = pre.unaryExpr(category);
    const Eigen::VectorXd b = post.unaryExpr(category);
    out.category = mcnemar_test(a, b, options.level);
  }
  return out;
}

change_data read_change_data(const table& data, const std::string& pre, const std::string& post,
                             const std::string& id_column, bool counts) {
  const auto a = data.numeric(pre);
  const auto b = data.numeric(post);
  change_data out;
  const auto n = static_cast<Eigen::Index>(data.rows());
  out.pre.resize(n);
  out.post.resize(n);
  out.ids.reserve(data.rows());
  const column* ids = id_column.empty() ? nullptr : &data.get(id_column);
  for (std::size_t i = 0; i < data.rows(); ++i) {
    out.ids.push_back(ids == nullptr ? std::to_string(i + 1) : ids->entry_text(i));
    out.pre(static_cast<Eigen::Index>(i)) = a[i];
    out.post(static_cast<Eigen::Index>(i)) = b[i];
  }
  if (!counts) return out;
  for (const auto* name : {&pre, &post}) {
    const auto values = data.numeric(*name);
    for (std::size_t i = 0; i < data.rows(); ++i) {
      require_count(values[i], {data.source(), data.source_line(i), *name,
                                        ids == nullptr ? std::string() : out.ids[i], {}});
    }
  }
  return out;
}

table change_person_table(const change_result& result, const Eigen::Ref<const Eigen::VectorXd>& pre,
                          const Eigen::Ref<const Eigen::VectorXd>& post, const std::vector<std::string>& ids,
                          const std::string& id_column) {
  if (!result.options.per_person) {
    throw argument_error(
        "change_person_table: the change result keeps no per-person values; compute it with "
        "change_options::per_person = true");
  }
  const std::size_t n = ids.size();
  if (static_cast<std::size_t>(pre.size()) != n || static_cast<std::size_t>(post.size()) != n ||
      result.scores.raw.size() != n) {
    throw argument_error("change_person_table: " + std::to_string(n) + " ids for " + std::to_string(pre.size()) +
                         " pre values, " + std::to_string(post.size()) + " post values and " +
                         std::to_string(result.scores.raw.size()) + " analysed pairs");
  }
  table out("change");
  out.add(column(id_column, ids));
  out.add(column("pre", std::vector<double>(pre.begin(), pre.end())));
  out.add(column("post", std::vector<double>(post.begin(), post.end())));
  out.add(column("change", result.scores.raw));
  out.add(column("percent_change", result.scores.percent));
  std::vector<std::string> status(n);
  for (std::size_t i = 0; i < n; ++i) status[i] = std::string(to_string(result.scores.percent_status[i]));
  out.add(column("percent_change_status", std::move(status)));
  out.add(column("residualized_change", result.scores.residualized));
  if (!result.reliable) return out;
  const reliable_change_result& r = *result.reliable;
  out.add(column("rc", r.rc));
  std::vector<std::string> classes(n);
  for (std::size_t i = 0; i < n; ++i) classes[i] = std::string(to_string(r.classes[i]));
  out.add(column("rc_class", std::move(classes)));
  if (r.better != improvement::none) {
    const bool lower = r.better == improvement::lower;
    std::vector<std::string> improvement_of(n);
    for (std::size_t i = 0; i < n; ++i) {
      switch (r.classes[i]) {
        case reliable_change_class::increased: improvement_of[i] = lower ? "deteriorated" : "improved"; break;
        case reliable_change_class::decreased: improvement_of[i] = lower ? "improved" : "deteriorated"; break;
        case reliable_change_class::unchanged: improvement_of[i] = "unchanged"; break;
        case reliable_change_class::not_assessed: improvement_of[i] = "not_assessed"; break;
      }
    }
    out.add(column("improvement", std::move(improvement_of)));
  }
  if (!r.outcomes.empty()) {
    std::vector<std::string> outcomes(n);
    for (std::size_t i = 0; i < n; ++i) outcomes[i] = std::string(to_string(r.outcomes[i]));
    out.add(column("outcome", std::move(outcomes)));
  }
  return out;
}

}  // namespace socialcure
