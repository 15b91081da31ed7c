// socialcure side of the change benchmarks: the whole change analysis of 1e6 pre/post pairs
// (analyse_change: paired t, standardized changes with noncentral-t CIs, Wilcoxon signed-rank,
// percent and residualized change, reliable change, McNemar of a cut-off) and the paired rate
// ratio of 1e6 pairs of counts (data from make_data.R, timed from the in-memory vectors).
// Usage: bench_change DATADIR REPS
// -> "name median_seconds t wilcoxon_V wilcoxon_p d_z_ci_lower rc_increased rc_decreased
//    rc_unchanged mcnemar_chi2" and "name median_seconds IRR exact_lower"
#include <cstdio>
#include <string>

#include <Eigen/Core>

#include "../timing.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/data/csv.hpp"

using socialcure_bench::median_seconds;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_change DATADIR REPS\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  const auto data = socialcure::read_csv(dir + "/change_1e6.csv");
  const auto scores = socialcure::read_change_data(data, "pre", "post");
  const auto counts = socialcure::read_change_data(data, "gp_pre", "gp_post", {}, true);

  socialcure::change_options options;
  options.reliability = 0.8;
  options.better = socialcure::improvement::lower;
  options.cutoff = 6.0;
  socialcure::change_result change;
  const double t1 = median_seconds(reps, [&] { change = socialcure::analyse_change(scores.pre, scores.post, options); });
  std::printf("socialcure_change %.4f %.10f %.1f %.10g %.10f %zu %zu %zu %.10f\n", t1, change.t_test.t,
              change.wilcoxon.v, change.wilcoxon.p, change.effects.d_z.ci_lower, change.reliable->n_increased,
              change.reliable->n_decreased, change.reliable->n_unchanged, change.category->chi2_corrected);

  socialcure::rate_ratio_result rate;
  const double t2 = median_seconds(reps, [&] { rate = socialcure::paired_rate_ratio(counts.pre, counts.post); });
  std::printf("socialcure_rate_ratio %.4f %.12f %.12f\n", t2, rate.estimate, rate.exact_ci_lower);
  return 0;
}
