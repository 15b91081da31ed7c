#include "socialcure/analyses/attrition.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <span>

#include <Eigen/Dense>

#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

void attrition_options::validate() const {
  check_level(level, "attrition_options");
}

namespace {

enum class status { completed, dropped, unknown };

std::vector<status> completion_status(const table& data, const completion_rule& completion, const std::string& id_column,
                                      attrition_result& out) {
  const column& c = data.get(completion.column);
  std::vector<status> s(data.rows(), status::unknown);
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (completion.rule == completion_rule::kind::present) {
      s[i] = c.is_missing(i) ? status::dropped : status::completed;
      continue;
    }
    if (c.is_missing(i)) continue;
    const double v = c.is_numeric() ? c.numbers()[i] : missing_value;
    if (v == 1.0 || v == 0.0) {
      s[i] = v == 1.0 ? status::completed : status::dropped;
      continue;
    }
    const std::string respondent = id_column.empty() ? std::string() : data.get(id_column).entry_text(i);
    const std::string value = c.entry_text(i);
    throw data_error(location{data.source(), data.source_line(i), completion.column, respondent, {}},
                     "the completion flag must be 1 (completed) or 0 (dropped out)", value, "0 or 1");
  }
  for (status x : s) {
    if (x == status::completed) ++out.n_completed;
    if (x == status::dropped) ++out.n_dropped;
    if (x == status::unknown) ++out.n_status_missing;
  }
  return s;
}

void compare_numeric(std::span<const double> values, const std::vector<status>& s, double level,
                     attrition_variable& v) {
  std::vector<double> a;
  std::vector<double> b;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (s[i] == status::unknown) continue;
    if (is_missing(values[i])) {
      ++v.n_missing;
      continue;
    }
    (s[i] == status::completed ? a : b).push_back(values[i]);
  }
  v.n_completed = a.size();
  v.n_dropped = b.size();
  const mean_sd ma = mean_and_sd(a);
  const mean_sd mb = mean_and_sd(b);
  v.mean_completed = ma.mean;
  v.mean_dropped = mb.mean;
  v.sd_completed = ma.sd;
  v.sd_dropped = mb.sd;
  v.mean_diff = ma.mean - mb.mean;
  if (a.size() < 2 || b.size() < 2) {
    v.warning = "a group has fewer than 2 values: no test";
    return;
  }
  const double na = static_cast<double>(ma.n);
  const double nb = static_cast<double>(mb.n);
  const double var_a = ma.sd * ma.sd;
  const double var_b = mb.sd * mb.sd;
  const double sa = var_a / na;
  const double sb = var_b / nb;
  const double se = std::sqrt(sa + sb);
  const double pooled = std::sqrt((var_a + var_b) / 2.0);
  if (pooled > 0) v.smd = v.mean_diff / pooled;
  if (!(se > 0)) {
    v.warning = "no variation in either group: no test";
    return;
  }
  v.df = (sa + sb) * (sa + sb) / (sa * sa / (na - 1.0) + sb * sb / (nb - 1.0));
  v.t = v.mean_diff / se;
  v.p = t_two_sided_p(v.t, v.df);
  const double half = t_quantile(1.0 - (1.0 - level) / 2.0, v.df) * se;
  v.ci_lower = v.mean_diff - half;
  v.ci_upper = v.mean_diff + half;
}

void compare_categorical(const column& c, const std::vector<status>& s, bool yates, attrition_variable& v) {
  // Levels sorted as R's table() sorts them: text alphabetically, numbers numerically.
  std::map<double, attrition_level> by_number;
  std::map<std::string, attrition_level> by_text;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (s[i] == status::unknown) continue;
    if (c.is_missing(i)) {
      ++v.n_missing;
      continue;
    }
    attrition_level* level = c.is_numeric() ? &by_number[c.numbers()[i]] : &by_text[c.strings()[i]];
    level->level = c.entry_text(i);
    (s[i] == status::completed ? level->completed : level->dropped) += 1;
    (s[i] == status::completed ? v.n_completed : v.n_dropped) += 1;
  }
  for (auto& [key, level] : by_number) v.levels.push_back(level);
  for (auto& [key, level] : by_text) v.levels.push_back(level);
  const std::size_t k = v.levels.size();
  if (k < 2 || v.n_completed == 0 || v.n_dropped == 0) {
    v.warning = k < 2 ? "fewer than 2 levels: no test" : "a group has no values: no test";
    return;
  }
  const double n1 = static_cast<double>(v.n_completed);
  const double n2 = static_cast<double>(v.n_dropped);
  const double total = n1 + n2;
  // Expected counts and |O - E|.
  double chi2 = 0.0;
  double min_expected = total;
  double min_abs = total;
  std::vector<std::array<double, 4>> cells;  // observed, expected per group
  for (const auto& level : v.levels) {
    const double col = static_cast<double>(level.completed + level.dropped);
    const double e1 = n1 * col / total;
    const double e2 = n2 * col / total;
    const double o1 = static_cast<double>(level.completed);
    const double o2 = static_cast<double>(level.dropped);
    chi2 += (o1 - e1) * (o1 - e1) / e1 + (o2 - e2) * (o2 - e2) / e2;
    min_expected = std::min({min_expected, e1, e2});
    min_abs = std::min({min_abs, std::fabs(o1 - e1), std::fabs(o2 - e2)});
    cells.push_back({o1, e1, o2, e2});
  }
  const double df = static_cast<double>(k - 1);
  v.chi2_uncorrected = chi2;
  v.p_uncorrected = chi_square_upper_p(chi2, df);
  v.min_expected = min_expected;
  v.df = df;
  v.chi2 = chi2;
  v.p = v.p_uncorrected;
  if (yates && k == 2) {
    const double correction = std::min(0.5, min_abs);
    double corrected = 0.0;
    for (const auto& cell : cells) {
      corrected += std::pow(std::fabs(cell[0] - cell[1]) - correction, 2) / cell[1] +
                   std::pow(std::fabs(cell[2] - cell[3]) - correction, 2) / cell[3];
    }
    v.chi2 = corrected;
    v.p = chi_square_upper_p(corrected, df);
    v.yates_corrected = true;
  }
  v.cramers_v = std::sqrt(chi2 / total);  // min(2, k) - 1 = 1
  if (min_expected < 5) {
    v.warning = "an expected count is below 5 (smallest " + format_number(std::round(min_expected * 100.0) / 100.0) +
                "): the chi-square p-value may be inaccurate";
  }
  // Yang & Dalton (2012): proportions without the first level, S = (S1 + S2) / 2, S_g = diag(p) - p p'.
  const auto m = static_cast<Eigen::Index>(k - 1);
  Eigen::VectorXd p1(m);
  Eigen::VectorXd p2(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    p1(j) = static_cast<double>(v.levels[static_cast<std::size_t>(j) + 1].completed) / n1;
    p2(j) = static_cast<double>(v.levels[static_cast<std::size_t>(j) + 1].dropped) / n2;
  }
  const Eigen::MatrixXd s1 = Eigen::MatrixXd(p1.asDiagonal()) - p1 * p1.transpose();
  const Eigen::MatrixXd s2 = Eigen::MatrixXd(p2.asDiagonal()) - p2 * p2.transpose();
  const Eigen::MatrixXd pooled = (s1 + s2) / 2.0;
  const Eigen::VectorXd d = p1 - p2;
  const Eigen::VectorXd solved = pooled.completeOrthogonalDecomposition().solve(d);
  v.smd = std::sqrt(std::max(0.0, d.dot(solved)));
}

}  // namespace

attrition_result compare_attrition(const table& data, const completion_rule& completion,
                                   const std::vector<std::string>& variables, const attrition_options& options,
                                   const std::string& id_column) {
  options.validate();
  if (variables.empty()) throw argument_error("compare_attrition: no baseline variables given");
  attrition_result out;
  out.completion_column = completion.column;
  out.rule = completion.rule;
  out.level = options.level;
  out.n_rows = data.rows();
  for (const auto& name : variables) {
    if (name == completion.column) {
      throw argument_error("compare_attrition: '" + name + "' is the completion column, not a baseline variable");
    }
    (void)data.get(name);  // unknown columns fail before any work, listing the available names
  }
  for (const auto& name : options.categorical) {
    if (std::find(variables.begin(), variables.end(), name) == variables.end()) {
      throw argument_error("compare_attrition: categorical variable '" + name + "' is not among the variables");
    }
  }
  const std::vector<status> s = completion_status(data, completion, id_column, out);
  for (const auto& name : variables) {
    attrition_variable v;
    v.variable = name;
    const column& c = data.get(name);
    v.categorical = !c.is_numeric() ||
                    std::find(options.categorical.begin(), options.categorical.end(), name) != options.categorical.end();
    if (v.categorical) {
      compare_categorical(c, s, options.yates, v);
    } else {
      compare_numeric(c.numbers(), s, options.level, v);
    }
    out.variables.push_back(std::move(v));
  }
  return out;
}

}  // namespace socialcure
