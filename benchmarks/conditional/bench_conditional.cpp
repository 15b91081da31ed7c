// socialcure side of the conditional process benchmark: PROCESS models 7 and 58 with two parallel
// mediators m1, m2, moderator w (probed at mean - SD, mean, mean + SD) and covariates c1, c2,
// 10,000 bootstrap replicates with percentile intervals, from the table already in memory; and the
// floor (../floor.hpp) of each model's columns: model 7 the 9 columns 1, x, w, xw, c1, c2, m1, m2,
// y (every equation's terms), model 58 those and m1w, m2w (11).
// Data from make_data.R. Usage: bench_conditional DATADIR REPS [REPLICATES]   (default 10,000)
// -> per model (prefix m7_ or m58_): "socialcure_t2 N seconds w1 w2 w3 omega1 omega2 omega3 lower2
//    upper2 extra discarded" (omega: the conditional indirect effect through m1 at w1..w3, with the
//    percentile interval at w2; extra: model 7's index of moderated mediation through m1, model
//    58's contrast omega3 - omega1), "socialcure_t1 ...", then report_floor's lines.
#include <cstdio>
#include <string>

#include <Eigen/Core>

#include "../floor.hpp"
#include "../timing.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/csv.hpp"

using socialcure_bench::median_seconds;

namespace {

socialcure_bench::floor_run floor_settings{10000, 20261204};  // argv[3] overrides the replicates

/// The columns of every equation of the model: 1, x, w, xw, c1, c2, m1, m2, y, and for model 58
/// m1w, m2w.
Eigen::MatrixXd model_columns(const socialcure::table& data, int model) {
  const auto column = [&](const char* name) {
    const auto v = data.get(name).numbers();
    return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())));
  };
  const Eigen::VectorXd x = column("x");
  const Eigen::VectorXd w = column("w");
  const Eigen::VectorXd m1 = column("m1");
  const Eigen::VectorXd m2 = column("m2");
  Eigen::MatrixXd z(x.size(), model == 58 ? 11 : 9);
  z.col(0).setOnes();
  z.col(1) = x;
  z.col(2) = w;
  z.col(3) = x.cwiseProduct(w);
  z.col(4) = column("c1");
  z.col(5) = column("c2");
  z.col(6) = m1;
  z.col(7) = m2;
  z.col(8) = column("y");
  if (model == 58) {
    z.col(9) = m1.cwiseProduct(w);
    z.col(10) = m2.cwiseProduct(w);
  }
  return z;
}

void run(const socialcure::table& data, int model, int reps) {
  const auto n = data.get("x").size();
  const std::string prefix = "m" + std::to_string(model) + "_";
  socialcure::mediation_spec spec;
  spec.x = "x";
  spec.mediators = {"m1", "m2"};
  spec.y = "y";
  spec.covariates = {"c1", "c2"};
  spec.moderated_model = model;
  spec.w = "w";
  spec.probe.method = socialcure::probe_method::mean_sd;
  socialcure::mediation_options options;
  options.replicates = floor_settings.replicates;
  options.seed = floor_settings.seed;
  options.ci = socialcure::ci_method::percentile;
  for (const unsigned t : {2u, 1u}) {
    options.threads = t;
    socialcure::mediation_result r;
    const double sec = median_seconds(reps, [&] { r = socialcure::fit_mediation(data, spec, options); });
    const auto& omega = r.conditional_indirect;  // m1 at w1, w2, w3 come first
    const double extra =
        model == 58 ? r.conditional_contrasts.at(1).effect.estimate : r.index_of_moderated_mediation.at(0).effect.estimate;
    std::printf("%ssocialcure_t%u %zu %.4f %.10f %.10f %.10f %.10f %.10f %.10f %.6f %.6f %.10f %zu\n", prefix.c_str(), t,
                n, sec, omega.at(0).w, omega.at(1).w, omega.at(2).w, omega[0].effect.estimate, omega[1].effect.estimate,
                omega[2].effect.estimate, omega[1].effect.ci_lower, omega[1].effect.ci_upper, extra,
                r.replicates.discarded);
  }
  const Eigen::MatrixXd z = model_columns(data, model);
  if (model == 58) {
    socialcure_bench::report_floor<11>(floor_settings, z, reps, prefix);
  } else {
    socialcure_bench::report_floor<9>(floor_settings, z, reps, prefix);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_conditional DATADIR REPS [REPLICATES]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  if (argc > 3) floor_settings.replicates = std::stoul(argv[3]);
  const auto data = socialcure::read_csv(dir + "/conditional_630.csv");
  for (const int model : {7, 58}) run(data, model, reps);
  return 0;
}
