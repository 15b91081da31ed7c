#pragma once
/// \file
/// \brief Internal: pieces of the PROCESS-style text output shared by the mediation and the
/// moderation reports.

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <cmath>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure::detail {

/// \brief The line of asterisks between PROCESS's output sections.
inline constexpr const char* process_rule =
    "**************************************************************************\n";

/// \brief A value with four decimals, as PROCESS prints coefficients.
inline std::string f4(double v) { return format_fixed(v, 4); }

/// \brief How the moderator values of the conditional tables were chosen, e.g. "the mean and +/- 1 SD".
inline std::string probe_rule_text(probe_method method, bool dichotomous) {
  if (dichotomous) return "its two values (dichotomous)";
  switch (method) {
    case probe_method::percentiles: return "the 16th, 50th and 84th percentiles";
    case probe_method::mean_sd: return "the mean and +/- 1 SD";
    case probe_method::values: return "the values given";
  }
  return "";
}

/// \brief The notes line on centring: none, or each centred variable with the mean subtracted.
inline std::string centring_text(centering rule, const std::vector<std::string>& centred, const std::vector<double>& means) {
  if (centred.empty()) return "No variables were mean centred prior to analysis.\n";
  std::string out = "Variables mean centred prior to analysis (" + std::string(to_string(rule)) + "):";
  for (std::size_t k = 0; k < centred.size() && k < means.size(); ++k) {
    out += " " + centred[k] + " (mean " + f4(means[k]) + ")";
  }
  return out + "\n";
}

/// \brief The Johnson-Neyman block in PROCESS's words: the transition points with the percentages of
/// the moderator below and above each, then the effect at values across the observed range. `what`
/// names the effect probed, e.g. "effect" (of X), "X*W interaction", "direct effect of X on Y".
inline void johnson_neyman_text(std::ostringstream& out, const johnson_neyman_result& jn, const std::string& moderator,
                                const std::string& what) {
  out << "\nModerator value(s) defining Johnson-Neyman significance region(s) (" << moderator
      << (what == "effect" ? "" : ", for the conditional " + what) << "):\n";
  if (jn.points.empty()) {
    out << " There are no statistical significance transition points within the observed range of the moderator.\n";
  } else {
    text_table p({"Value", "% below", "% above"}, std::vector<alignment>(3, alignment::right));
    for (const auto& pt : jn.points) p.add_row({f4(pt.value), f4(pt.percent_below), f4(pt.percent_above)});
    out << p.str();
  }
  out << " (" << jn.summary << "; critical t " << f4(jn.critical_value) << ")\n";
  out << "\nConditional " << what << " at values of the moderator:\n";
  text_table t({moderator, "Effect", "se", "t", "p", "LLCI", "ULCI"}, std::vector<alignment>(7, alignment::right));
  for (const auto& e : jn.region) {
    t.add_row({f4(e.w), f4(e.effect), f4(e.se), f4(e.t), f4(e.p), f4(e.ci_lower), f4(e.ci_upper)});
  }
  out << t.str();
}

/// \brief The covariates (if any), then "Sample size: n" with the cases excluded per column.
inline void covariates_and_sample_text(std::ostringstream& out, const std::vector<std::string>& covariates, std::size_t n,
                                       std::size_t excluded, const std::vector<missing_count>& missing) {
  if (!covariates.empty()) {
    out << "Covariates:\n  ";
    for (const auto& c : covariates) out << " " << c;
    out << "\n";
  }
  out << "\nSample size: " << n;
  if (excluded > 0) {
    out << " (" << excluded << " cases excluded for missing values:";
    for (const auto& m : missing) out << " " << m.column << " " << m.rows;
    out << ")";
  }
  out << "\n";
}

/// \brief The notes on the replicates: how many of which kind, whether whole clusters were
/// resampled, the seed and the threads.
inline void replicates_text(std::ostringstream& out, const replicate_summary& b) {
  out << "Number of " << (b.method == ci_method::monte_carlo ? "Monte Carlo samples" : "bootstrap samples") << " for "
      << to_string(b.method) << " confidence intervals: " << b.requested << "\n";
  if (!b.cluster.empty()) {
    out << "The bootstrap resampled whole clusters: " << b.clusters << " values of " << b.cluster << "\n";
  }
  out << "Random number seed: " << b.seed << (b.seed_given ? "" : " (drawn; give --seed to repeat)") << "; threads: "
      << b.threads_used << "\n";
}

/// \brief One OLS equation as PROCESS prints it: its outcome, the model summary (R, R-sq, MSE, F,
/// df, p) and the coefficients with t tests and intervals; `title` replaces "OUTCOME VARIABLE:".
inline void process_equation_text(std::ostringstream& out, const ols_result& fit, const char* title = nullptr) {
  out << process_rule << (title != nullptr ? title : "OUTCOME VARIABLE:") << "\n " << fit.response << "\n\n";
  out << "Model Summary\n";
  text_table summary({"R", "R-sq", "MSE", "F", "df1", "df2", "p"}, std::vector<alignment>(7, alignment::right));
  summary.add_row({f4(std::sqrt(fit.r_squared)), f4(fit.r_squared), f4(fit.sigma * fit.sigma), f4(fit.f_statistic),
                   format_number(fit.f_df1), format_number(fit.f_df2), f4(fit.f_p)});
  out << summary.str() << "\nModel\n";
  text_table t({"", "coeff", "se", "t", "p", "LLCI", "ULCI"});
  for (const auto& c : fit.coefficients) {
    t.add_row({c.term == "(Intercept)" ? "constant" : c.term, f4(c.estimate), f4(c.se), f4(c.statistic), f4(c.p),
               f4(c.ci_lower), f4(c.ci_upper)});
  }
  out << t.str() << "\n";
}

}  // namespace socialcure::detail
