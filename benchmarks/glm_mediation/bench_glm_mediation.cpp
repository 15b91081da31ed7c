// socialcure side of the GLM-outcome mediation benchmark: the serial chain groups -> belong ->
// lonely -> visits (covariate age) with a negative binomial outcome, n = 630, 5,000 case-bootstrap
// replicates (every equation refitted on every resample, the NB model warm-started), percentile
// intervals of every effect, from the table already in memory.
// Data from make_data.R. Usage: bench_glm_mediation DATADIR REPS [REPLICATES]   (default 5,000)
// -> "socialcure_t2 N seconds nde nie acme_average acme_lower acme_upper discarded", then the same
//    for one thread ("socialcure_t1 ...").
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../timing.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/data/csv.hpp"

using socialcure_bench::median_seconds;

namespace {

const socialcure::mediation_effect& find(const std::vector<socialcure::mediation_effect>& effects, const char* label) {
  for (const auto& e : effects) {
    if (e.label == label) return e;
  }
  std::fprintf(stderr, "no effect %s\n", label);
  std::exit(1);
}

void run(const socialcure::table& data, unsigned threads, int reps, std::size_t replicates) {
  socialcure::glm_mediation_spec spec;
  spec.x = "groups";
  spec.mediators = {"belong", "lonely"};
  spec.y = "visits";
  spec.covariates = {"age"};
  spec.model = socialcure::mediation_model::serial;
  spec.family = socialcure::glm_family::negative_binomial;
  socialcure::mediation_options o;
  o.replicates = replicates;
  o.seed = 20261207;
  o.threads = threads;
  socialcure::glm_mediation_result r;
  const double seconds = median_seconds(reps, [&] { r = socialcure::fit_glm_mediation(data, spec, o); });
  const auto& acme = find(r.causal_effects, "acme_average");
  std::printf("socialcure_t%u %zu %.6f %.6f %.6f %.6f %.6f %.6f %zu\n", threads, r.n, seconds,
              find(r.ratio_effects, "nde").estimate, find(r.ratio_effects, "nie").estimate, acme.estimate, acme.ci_lower,
              acme.ci_upper, r.replicates.discarded);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_glm_mediation DATADIR REPS [REPLICATES]\n");
    return 2;
  }
  const socialcure::table data = socialcure::read_csv(std::string(argv[1]) + "/glm_mediation_630.csv");
  const int reps = std::atoi(argv[2]);
  const std::size_t replicates = argc > 3 ? static_cast<std::size_t>(std::atol(argv[3])) : 5000;
  run(data, 2, reps, replicates);
  run(data, 1, reps, replicates);
}
