#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "moderator_options.hpp"
#include "output_files.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/report/moderation_report.hpp"

namespace socialcure::cli {

namespace {

struct moderate_settings {
  data_options data;
  output_format format = output_format::text;
  int model = 1;
  std::string x;
  std::string w;
  std::string z;
  std::string y;
  std::string first;
  std::string second;
  std::vector<std::string> covariates;
  std::string center = "none";
  std::vector<std::string> probe = {"percentiles"};
  std::vector<std::string> z_probe;
  bool jn = false;
  std::string se = "classical";
  double level = 0.95;
  std::string difference = "second-minus-first";
  std::string svg;
  std::string jn_svg;
};

moderation_options options_of(const moderate_settings& s) {
  moderation_options o;
  o.center = parse_centering(s.center);
  o.se = parse_se_type(s.se);
  o.level = s.level;
  o.probe = probe_of(s.probe);
  o.z_values = numbers_of(s.z_probe, "--z-probe");
  o.johnson_neyman = s.jn;
  return o;
}

void print(const moderate_settings& s, const moderation_result& r) {
  output_files files;
  if (!s.svg.empty()) files.add(s.svg, simple_slopes_svg(r));
  if (!s.jn_svg.empty()) {
    if (!r.johnson_neyman) {
      throw CLI::ValidationError("--jn-svg", "needs --jn and a model with a Johnson-Neyman solution (model 1 or 3, "
                                             "a moderator that is not dichotomous)");
    }
    files.add(s.jn_svg, johnson_neyman_svg(r));
  }
  files.commit();
  std::cout << (s.format == output_format::json ? moderation_json(r) : moderation_text(r));
}

void add_shared_options(CLI::App& command, moderate_settings& s) {
  add_center_option(command, s.center);
  add_probe_option(command, s.probe);
  command.add_flag("--jn", s.jn, "Johnson-Neyman points and region table");
  command.add_option("--se", s.se, "Standard errors: classical (default), hc0, hc1, hc2, hc3, hc4")
      ->check(CLI::IsMember({"classical", "hc0", "hc1", "hc2", "hc3", "hc4"}));
  add_level_option(command, s.level);
  command.add_option("--jn-svg", s.jn_svg, "Write the Johnson-Neyman plot as SVG to this file (with --jn)");
  add_data_options(command, s.data);
  add_format_option(command, s.format);
}

}  // namespace

void add_moderate_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "moderate", "Moderation: PROCESS models 1, 2, 3 (conditional effects, Johnson-Neyman, simple slopes)");
  auto s = std::make_shared<moderate_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--x", s->x, "Focal predictor X")->required();
  command->add_option("--w", s->w, "Moderator W")->required();
  command->add_option("--z", s->z, "Second moderator Z (models 2 and 3)");
  command->add_option("--y", s->y, "Outcome Y")->required();
  command->add_option("--model", s->model, "PROCESS model: 1 (default; or 2 when --z is given), 2 or 3")
      ->check(CLI::IsMember({1, 2, 3}));
  command->add_option("--covariates", s->covariates, "Covariates, comma-separated")->delimiter(',');
  command->add_option("--z-probe", s->z_probe, "Values of Z to probe at, V1,V2,... (default: the --probe rule)")
      ->delimiter(',');
  command->add_option("--svg", s->svg, "Write the simple-slopes plot as SVG to this file");
  add_shared_options(*command, *s);
  command->callback([s, command] {
    moderation_spec spec;
    spec.model = command->count("--model") == 0 && !s->z.empty() ? 2 : s->model;
    spec.x = s->x;
    spec.w = s->w;
    spec.z = s->z;
    spec.y = s->y;
    spec.covariates = s->covariates;
    std::vector<std::string> used{spec.x, spec.w, spec.y};
    if (!spec.z.empty()) used.push_back(spec.z);
    used.insert(used.end(), spec.covariates.begin(), spec.covariates.end());
    const moderation_options options = options_of(*s);
    const table t = load_table(s->data, used);
    print(*s, fit_moderation(t, spec, options));
  });
}

void add_moderate_within_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "moderate-within", "Moderation of a two-instance change (MEMORE): does the change depend on a moderator W?");
  auto s = std::make_shared<moderate_settings>();
  add_data_file_option(*command, s->data.path, " with one row per person");
  command->add_option("--first", s->first, "The outcome at the first instance (e.g. pre)")->required();
  command->add_option("--second", s->second, "The outcome at the second instance (e.g. post)")->required();
  command->add_option("--w", s->w, "Person-level moderator W")->required();
  command->add_option("--difference", s->difference,
                      "second-minus-first (default: post - pre) or first-minus-second (MEMORE's A - B)")
      ->check(CLI::IsMember({"second-minus-first", "first-minus-second"}));
  add_shared_options(*command, *s);
  command->callback([s] {
    within_moderation_spec spec;
    spec.y = {s->first, s->second};
    spec.w = s->w;
    spec.second_minus_first = s->difference == "second-minus-first";
    const moderation_options options = options_of(*s);
    const table t = load_table(s->data, {spec.y.first, spec.y.second, spec.w});
    print(*s, fit_within_moderation(t, spec, options));
  });
}

}  // namespace socialcure::cli
