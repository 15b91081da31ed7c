// Tests of include/socialcure/report/change_figures.hpp: the slope chart draws one line per person
// with both values (up to max_lines, chosen evenly), the two means with their CIs, and says how
// many were drawn; the group-count chart draws one bar per number of groups and wave. Small
// hand-made data; counts of SVG elements are checked, and the documents are balanced.
#include "socialcure/report/change_figures.hpp"

#include <doctest/doctest.h>

#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "support.hpp"

using socialcure_test::contains;
using socialcure_test::count;
using socialcure_test::message_of;
using socialcure_test::vec;

namespace {

void check_balanced(const std::string& svg) {
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
  CHECK(count(svg, "<g") == count(svg, "</g>"));
  CHECK(count(svg, "<text") == count(svg, "</text>"));
  CHECK_FALSE(contains(svg, "<script"));
  CHECK_FALSE(contains(svg, "nan"));
}

}  // namespace

TEST_CASE("slope chart: a line per complete pair, the means with CIs, and the counts") {
  const double na = socialcure::missing_value;
  // Complete pairs (1, 2), (2, 4), (3, 5): n = 3, mean change (1 + 2 + 2) / 3 = 1.67.
  const std::vector<socialcure::change_panel> panels = {{"Belonging <4 items>", vec({1, 2, 3, na}), vec({2, 4, 5, 1})},
                                                       {"Empty", vec({na, 1}), vec({2, na})}};
  socialcure::change_figure_options options;
  options.pre_label = "t0";
  options.post_label = "t1";
  const std::string svg = socialcure::change_slope_svg(panels, options);
  check_balanced(svg);
  CHECK(count(svg, "stroke=\"#999\"") == 3);
  CHECK(count(svg, "<circle") == 2);
  CHECK(count(svg, "class=\"ci\"") == 2);
  CHECK(contains(svg, ">Belonging &lt;4 items&gt;</text>"));
  CHECK(contains(svg, "n = 3; mean change 1.67"));
  CHECK(contains(svg, ">t0</text>"));
  CHECK(contains(svg, "no person with both values"));
  CHECK(contains(svg, "means with 95% CIs"));
}

TEST_CASE("slope chart: at most max_lines lines, and it says so") {
  Eigen::VectorXd pre(10);
  Eigen::VectorXd post(10);
  for (int i = 0; i < 10; ++i) {
    pre(i) = i;
    post(i) = i + 1;
  }
  socialcure::change_figure_options options;
  options.max_lines = 4;  // every 3rd person: 0, 3, 6, 9
  const std::string svg = socialcure::change_slope_svg({{"x", pre, post}}, options);
  CHECK(count(svg, "stroke=\"#999\"") == 4);
  CHECK(contains(svg, "n = 10 (4 lines drawn)"));
}

TEST_CASE("slope chart: bad arguments") {
  CHECK(contains(message_of<socialcure::argument_error>([] { (void)socialcure::change_slope_svg({}); }), "no panels"));
  CHECK(contains(message_of<socialcure::argument_error>([] {
                   (void)socialcure::change_slope_svg({{"p", vec({1, 2}), vec({1})}});
                 }),
                 "panel 'p' has 2 pre values but 1 post values"));
}

TEST_CASE("group-count chart: a bar per number of groups and wave, legend with n") {
  // Person A: 2 groups at t0, 1 at t1; B: 0 at t0 (surveyed, no group); C: 1 at t0 only.
  socialcure::csv_options options;
  options.text_columns = {"id", "wave", "group"};
  const auto data = socialcure::parse_csv(
      "id,wave,group\nA,t0,choir\nA,t0,walking\nA,t1,choir\nB,t0,\nC,t0,bowls\n", "groups.csv", options);
  const auto results = socialcure::analyse_groups(socialcure::read_group_panel(data, {}), "t0", "t1");
  const std::string svg = socialcure::group_counts_svg(results);
  check_balanced(svg);
  CHECK(count(svg, "class=\"bar\"") == 3 * 2);  // 0, 1, 2 groups x 2 waves
  CHECK(contains(svg, ">t0 (n = 3)</text>"));
  CHECK(contains(svg, ">t1 (n = 1)</text>"));
  CHECK(contains(svg, ">number of groups</text>"));
}
