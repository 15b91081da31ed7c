// A program that uses the installed library through its front door only. The install tests build
// it three ways (tests/CMakeLists.txt): with find_package (CMakeLists.txt beside it), with
// pkg-config, and with a plain compiler command line. It reads the bundled sample, scores UCLA-3
// loneliness from the catalogue, fits OLS, checks the results against a hand calculation and
// prints one line the tests look for.
#include <cmath>
#include <cstddef>
#include <exception>
#include <iostream>
#include <vector>

#include <socialcure/socialcure.hpp>

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    socialcure::table t0 = socialcure::read_sample("panel_t0.csv", options);
    const socialcure::scale_scores lonely =
        socialcure::score_table(socialcure::find_scale("ucla3"), t0, {"ucla1", "ucla2", "ucla3"}, "id");
    std::vector<double> score;
    for (const auto& r : lonely.respondents) score.push_back(r.score);
    t0.add(socialcure::column("loneliness", score));

    socialcure::model_spec spec;
    spec.response = "gp_visits";
    spec.predictors = {"loneliness"};
    socialcure::ols_options ols;
    ols.se = socialcure::se_type::hc3;
    const socialcure::ols_result fit = socialcure::fit_ols(t0, spec, ols);

    // By hand: slope = sum (x - mean x)(y - mean y) / sum (x - mean x)^2 over the complete cases.
    const auto visits = t0.numeric("gp_visits");
    std::vector<double> x;
    std::vector<double> y;
    for (std::size_t i = 0; i < t0.rows(); ++i) {
      if (socialcure::is_missing(score[i]) || socialcure::is_missing(visits[i])) continue;
      if (score[i] < 3 || score[i] > 9) return 2;  // a UCLA-3 sum lies in 3..9
      x.push_back(score[i]);
      y.push_back(visits[i]);
    }
    double mx = 0;
    double my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      mx += x[i] / static_cast<double>(x.size());
      my += y[i] / static_cast<double>(y.size());
    }
    double sxy = 0;
    double sxx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    const double slope = fit.at("loneliness").estimate;
    if (lonely.n_scored + lonely.n_unscorable != t0.rows() || fit.n != x.size() ||
        fit.n + fit.n_excluded != t0.rows() || std::abs(slope - sxy / sxx) > 1e-10 * std::abs(sxy / sxx)) {
      std::cerr << "consumer: results disagree with the hand calculation\n";
      return 1;
    }
    std::cout << "consumer: read " << t0.rows() << " rows, scored " << lonely.n_scored << " with ucla3, OLS on "
              << fit.n << " cases, slope " << slope << ", socialcure " << socialcure::version_string << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 1;
  }
}
