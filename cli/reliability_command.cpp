#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/report/measures_report.hpp"

namespace socialcure::cli {

namespace {

struct reliability_settings {
  data_options data;
  output_format format = output_format::text;
  std::vector<std::string> items;
  std::vector<std::string> reverse;
  std::vector<double> range;
  std::string missing = "pairwise";
  double level = 0.95;
};

}  // namespace

void add_reliability_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "reliability", "Cronbach's alpha (Feldt CI, item statistics) and omega total of a set of items");
  auto s = std::make_shared<reliability_settings>();
  command->add_option("--data", s->data.path, "CSV/TSV, SPSS (.sav/.zsav/.por) or Stata (.dta) file, or sample:NAME")->required();
  command->add_option("--items", s->items, "Item columns, comma-separated")->delimiter(',')->required();
  command->add_option("--reverse", s->reverse, "Reverse-keyed items, comma-separated (needs --range)")->delimiter(',');
  command->add_option("--range", s->range, "Response range MIN,MAX for reverse-keying")->delimiter(',')->expected(2);
  command->add_option("--missing", s->missing, "pairwise (default, as psych) or listwise")
      ->check(CLI::IsMember({"pairwise", "listwise"}));
  command->add_option("--level", s->level, "Confidence level (default 0.95)")->check(CLI::Range(0.5, 0.9999999));
  add_format_option(*command, s->format);
  command->callback([s] {
    if (!s->reverse.empty() && s->range.size() != 2) {
      throw CLI::ValidationError("--reverse", "--reverse needs --range MIN,MAX");
    }
    const table t = load_table(s->data);
    const double lo = s->range.size() == 2 ? s->range[0] : 0.0;
    const double hi = s->range.size() == 2 ? s->range[1] : 0.0;
    const Eigen::MatrixXd items = item_matrix(t, s->items, s->reverse, lo, hi);
    reliability_options options;
    options.level = s->level;
    options.missing = s->missing == "listwise" ? missing_handling::listwise : missing_handling::pairwise;
    const alpha_result alpha = cronbach_alpha(items, s->items, options);
    std::unique_ptr<omega_result> omega;
    if (s->items.size() >= 3) omega = std::make_unique<omega_result>(omega_total(items, options));
    std::cout << (s->format == output_format::json ? reliability_json(alpha, omega.get())
                                                   : reliability_text(alpha, omega.get()));
  });
}

}  // namespace socialcure::cli
