// socialcure side of the mediation benchmarks: a serial model (PROCESS model 6) with two mediators
// and two covariates, 10,000 bootstrap replicates with percentile intervals, from the table already
// in memory; and the floor (../floor.hpp) of the 7 model columns 1, x, c1, c2, m1, m2, y.
// Data from make_data.R. Usage: bench_mediation DATADIR REPS [REPLICATES]   (default 10,000)
// -> per n: "socialcure_t2 N seconds ind1 ind2 ind3 ind3_lower ind3_upper discarded",
//    "socialcure_t1 ...", "floor_gemm N seconds checksum block", "floor_gemm N ... 16", "floor_direct N
//    seconds checksum", "floor_sparse ...",
//    "draws_only N seconds checksum" (2 threads; draws only, no products) and "floor N seconds kind".
#include <cstdio>
#include <string>

#include <Eigen/Core>

#include "../floor.hpp"
#include "../timing.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/csv.hpp"

using socialcure_bench::median_seconds;

namespace {

socialcure_bench::floor_run floor_settings{10000, 20261126};  // argv[3] overrides the replicates

/// The model columns 1, x, c1, c2, m1, m2, y.
Eigen::MatrixXd model_columns(const socialcure::table& data) {
  const char* names[] = {"x", "c1", "c2", "m1", "m2", "y"};
  const auto n = static_cast<Eigen::Index>(data.get("x").size());
  Eigen::MatrixXd z(n, 7);
  z.col(0).setOnes();
  for (int j = 1; j < 7; ++j) {
    const auto v = data.get(names[j - 1]).numbers();
    z.col(j) = Eigen::Map<const Eigen::VectorXd>(v.data(), n);
  }
  return z;
}

void run(const std::string& path, int reps) {
  const auto data = socialcure::read_csv(path);
  const auto n = data.get("x").size();

  socialcure::mediation_spec spec;
  spec.x = "x";
  spec.mediators = {"m1", "m2"};
  spec.y = "y";
  spec.covariates = {"c1", "c2"};
  spec.model = socialcure::mediation_model::serial;
  socialcure::mediation_options options;
  options.replicates = floor_settings.replicates;
  options.seed = floor_settings.seed;
  options.ci = socialcure::ci_method::percentile;
  for (const unsigned t : {2u, 1u}) {
    options.threads = t;
    socialcure::mediation_result r;
    const double sec = median_seconds(reps, [&] { r = socialcure::fit_mediation(data, spec, options); });
    std::printf("socialcure_t%u %zu %.4f %.10f %.10f %.10f %.6f %.6f %zu\n", t, n, sec, r.indirect[0].estimate,
                r.indirect[1].estimate, r.indirect[2].estimate, r.indirect[2].ci_lower, r.indirect[2].ci_upper,
                r.replicates.discarded);
  }
  socialcure_bench::report_floor<7>(floor_settings, model_columns(data), reps);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_mediation DATADIR REPS [REPLICATES]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  if (argc > 3) floor_settings.replicates = std::stoul(argv[3]);
  for (const char* file : {"mediation_630.csv", "mediation_10000.csv"}) run(dir + "/" + file, reps);
  return 0;
}
