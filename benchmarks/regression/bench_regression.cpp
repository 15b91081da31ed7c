// socialcure side of the regression benchmarks: OLS with HC3 at n = 1e6, p = 10 and a negative
// binomial fit at n = 1e5 (data from make_data.R, read into memory first; each fit then timed
// in-process from the in-memory table, as R's side is), and two floors for the OLS: one plain read
// pass over the design matrix, and writing a freshly allocated design (what building the model
// frame costs at least).
// Usage: bench_regression DATADIR REPS
//   -> prints "name median_wall_seconds median_cpu_seconds check values ..." (the OLS fit on every
//      core, the NB fit, the OLS fit on one thread, then the floors)
#include <cstdio>
#include <string>
#include <vector>

#include "../timing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

using socialcure_bench::median_timing;
using socialcure_bench::timing;

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
  const timing t_ols = median_timing(reps, [&] { ols = socialcure::fit_ols(ols_data, ols_spec, ols_options); });
  std::printf("socialcure_ols_hc3 %.4f %.4f %.10f %.10f\n", t_ols.wall, t_ols.cpu, ols.coefficients[1].estimate,
              ols.coefficients[1].se);

  socialcure::model_spec nb_spec;
  nb_spec.response = "y";
  for (int j = 1; j <= 5; ++j) nb_spec.predictors.push_back("z" + std::to_string(j));
  socialcure::glm_options nb_options;
  nb_options.family = socialcure::glm_family::negative_binomial;
  socialcure::glm_result nb;
  const timing t_nb = median_timing(reps, [&] { nb = socialcure::fit_glm(nb_data, nb_spec, nb_options); });
  std::printf("socialcure_glm_nb %.4f %.4f %.10f %.10f\n", t_nb.wall, t_nb.cpu, nb.coefficients[1].estimate, nb.theta);

  // The same OLS fit on one thread (ols_options::threads; the default above uses every core).
  ols_options.threads = 1;
  const timing t_ols1 = median_timing(reps, [&] { ols = socialcure::fit_ols(ols_data, ols_spec, ols_options); });
  std::printf("socialcure_ols_hc3_one_thread %.4f %.4f %.10f %.10f\n", t_ols1.wall, t_ols1.cpu,
              ols.coefficients[1].estimate, ols.coefficients[1].se);

  // Floors: a read pass over the n x 11 design (88 MB, already in memory), and a copy of it into
  // freshly allocated memory (the first write to each page costs a page fault).
  const socialcure::model_frame frame = socialcure::build_model_frame(ols_data, ols_spec);
  double sum = 0.0;
  const timing t_pass = median_timing(reps, [&] { sum = frame.x.sum(); });
  std::printf("floor_read_pass %.4f %.4f %.6f\n", t_pass.wall, t_pass.cpu, sum);
  double corner = 0.0;
  const timing t_fresh = median_timing(reps, [&] {
    const Eigen::MatrixXd copy = frame.x;
    corner = copy(copy.rows() - 1, copy.cols() - 1);
  });
  std::printf("floor_fresh_copy %.4f %.4f %.6f\n", t_fresh.wall, t_fresh.cpu, corner);
  return 0;
}
