// Regression on the bundled social-prescribing sample: do lonelier patients, and those with fewer
// group memberships, see their GP more often?
//
// At referral (t0): GP appointments in the last four months (an over-dispersed count) regressed on
// loneliness (UCLA-3 sum, 3-9), multiple group memberships (EXITS mean, 1-7), age and gender, by
// negative binomial regression (rate ratios), and community belonging (mean of four items) on
// group memberships by OLS with HC3 standard errors.
//
// Run:  regression_on_sample

#include <exception>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/regression_report.hpp"

namespace {

// Adds the sum (or mean) of item columns as a new column; missing when any item is missing.
// (Validated scale scoring with proration rules is socialcure's scales module; this keeps the
// example self-contained.)
void add_score(socialcure::table& t, const std::string& name, const std::vector<std::string>& items, bool mean) {
  std::vector<double> score(t.rows(), 0.0);
  for (const auto& item : items) {
    const auto values = t.numeric(item);
    for (std::size_t i = 0; i < t.rows(); ++i) score[i] += values[i];  // NaN (missing) propagates
  }
  if (mean) {
    for (double& s : score) s /= static_cast<double>(items.size());
  }
  t.add(socialcure::column(name, std::move(score)));
}

}  // namespace

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    socialcure::table t0 = socialcure::read_sample("panel_t0.csv", options);
    add_score(t0, "loneliness", {"ucla1", "ucla2", "ucla3"}, false);
    add_score(t0, "groups", {"exits1", "exits2", "exits3", "exits4"}, true);
    add_score(t0, "belonging", {"belong1", "belong2", "belong3", "belong4"}, true);

    socialcure::model_spec gp;
    gp.response = "gp_visits";
    gp.predictors = {"loneliness", "groups", "age", "gender"};
    gp.categorical = {{"gender", "female"}};
    socialcure::glm_options nb;
    nb.family = socialcure::glm_family::negative_binomial;
    const socialcure::glm_result gp_fit = socialcure::fit_glm(t0, gp, nb);
    std::cout << socialcure::regression_text(gp_fit) << "\n";

    const auto& lonely = gp_fit.at("loneliness");
    std::cout << std::fixed << std::setprecision(1) << "Each point on the UCLA-3 goes with " << (lonely.exp_estimate - 1.0) * 100.0
              << "% more GP appointments (95% CI " << (lonely.exp_ci_lower - 1.0) * 100.0 << "% to "
              << (lonely.exp_ci_upper - 1.0) * 100.0 << "%).\n\n" << std::defaultfloat;

    socialcure::model_spec belonging;
    belonging.response = "belonging";
    belonging.predictors = {"groups", "age"};
    socialcure::ols_options hc3;
    hc3.se = socialcure::se_type::hc3;
    std::cout << socialcure::regression_text(socialcure::fit_ols(t0, belonging, hc3));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
