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
  std::string missing_method = "pairwise";
  double level = 0.95;
};

// The deletion method was once spelled --missing pairwise|listwise; --missing now takes missing-value
// codes, as in every subcommand. A --missing whose whole value is exactly "pairwise" or "listwise" is
// still read as the method, with a note on stderr; any other value is codes.
void take_old_method_spelling(reliability_settings& s, const CLI::Option& method) {
  if (s.data.missing.size() != 1 || (s.data.missing[0] != "pairwise" && s.data.missing[0] != "listwise")) return;
  if (method.count() > 0) {
    throw CLI::ValidationError("--missing", "'--missing " + s.data.missing[0] +
                                                "' is the old spelling of --missing-method: give the method once");
  }
  std::cerr << "socialcure: note: 'reliability --missing " << s.data.missing[0]
            << "' is deprecated: use --missing-method " << s.data.missing[0]
            << " (--missing takes missing-value codes, as in every subcommand)\n";
  s.missing_method = s.data.missing[0];
  s.data.missing.clear();
}

}  // namespace

void add_reliability_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "reliability", "Cronbach's alpha (Feldt CI, item statistics) and omega total of a set of items");
  auto s = std::make_shared<reliability_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--items", s->items, "Item columns, comma-separated")->delimiter(',')->required();
  command->add_option("--reverse", s->reverse, "Reverse-keyed items, comma-separated (needs --range)")->delimiter(',');
  command->add_option("--range", s->range, "Response range MIN,MAX for reverse-keying")->delimiter(',')->expected(2);
  auto* method = command->add_option("--missing-method", s->missing_method,
                                     "Deletion of incomplete cases: pairwise (default, as psych) or listwise "
                                     "(--missing pairwise|listwise is its deprecated spelling)")
                     ->check(CLI::IsMember({"pairwise", "listwise"}));
  add_level_option(*command, s->level);
  add_data_options(*command, s->data);
  auto* codes = command->get_option("--missing");
  codes->description(codes->get_description() +
                     "; a --missing whose whole value is pairwise or listwise is the deprecated spelling of "
                     "--missing-method");
  add_format_option(*command, s->format);
  command->callback([s, method] {
    take_old_method_spelling(*s, *method);
    if (!s->reverse.empty() && s->range.size() != 2) {
      throw CLI::ValidationError("--reverse", "--reverse needs --range MIN,MAX");
    }
    const table t = load_table(s->data);
    const double lo = s->range.size() == 2 ? s->range[0] : 0.0;
    const double hi = s->range.size() == 2 ? s->range[1] : 0.0;
    const Eigen::MatrixXd items = item_matrix(t, s->items, s->reverse, lo, hi);
    reliability_options options;
    options.level = s->level;
    options.missing = s->missing_method == "listwise" ? missing_handling::listwise : missing_handling::pairwise;
    const alpha_result alpha = cronbach_alpha(items, s->items, options);
    std::unique_ptr<omega_result> omega;
    if (s->items.size() >= 3) omega = std::make_unique<omega_result>(omega_total(items, options));
    std::cout << (s->format == output_format::json ? reliability_json(alpha, omega.get())
                                                   : reliability_text(alpha, omega.get()));
  });
}

}  // namespace socialcure::cli
