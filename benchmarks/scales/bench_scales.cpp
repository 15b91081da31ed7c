// socialcure side of the scale benchmarks: scoring a 20-item sum scale for 1e6 respondents and
// Cronbach's alpha on 1e5 x 20 (data from make_data.R, read into memory first; each task then
// timed in-process, REPS runs, medians of wall-clock and CPU time).
// Usage: bench_scales DATADIR REPS  -> "name median_wall_seconds median_cpu_seconds check_value"
#include <cstdio>
#include <string>
#include <vector>

#include "../timing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scoring.hpp"

using socialcure_bench::median_timing;
using socialcure_bench::timing;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_scales DATADIR REPS\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  const auto big = socialcure::read_csv(dir + "/items_1e6.csv");
  const auto small = socialcure::read_csv(dir + "/items_1e5.csv");
  std::vector<std::string> items;
  for (int j = 1; j <= 20; ++j) items.push_back("i" + std::to_string(j));

  socialcure::scale_definition scale;
  scale.id = "bench20";
  scale.name = "20-item benchmark scale";
  scale.items = 20;
  scale.min_code = 1;
  scale.max_code = 5;
  scale.rule = socialcure::scoring_rule::sum;
  scale.score_min = 20;
  scale.score_max = 100;
  socialcure::scale_scores scores;
  const timing t1 = median_timing(reps, [&] { scores = socialcure::score_table(scale, big, items); });
  double total = 0.0;
  for (const auto& r : scores.respondents) total += r.score;
  std::printf("socialcure_score %.4f %.4f %.10f\n", t1.wall, t1.cpu, total);

  // Alpha from the item matrix, as psych::alpha gets a ready matrix; then the same with the item
  // matrix built from the table inside the timing.
  socialcure::alpha_result alpha;
  const Eigen::MatrixXd matrix = socialcure::item_matrix(small, items);
  const timing t2 = median_timing(reps, [&] { alpha = socialcure::cronbach_alpha(matrix, items); });
  std::printf("socialcure_alpha %.4f %.4f %.12f\n", t2.wall, t2.cpu, alpha.raw_alpha);
  const timing t3 = median_timing(reps, [&] {
    alpha = socialcure::cronbach_alpha(socialcure::item_matrix(small, items), items);
  });
  std::printf("socialcure_alpha_from_table %.4f %.4f %.12f\n", t3.wall, t3.cpu, alpha.raw_alpha);
  return 0;
}
