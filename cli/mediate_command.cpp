#include <functional>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "interrupt.hpp"
#include "output_files.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/path_diagram.hpp"

namespace socialcure::cli {

namespace {

struct mediate_settings {
  data_options data;
  output_format format = output_format::text;
  std::string x;
  std::vector<std::string> mediators;
  std::string y;
  std::vector<std::string> covariates;
  std::string model = "parallel";
  std::size_t boot = 5000;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::string ci = "percentile";
  double level = 0.95;
  std::string se = "classical";
  unsigned threads = 0;
  bool no_contrasts = false;
  std::string difference = "second-minus-first";
  std::string svg;
  std::string dot;
  bool quiet = false;
};

void add_inference_options(CLI::App& command, mediate_settings& s) {
  command.add_option("--model", s.model, "parallel (PROCESS model 4, default) or serial (model 6)")
      ->check(CLI::IsMember({"parallel", "serial"}));
  command.add_option("--boot", s.boot, "Bootstrap resamples (or Monte Carlo draws), default 5000")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  add_seed_option(command, s.seed, s.seed_given, "Random number seed (default: drawn and reported)");
  command.add_option("--ci", s.ci, "percentile (default, PROCESS's rule), bc, bca or monte-carlo")
      ->check(CLI::IsMember({"percentile", "bc", "bca", "monte-carlo"}));
  add_level_option(command, s.level);
  command.add_option("--se", s.se, "SEs of the path coefficients: classical (default), hc0, hc1, hc2, hc3, hc4")
      ->check(CLI::IsMember({"classical", "hc0", "hc1", "hc2", "hc3", "hc4"}));
  add_threads_option(command, s.threads);
  command.add_flag("--no-contrasts", s.no_contrasts, "Leave out the pairwise contrasts of the indirect effects");
  command.add_option("--svg", s.svg, "Write the path diagram as SVG to this file");
  command.add_option("--dot", s.dot, "Write the path diagram as Graphviz DOT to this file");
  add_quiet_option(command, s.quiet);
  add_data_options(command, s.data);
  add_format_option(command, s.format);
}

mediation_options options_of(const mediate_settings& s) {
  mediation_options o;
  o.replicates = s.boot;
  if (s.seed_given) o.seed = s.seed;
  o.ci = parse_ci_method(s.ci);
  o.level = s.level;
  o.se = parse_se_type(s.se);
  o.threads = s.threads;
  o.contrasts = !s.no_contrasts;
  o.progress = cancel_on_interrupt(progress_line(s.quiet, "replicates"));
  return o;
}

// Fits with SIGINT cancelling the bootstrap (see interrupt.hpp); then writes the files, whole or
// not at all, and the report.
void fit_and_print(const mediate_settings& s, const std::function<mediation_result(const mediation_options&)>& fit) {
  const deferring_interrupts defer;
  const mediation_result r = fit(options_of(s));
  throw_if_interrupted();
  output_files files;
  if (!s.svg.empty()) files.add(s.svg, mediation_svg(r));
  if (!s.dot.empty()) files.add(s.dot, mediation_dot(r));
  files.commit();
  std::cout << (s.format == output_format::json ? mediation_json(r) : mediation_text(r));
}

instance_pair pair_of(const std::string& text, const char* option) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() || text.find(':', colon + 1) != std::string::npos) {
    throw CLI::ValidationError(option, "'" + text + "' is not FIRST:SECOND (e.g. lonely_t0:lonely_t1)");
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

}  // namespace

void add_mediate_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "mediate", "Mediation X -> M(s) -> Y: parallel (PROCESS model 4) or serial (model 6), bootstrap intervals");
  auto s = std::make_shared<mediate_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--x", s->x, "Predictor X")->required();
  command->add_option("--m", s->mediators, "Mediators, comma-separated (in causal order for --model serial)")
      ->delimiter(',')
      ->required();
  command->add_option("--y", s->y, "Outcome Y")->required();
  command->add_option("--covariates", s->covariates, "Covariates, comma-separated (entered in every equation)")
      ->delimiter(',');
  add_inference_options(*command, *s);
  command->callback([s] {
    mediation_spec spec;
    spec.x = s->x;
    spec.mediators = s->mediators;
    spec.y = s->y;
    spec.covariates = s->covariates;
    std::vector<std::string> used{spec.x, spec.y};
    used.insert(used.end(), spec.mediators.begin(), spec.mediators.end());
    used.insert(used.end(), spec.covariates.begin(), spec.covariates.end());
    const table t = load_table(s->data, used);
    spec.model = s->model == "serial" ? mediation_model::serial : mediation_model::parallel;
    fit_and_print(*s, [&](const mediation_options& o) { return fit_mediation(t, spec, o); });
  });
}

void add_mediate_within_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "mediate-within", "Two-instance within-subject mediation (MEMORE): mediator and outcome measured twice");
  auto s = std::make_shared<mediate_settings>();
  std::vector<std::string> mediators;
  add_data_file_option(*command, s->data.path);
  command->add_option("--m", s->mediators, "Mediator pairs FIRST:SECOND, comma-separated (e.g. bel_t0:bel_t1)")
      ->delimiter(',')
      ->required();
  command->add_option("--y", s->y, "Outcome pair FIRST:SECOND")->required();
  command->add_option("--difference", s->difference,
                      "second-minus-first (default: post - pre) or first-minus-second (MEMORE's A - B)")
      ->check(CLI::IsMember({"second-minus-first", "first-minus-second"}));
  add_inference_options(*command, *s);
  command->callback([s] {
    within_mediation_spec spec;
    for (const auto& m : s->mediators) spec.mediators.push_back(pair_of(m, "--m"));
    spec.y = pair_of(s->y, "--y");
    std::vector<std::string> used;
    for (const auto& pair : spec.mediators) used.insert(used.end(), {pair.first, pair.second});
    used.insert(used.end(), {spec.y.first, spec.y.second});
    const table t = load_table(s->data, used);
    spec.model = s->model == "serial" ? mediation_model::serial : mediation_model::parallel;
    spec.second_minus_first = s->difference == "second-minus-first";
    fit_and_print(*s, [&](const mediation_options& o) { return fit_within_mediation(t, spec, o); });
  });
}

}  // namespace socialcure::cli
