#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "output_files.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/pooling.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/imputations.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/report/change_figures.hpp"
#include "socialcure/report/change_report.hpp"
#include "socialcure/report/pooling_report.hpp"

namespace socialcure::cli {

namespace {

struct change_settings {
  data_options data;
  output_format format = output_format::text;
  std::string pre;
  std::string post;
  double reliability = missing_value;
  std::vector<std::string> items_pre;
  std::vector<std::string> reverse;
  std::vector<double> range;
  double sd_pre = missing_value;
  std::string better;
  std::string scale;
  double cutoff = missing_value;
  bool count = false;
  std::vector<double> exposure;
  std::string criterion = "none";
  std::vector<double> dysfunctional;
  std::vector<double> functional;
  double critical = 1.96;
  double level = 0.95;
  std::string exact = "auto";
  bool no_correct = false;
  std::string out;
  std::string svg;
  std::string imputations;  // --imputations COL: a long file of imputed data sets, pooled
};

// The mean change and d_z in every imputation of a long file, pooled by Rubin's rules; the other
// analyses of `change` are not pooled and their options are refused.
void run_pooled(const change_settings& s) {
  const bool other = !is_missing(s.reliability) || !s.items_pre.empty() || !is_missing(s.cutoff) || s.count ||
                     s.criterion != "none" || !s.out.empty() || !s.svg.empty();
  if (other) {
    throw argument_error("with --imputations only the mean change and d_z are pooled: --reliability, --items-pre, "
                         "--criterion, --cutoff, --count, --out and --svg are not available");
  }
  const table t = load_table(s.data, {s.pre, s.post, s.imputations});
  const pooled_change result = pool_change(split_imputations(t, s.imputations), s.pre, s.post, s.level);
  std::cout << (s.format == output_format::json ? change_json(result) : change_text(result));
}

improvement better_of(const change_settings& s) {
  if (s.better == "lower") return improvement::lower;
  if (s.better == "higher") return improvement::higher;
  if (!s.scale.empty()) return find_scale(s.scale).better;
  return improvement::none;
}

clinical_criterion criterion_of(const std::string& name) {
  if (name == "a") return clinical_criterion::a;
  if (name == "b") return clinical_criterion::b;
  if (name == "c") return clinical_criterion::c;
  return clinical_criterion::none;
}

}  // namespace

void add_change_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "change", "Change from pre to post: paired t-test, effect sizes, Wilcoxon, reliable change, McNemar, rate ratio");
  auto s = std::make_shared<change_settings>();
  add_data_file_option(*command, s->data.path, " with one row per person");
  command->add_option("--pre", s->pre, "Column measured before")->required();
  command->add_option("--post", s->post, "Column measured after")->required();
  auto* rel = command->add_option("--reliability", s->reliability,
                                  "Reliability r_xx of the measure, for the reliable change index")
                  ->check(CLI::Range(0.0, 0.999999));
  auto* items = command->add_option("--items-pre", s->items_pre,
                                    "Pre-test item columns: the reliability is their Cronbach's alpha (raw, pairwise "
                                    "as psych), over every row with an answer")
                    ->delimiter(',');
  rel->excludes(items);
  items->excludes(rel);
  command->add_option("--reverse", s->reverse, "Reverse-keyed items among --items-pre (needs --range)")->delimiter(',');
  command->add_option("--range", s->range, "Response range MIN,MAX for reverse-keying")->delimiter(',')->expected(2);
  command->add_option("--sd-pre", s->sd_pre, "Baseline SD of a norm group for the RCI (default: the sample's)");
  command->add_option("--better", s->better, "Which direction is an improvement: lower or higher")
      ->check(CLI::IsMember({"lower", "higher"}));
  command->add_option("--scale", s->scale, "Catalogue scale of the measure: gives the better direction");
  command->add_option("--criterion", s->criterion,
                      "Clinically significant change: a, b or c (Jacobson & Truax; needs --better or --scale)")
      ->check(CLI::IsMember({"none", "a", "b", "c"}));
  command->add_option("--dysfunctional", s->dysfunctional, "Dysfunctional norm MEAN,SD (criteria a, c; a defaults to "
                                                           "the sample baseline)")
      ->delimiter(',')
      ->expected(2);
  command->add_option("--functional", s->functional, "Functional norm MEAN,SD (criteria b, c)")
      ->delimiter(',')
      ->expected(2);
  command->add_option("--critical", s->critical, "Critical |RC| (default 1.96)")->check(CLI::PositiveNumber);
  command->add_option("--cutoff", s->cutoff, "McNemar test of the category 'at or above this value' before and after");
  command->add_flag("--count", s->count, "The measure is a count (e.g. GP appointments): adds the paired rate ratio");
  command->add_option("--exposure", s->exposure, "Lengths of the pre and post periods PRE,POST (default equal)")
      ->delimiter(',')
      ->expected(2);
  add_level_option(*command, s->level);
  command->add_option("--exact", s->exact, "Wilcoxon exact p: auto (default, as R: n < 50), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  command->add_flag("--no-correct", s->no_correct, "Wilcoxon normal approximation without continuity correction");
  command->add_option("--out", s->out, "Write the per-person table (change, percent, residualized, RC) as CSV");
  command->add_option("--svg", s->svg, "Write a slope chart (each person, and the means with CIs) as SVG");
  add_data_options(*command, s->data);
  add_format_option(*command, s->format);
  command->add_option("--imputations", s->imputations,
                      "Imputation-number column of a long file of imputed data sets (mice's .imp): the mean change "
                      "and d_z are computed in each imputation and pooled by Rubin's rules");
  command->callback([s] {
    if (!s->imputations.empty()) {
      run_pooled(*s);
      return;
    }
    if (!s->reverse.empty() && (s->range.size() != 2 || s->items_pre.empty())) {
      throw CLI::ValidationError("--reverse", "--reverse needs --items-pre and --range MIN,MAX");
    }
    if (s->criterion != "none" && is_missing(s->reliability) && s->items_pre.empty()) {
      throw CLI::ValidationError("--criterion", "clinically significant change needs --reliability or --items-pre");
    }
    std::vector<std::string> used{s->pre, s->post};
    used.insert(used.end(), s->items_pre.begin(), s->items_pre.end());
    const table t = load_table(s->data, used);
    change_options options;
    options.level = s->level;
    options.better = better_of(*s);
    options.reliability = s->reliability;
    if (!s->items_pre.empty()) {
      const double lo = s->range.size() == 2 ? s->range[0] : 0.0;
      const double hi = s->range.size() == 2 ? s->range[1] : 0.0;
      options.reliability = cronbach_alpha(item_matrix(t, s->items_pre, s->reverse, lo, hi), s->items_pre).raw_alpha;
    }
    options.sd_pre = s->sd_pre;
    options.critical = s->critical;
    options.criterion = criterion_of(s->criterion);
    if (s->dysfunctional.size() == 2) options.dysfunctional = {s->dysfunctional[0], s->dysfunctional[1]};
    if (s->functional.size() == 2) options.functional = {s->functional[0], s->functional[1]};
    options.cutoff = s->cutoff;
    options.count = s->count;
    if (s->exposure.size() == 2) {
      options.exposure_pre = s->exposure[0];
      options.exposure_post = s->exposure[1];
    }
    options.wilcoxon.exact = s->exact == "always"  ? wilcoxon_options::exact_policy::always
                             : s->exact == "never" ? wilcoxon_options::exact_policy::never
                                                   : wilcoxon_options::exact_policy::automatic;
    options.wilcoxon.correct = !s->no_correct;
    const change_data data = read_change_data(t, s->pre, s->post, s->data.id_column, s->count);
    options.per_person = !s->out.empty();  // only the --out table needs each person's values
    const change_result result = analyse_change(data.pre, data.post, options);
    output_files files;  // both files, or neither
    if (!s->out.empty()) {
      const std::string id_name = s->data.id_column.empty() ? "row" : s->data.id_column;
      files.add(s->out, change_csv(change_person_table(result, data.pre, data.post, data.ids, id_name)));
    }
    if (!s->svg.empty()) {
      change_figure_options figure;
      figure.pre_label = s->pre;
      figure.post_label = s->post;
      figure.level = s->level;
      files.add(s->svg, change_slope_svg({{s->pre + " -> " + s->post, data.pre, data.post}}, figure));
    }
    files.commit();
    std::cout << (s->format == output_format::json ? change_json(result, s->pre, s->post)
                                                   : change_text(result, s->pre, s->post));
  });
}

}  // namespace socialcure::cli
