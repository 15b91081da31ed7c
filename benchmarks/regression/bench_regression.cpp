// socialcure side of the regression benchmarks: OLS with HC3 at n = 1e6, p = 10 and a negative
// binomial fit at n = 1e5 (data from make_data.R, timed from the in-memory table, as R's side is).
// Usage: bench_regression DATADIR REPS  -> prints "name median_seconds first_coefficient ..."
#include <cstdio>
#include <string>
#include <vector>

#include "../timing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

using socialcure_bench::median_seconds;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_regression DATADIR REPS\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  const auto ols_data = socialcure::read_csv(dir + "/ols_1e6.csv");
  const auto nb_data = socialcure::read_csv(dir + "/nb_1e5.csv");

  socialcure::model_spec ols_spec;
  ols_spec.response = "y";
  for (int j = 1; j <= 10; ++j) ols_spec.predictors.push_back("x" + std::to_string(j));
  socialcure::ols_options ols_options;
  ols_options.se = socialcure::se_type::hc3;
  socialcure::ols_result ols;
  const double t_ols = median_seconds(reps, [&] { ols = socialcure::fit_ols(ols_data, ols_spec, ols_options); });
  std::printf("socialcure_ols_hc3 %.4f %.10f %.10f\n", t_ols, ols.coefficients[1].estimate, ols.coefficients[1].se);

  socialcure::model_spec nb_spec;
  nb_spec.response = "y";
  for (int j = 1; j <= 5; ++j) nb_spec.predictors.push_back("z" + std::to_string(j));
  socialcure::glm_options nb_options;
  nb_options.family = socialcure::glm_family::negative_binomial;
  socialcure::glm_result nb;
  const double t_nb = median_seconds(reps, [&] { nb = socialcure::fit_glm(nb_data, nb_spec, nb_options); });
  std::printf("socialcure_glm_nb %.4f %.10f %.10f\n", t_nb, nb.coefficients[1].estimate, nb.theta);
  return 0;
}
