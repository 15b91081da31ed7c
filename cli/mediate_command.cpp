#include <functional>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "interrupt.hpp"
#include "moderator_options.hpp"
#include "output_files.hpp"
#include "sensitivity_options.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/natural_effects_report.hpp"
#include "socialcure/report/path_diagram.hpp"
#include "socialcure/report/process_figures.hpp"
#include "socialcure/report/sensitivity_report.hpp"

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
  std::string w;  // the moderator of a conditional process model
  std::vector<std::string> probe = {"percentiles"};
  std::string center = "none";
  bool jn = false;  // Johnson-Neyman of the conditional direct effect (8, 15, 59)
  std::size_t band = 0;      // --band: values of W on the grid of the conditional indirect effects
  std::string indirect_svg;  // the conditional indirect effect against W (conditional process models)
  std::string family = "gaussian";  // the outcome model (models 4 and 6)
  std::string link;                 // binomial: logit (default) or probit
  std::string offset;               // count outcomes: the offset's column
  std::string exposure;             // count outcomes: the exposure, whose log is the offset
  std::vector<double> x_values;     // --x-values X0,X1
  bool interaction = false;         // X*M terms in a GLM outcome model
  std::string cluster;              // --cluster: the bootstrap resamples whole clusters
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
  sensitivity_settings sensitivity;  // --sensitivity (model 4, one mediator)
};

void add_inference_options(CLI::App& command, mediate_settings& s) {
  command.add_option("--boot", s.boot, "Bootstrap resamples (or Monte Carlo draws), default 5000")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  add_seed_option(command, s.seed, s.seed_given, "Random number seed (default: drawn and reported)");
  command.add_option("--ci", s.ci, "percentile (default, PROCESS's rule), bc, bca or monte-carlo")
      ->check(CLI::IsMember({"percentile", "bc", "bca", "monte-carlo"}));
  add_level_option(command, s.level);
  command.add_option("--se", s.se, "SEs of the path coefficients: classical (default), hc0, hc1, hc2, hc3, hc4")
      ->check(CLI::IsMember({"classical", "hc0", "hc1", "hc2", "hc3", "hc4"}));
  add_threads_option(command, s.threads);
  command.add_option("--cluster", s.cluster,
                     "Cluster column (e.g. the practice): the bootstrap resamples whole clusters (not with monte-carlo)");
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
  o.johnson_neyman = s.jn;
  o.band_points = s.band > 0 || s.indirect_svg.empty() ? s.band : figure_band_points;
  o.progress = cancel_on_interrupt(progress_line(s.quiet, "replicates"));
  return o;
}

// Fits with SIGINT cancelling the bootstrap (see interrupt.hpp); then writes the files, whole or
// not at all, and the report.
void fit_and_print(const mediate_settings& s, const std::function<mediation_result(const mediation_options&)>& fit) {
  const deferring_interrupts defer;
  const mediation_result r = fit(options_of(s));
  throw_if_interrupted();
  const auto sensitivity = sensitivity_of(s.sensitivity, r, s.level);
  output_files files;
  if (sensitivity && !s.sensitivity.svg.empty()) files.add(s.sensitivity.svg, acme_sensitivity_svg(*sensitivity));
  if (!s.svg.empty()) files.add(s.svg, mediation_svg(r));
  if (!s.dot.empty()) files.add(s.dot, mediation_dot(r));
  if (!s.indirect_svg.empty()) files.add(s.indirect_svg, conditional_indirect_svg(r));
  files.commit();
  std::cout << mediation_output(r, sensitivity, s.format);
}

// The PROCESS model numbers of --model (parallel and serial name 4 and 6).
int process_model_of(const std::string& model) {
  if (model == "parallel") return 4;
  if (model == "serial") return 6;
  return std::stoi(model);
}

// --w, --probe, --center and --jn belong to the conditional process models (and they need --w);
// --jn to those that moderate the direct effect.
void check_moderator_options(const CLI::App& command, const mediate_settings& s, int process_model) {
  const std::string model = "--model " + s.model;
  if (process_model == 4 || process_model == 6) {
    for (const char* option : {"--w", "--probe", "--center", "--jn", "--band", "--indirect-svg"}) {
      if (command.count(option) > 0) {
        throw CLI::ValidationError(option, std::string("is only for the conditional process models (--model 7, 8, 14, "
                                                       "15, 58 or 59); ") + model + " (PROCESS model " +
                                               std::to_string(process_model) + ") has no moderator");
      }
    }
  } else if (s.w.empty()) {
    throw CLI::ValidationError("--w", model + " needs the moderator W (--w VARIABLE, a variable other than X, Y, the "
                                      "mediators and the covariates)");
  } else if (s.jn && process_model != 8 && process_model != 15 && process_model != 59) {
    throw CLI::ValidationError("--jn", "is for the models in which W moderates the direct effect (--model 8, 15 or "
                                       "59); in " + model + " the direct effect is not moderated");
  }
}

void add_outcome_options(CLI::App& command, mediate_settings& s) {
  command.add_option("--family", s.family,
                     "Outcome model: gaussian (default, OLS), poisson, negbin (NB2) or binomial (models 4, 6 and the "
                     "conditional process models)")
      ->check(CLI::IsMember({"gaussian", "poisson", "negbin", "binomial"}));
  command.add_option("--link", s.link, "Link of a binomial outcome: logit (the default) or probit")
      ->check(CLI::IsMember({"logit", "probit"}));
  command.add_option("--offset", s.offset, "Offset of a count outcome (e.g. the log of months observed)");
  command.add_option("--exposure", s.exposure, "Exposure of a count outcome (e.g. months observed; its log is the offset)");
  command.add_option("--x-values", s.x_values,
                     "The change of X, X0,X1 (default: 0,1 for a 0/1 X, else the mean to the mean + 1 SD)")
      ->delimiter(',')
      ->expected(2);
  command.add_flag("--interaction", s.interaction, "Add the X*M interactions to a count or binary outcome model");
}

// The options that only a count or binary outcome takes, and those it does not.
void check_outcome_options(const CLI::App& command, const mediate_settings& s, int process_model) {
  const bool glm = s.family != "gaussian";
  if (!glm) {
    for (const char* option : {"--link", "--offset", "--exposure", "--x-values", "--interaction"}) {
      if (command.count(option) > 0) {
        throw CLI::ValidationError(option, "is for a count or binary outcome (--family poisson, negbin or binomial)");
      }
    }
    return;
  }
  for (const char* option : {"--se", "--svg", "--dot", "--jn", "--band", "--indirect-svg"}) {
    if (command.count(option) > 0) throw CLI::ValidationError(option, "is for --family gaussian");
  }
  if (process_model == 4 || process_model == 6) {
    if (command.count("--no-contrasts") > 0) throw CLI::ValidationError("--no-contrasts", "is for --family gaussian");
  } else if (s.interaction) {
    throw CLI::ValidationError("--interaction", "is for models 4 and 6; in --model " + s.model +
                                                    " W moderates the paths the model names (no X*M term)");
  }
  if (!s.link.empty() && s.family != "binomial") throw CLI::ValidationError("--link", "is for --family binomial");
  for (const char* option : {"--offset", "--exposure"}) {
    if (command.count(option) > 0 && s.family == "binomial") {
      throw CLI::ValidationError(option, "is for count outcomes (--family poisson or negbin)");
    }
  }
}

// A count or binary outcome: fit_glm_mediation, with SIGINT cancelling the bootstrap.
void fit_glm_and_print(const mediate_settings& s) {
  glm_mediation_spec spec;
  spec.x = s.x;
  spec.mediators = s.mediators;
  spec.y = s.y;
  spec.covariates = s.covariates;
  spec.model = s.model == "serial" || s.model == "6" ? mediation_model::serial : mediation_model::parallel;
  if (const int process_model = process_model_of(s.model); process_model != 4 && process_model != 6) {
    spec.moderated_model = process_model;
    spec.w = s.w;
    spec.probe = probe_of(s.probe);
    spec.center = parse_centering(s.center);
  }
  spec.family = parse_glm_family(s.family);
  spec.link = s.link.empty() ? glm_link::logit : parse_glm_link(s.link);
  spec.offset = s.offset;
  spec.exposure = s.exposure;
  spec.interaction = s.interaction;
  spec.cluster = s.cluster;
  if (s.x_values.size() == 2) spec.x_values = std::pair{s.x_values[0], s.x_values[1]};
  spec.validate();
  std::vector<std::string> used{spec.x, spec.y};
  used.insert(used.end(), spec.mediators.begin(), spec.mediators.end());
  used.insert(used.end(), spec.covariates.begin(), spec.covariates.end());
  for (const std::string* column : {&spec.w, &spec.offset, &spec.exposure, &spec.cluster}) {
    if (!column->empty()) used.push_back(*column);
  }
  const table t = load_table(s.data, used);
  const deferring_interrupts defer;
  const glm_mediation_result r = fit_glm_mediation(t, spec, options_of(s));
  throw_if_interrupted();
  std::cout << (s.format == output_format::json ? glm_mediation_json(r) : glm_mediation_text(r));
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
      "mediate", "Mediation X -> M(s) -> Y: parallel (PROCESS model 4), serial (6) or moderated by --w (7, 8, 14, 15, 58, 59), "
      "bootstrap intervals");
  auto s = std::make_shared<mediate_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--x", s->x, "Predictor X")->required();
  command->add_option("--m", s->mediators, "Mediators, comma-separated (in causal order for --model serial)")
      ->delimiter(',')
      ->required();
  command->add_option("--y", s->y, "Outcome Y")->required();
  command->add_option("--covariates", s->covariates, "Covariates, comma-separated (entered in every equation)")
      ->delimiter(',');
  command->add_option("--model", s->model,
                      "parallel (PROCESS model 4, default), serial (model 6), or a conditional process model with "
                      "moderator --w: 7 (W on X -> M), 8 (X -> M, X -> Y), 14 (M -> Y), 15 (M -> Y, X -> Y), "
                      "58 (X -> M, M -> Y), 59 (all three); parallel mediators")
      ->check(CLI::IsMember({"parallel", "serial", "4", "6", "7", "8", "14", "15", "58", "59"}));
  command->add_option("--w", s->w, "Moderator W (conditional process models 7, 8, 14, 15, 58, 59)");
  add_probe_option(*command, s->probe);
  add_center_option(*command, s->center);
  command->add_flag("--jn", s->jn,
                    "Johnson-Neyman points and region table of the conditional direct effect (models 8, 15, 59)");
  command->add_option("--band", s->band,
                      "Also bootstrap the conditional indirect effects at N equally spaced values across W's range "
                      "(2-1000; default none, or " + std::to_string(figure_band_points) + " with --indirect-svg)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000}));
  command->add_option("--indirect-svg", s->indirect_svg,
                      "Write the conditional indirect effect against W, with its band, as SVG to this file");
  add_outcome_options(*command, *s);
  add_inference_options(*command, *s);
  add_sensitivity_options(*command, s->sensitivity);
  command->callback([s, command] {
    const int process_model = process_model_of(s->model);
    check_moderator_options(*command, *s, process_model);
    check_outcome_options(*command, *s, process_model);
    check_sensitivity_options(*command, process_model, s->mediators.size(), s->family);
    if (s->family != "gaussian") {
      fit_glm_and_print(*s);
      return;
    }
    mediation_spec spec;
    spec.x = s->x;
    spec.mediators = s->mediators;
    spec.y = s->y;
    spec.covariates = s->covariates;
    spec.model = process_model == 6 ? mediation_model::serial : mediation_model::parallel;
    if (process_model != 4 && process_model != 6) {
      spec.moderated_model = process_model;
      spec.w = s->w;
      spec.probe = probe_of(s->probe);
      spec.center = parse_centering(s->center);
    }
    std::vector<std::string> used{spec.x, spec.y};
    used.insert(used.end(), spec.mediators.begin(), spec.mediators.end());
    used.insert(used.end(), spec.covariates.begin(), spec.covariates.end());
    if (!spec.w.empty()) used.push_back(spec.w);
    spec.cluster = s->cluster;
    if (!spec.cluster.empty()) used.push_back(spec.cluster);
    spec.validate();
    const table t = load_table(s->data, used);
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
  command->add_option("--model", s->model, "parallel (default) or serial (exactly two mediators)")
      ->check(CLI::IsMember({"parallel", "serial"}));
  add_inference_options(*command, *s);
  command->callback([s] {
    within_mediation_spec spec;
    for (const auto& m : s->mediators) spec.mediators.push_back(pair_of(m, "--m"));
    spec.y = pair_of(s->y, "--y");
    std::vector<std::string> used;
    for (const auto& pair : spec.mediators) used.insert(used.end(), {pair.first, pair.second});
    used.insert(used.end(), {spec.y.first, spec.y.second});
    spec.cluster = s->cluster;
    if (!spec.cluster.empty()) used.push_back(spec.cluster);
    const table t = load_table(s->data, used);
    spec.model = s->model == "serial" ? mediation_model::serial : mediation_model::parallel;
    spec.second_minus_first = s->difference == "second-minus-first";
    fit_and_print(*s, [&](const mediation_options& o) { return fit_within_mediation(t, spec, o); });
  });
}

}  // namespace socialcure::cli
