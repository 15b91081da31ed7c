// Tests of include/socialcure/models/design.hpp: model_spec::validate and build_model_frame
// (intercept, numeric predictors, dummy coding and level order, reference levels, listwise
// deletion with its counts and source lines, and the errors).
#include "socialcure/models/design.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"

#include "support.hpp"

using socialcure::argument_error;
using socialcure::build_model_frame;
using socialcure::data_error;
using socialcure::model_frame;
using socialcure::model_spec;
using socialcure::parse_csv;

using namespace socialcure_test;

namespace {

model_spec make_spec(std::string y, std::vector<std::string> x, std::vector<socialcure::categorical_term> cat = {},
                     std::string offset = {}, bool intercept = true) {
  model_spec s;
  s.response = std::move(y);
  s.predictors = std::move(x);
  s.categorical = std::move(cat);
  s.offset = std::move(offset);
  s.intercept = intercept;
  return s;
}

std::vector<std::string> names_of(const model_frame& f) { return f.term_names(); }

// Header on line 1, data rows on lines 2..5.
const char* const small_csv =
    "y,x,g\n"
    "1,0.5,b\n"
    "2,1.5,a\n"
    "3,2.5,c\n"
    "4,3.5,a\n";

}  // namespace

TEST_CASE("design: intercept column first, numeric predictor copied, text categorical dummy coded") {
  const auto t = parse_csv(small_csv, "d.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"x", "g"}, {{"g", ""}}));
  // Levels of g sorted: a, b, c; reference a (the first); dummies for b and c.
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "x", "g[T.b]", "g[T.c]"});
  REQUIRE(f.x.rows() == 4);
  REQUIRE(f.x.cols() == 4);
  const double x_expected[4][4] = {{1, 0.5, 1, 0}, {1, 1.5, 0, 0}, {1, 2.5, 0, 1}, {1, 3.5, 0, 0}};
  for (int i = 0; i < 4; ++i) {
    CHECK(f.y(i) == i + 1);
    for (int j = 0; j < 4; ++j) CHECK(f.x(i, j) == x_expected[i][j]);
  }
  CHECK(f.intercept);
  CHECK(f.response == "y");
  CHECK(f.source == "d.csv");
  CHECK(f.offset.size() == 0);
  CHECK(f.n_excluded == 0);
  CHECK(f.missing_by_column.empty());
  CHECK(f.rows == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(f.lines == std::vector<std::size_t>{2, 3, 4, 5});
  // Where each term came from.
  REQUIRE(f.terms.size() == 4);
  CHECK(f.terms[0].column.empty());
  CHECK(f.terms[0].level.empty());
  CHECK(f.terms[1].column == "x");
  CHECK(f.terms[1].level.empty());
  CHECK(f.terms[2].column == "g");
  CHECK(f.terms[2].level == "b");
  CHECK(f.terms[3].column == "g");
  CHECK(f.terms[3].level == "c");
}

TEST_CASE("design: terms follow the order of the predictors") {
  const auto t = parse_csv(small_csv, "d.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"g", "x"}, {{"g", ""}}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "g[T.b]", "g[T.c]", "x"});
  CHECK(f.x(0, 1) == 1.0);  // row 1 has g = b
  CHECK(f.x(2, 2) == 1.0);  // row 3 has g = c
  CHECK(f.x(3, 3) == 3.5);
}

TEST_CASE("design: without an intercept the first column is the first predictor") {
  const auto t = parse_csv(small_csv, "d.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"x"}, {}, {}, false));
  CHECK_FALSE(f.intercept);
  CHECK(names_of(f) == std::vector<std::string>{"x"});
  REQUIRE(f.x.cols() == 1);
  CHECK(f.x(0, 0) == 0.5);
  CHECK(f.x(3, 0) == 3.5);
}

TEST_CASE("design: an intercept-only model has a single column of ones") {
  const auto t = parse_csv(small_csv, "d.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)"});
  REQUIRE(f.x.cols() == 1);
  for (Eigen::Index i = 0; i < f.x.rows(); ++i) CHECK(f.x(i, 0) == 1.0);
}

TEST_CASE("design: numeric categorical levels sort numerically (8.5 < 9 < 10)") {
  // Bytewise the texts would sort "10" < "8.5" < "9"; numerically 8.5 < 9 < 10, so 8.5 is the
  // default reference and the dummies are dose[T.9], dose[T.10], in that order.
  const auto t = parse_csv("y,dose\n1,10\n2,9\n3,8.5\n4,10\n5,9\n", "dose.csv");
  REQUIRE(t.get("dose").is_numeric());
  const model_frame f = build_model_frame(t, make_spec("y", {"dose"}, {{"dose", ""}}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "dose[T.9]", "dose[T.10]"});
  REQUIRE(f.x.cols() == 3);
  const double dummies[5][2] = {{0, 1}, {1, 0}, {0, 0}, {0, 1}, {1, 0}};
  for (int i = 0; i < 5; ++i) {
    CHECK(f.x(i, 1) == dummies[i][0]);
    CHECK(f.x(i, 2) == dummies[i][1]);
  }
  REQUIRE(f.terms.size() == 3);
  CHECK(f.terms[2].level == "10");
}

TEST_CASE("design: text categorical levels sort bytewise (C locale)") {
  // ASCII: 'B' (66) < '_' (95) < 'a' (97) < 'b' (98); and "a10" < "a9" because '1' < '9'.
  const auto t = parse_csv("y,g,h\n1,b,a9\n2,B,a10\n3,a,a9\n4,_,a10\n5,b,a9\n", "text.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"g", "h"}, {{"g", ""}, {"h", ""}}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "g[T._]", "g[T.a]", "g[T.b]", "h[T.a9]"});
  // Row 2 has g = B (the reference): no dummy of g is 1.
  CHECK(f.x(1, 1) == 0.0);
  CHECK(f.x(1, 2) == 0.0);
  CHECK(f.x(1, 3) == 0.0);
  CHECK(f.x(3, 1) == 1.0);  // g = _
  CHECK(f.x(0, 4) == 1.0);  // h = a9
  CHECK(f.x(1, 4) == 0.0);  // h = a10, the reference
}

TEST_CASE("design: a named reference level replaces the first level") {
  const auto t = parse_csv(small_csv, "d.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"g"}, {{"g", "c"}}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "g[T.a]", "g[T.b]"});
  // Rows: b, a, c, a.
  CHECK(f.x(0, 1) == 0.0);
  CHECK(f.x(0, 2) == 1.0);
  CHECK(f.x(1, 1) == 1.0);
  CHECK(f.x(2, 1) == 0.0);
  CHECK(f.x(2, 2) == 0.0);
}

TEST_CASE("design: a numeric reference written \"4.0\" matches level 4") {
  const auto t = parse_csv("y,cyl\n1,4\n2,6\n3,8\n4,4\n5,6\n", "cyl.csv");
  REQUIRE(t.get("cyl").is_numeric());
  CHECK(names_of(build_model_frame(t, make_spec("y", {"cyl"}, {{"cyl", "4.0"}}))) ==
        std::vector<std::string>{"(Intercept)", "cyl[T.6]", "cyl[T.8]"});
  CHECK(names_of(build_model_frame(t, make_spec("y", {"cyl"}, {{"cyl", "8"}}))) ==
        std::vector<std::string>{"(Intercept)", "cyl[T.4]", "cyl[T.6]"});
  CHECK(names_of(build_model_frame(t, make_spec("y", {"cyl"}, {{"cyl", "6e0"}}))) ==
        std::vector<std::string>{"(Intercept)", "cyl[T.4]", "cyl[T.8]"});
}

TEST_CASE("design: an unknown reference level is an argument_error listing the levels") {
  const auto numeric = parse_csv("y,cyl\n1,4\n2,6\n3,8\n", "cyl.csv");
  const std::string m1 =
      message_of<argument_error>([&] { (void)build_model_frame(numeric, make_spec("y", {"cyl"}, {{"cyl", "5"}})); });
  CHECK(contains(m1, "'5'"));
  CHECK(contains(m1, "cyl"));
  CHECK(contains(m1, "4, 6, 8"));

  const auto text = parse_csv(small_csv, "d.csv");
  const std::string m2 =
      message_of<argument_error>([&] { (void)build_model_frame(text, make_spec("y", {"g"}, {{"g", "z"}})); });
  CHECK(contains(m2, "'z'"));
  CHECK(contains(m2, "a, b, c"));
  // Text levels are matched exactly: "A" is not "a".
  CHECK_THROWS_AS((void)build_model_frame(text, make_spec("y", {"g"}, {{"g", "A"}})), argument_error);
}

TEST_CASE("design: levels come from the rows used only") {
  // Level d occurs only on a row whose response is missing (line 3): it gets no dummy, and it
  // cannot be the reference.
  const auto t = parse_csv("y,g\n1,a\nNA,d\n3,b\n4,a\n", "used.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"g"}, {{"g", ""}}));
  CHECK(names_of(f) == std::vector<std::string>{"(Intercept)", "g[T.b]"});
  CHECK(f.n_excluded == 1);
  const std::string m =
      message_of<argument_error>([&] { (void)build_model_frame(t, make_spec("y", {"g"}, {{"g", "d"}})); });
  CHECK(contains(m, "levels: a, b"));
}

TEST_CASE("design: listwise deletion counts rows once and columns separately") {
  // Line 3 is missing y and x (one excluded row, counted under both columns), line 4 misses x,
  // line 6 misses g (an empty text field), line 8 misses the offset t.
  const char* csv =
      "y,x,g,t\n"
      "1,1,a,0.1\n"   // line 2: used
      "NA,NA,b,0.2\n" // line 3
      "3,NA,a,0.3\n"  // line 4
      "4,4,b,0.4\n"   // line 5: used
      "5,5,,0.5\n"    // line 6
      "6,6,a,0.6\n"   // line 7: used
      "7,7,b,NA\n";   // line 8
  const auto t = parse_csv(csv, "miss.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"x", "g"}, {{"g", ""}}, "t"));
  CHECK(f.n_excluded == 4);
  CHECK(f.rows == std::vector<std::size_t>{0, 3, 5});
  CHECK(f.lines == std::vector<std::size_t>{2, 5, 7});
  REQUIRE(f.missing_by_column.size() == 4);
  CHECK(f.missing_by_column[0].column == "y");
  CHECK(f.missing_by_column[0].rows == 1);
  CHECK(f.missing_by_column[1].column == "x");
  CHECK(f.missing_by_column[1].rows == 2);
  CHECK(f.missing_by_column[2].column == "g");
  CHECK(f.missing_by_column[2].rows == 1);
  CHECK(f.missing_by_column[3].column == "t");
  CHECK(f.missing_by_column[3].rows == 1);
  // The used rows, in order.
  REQUIRE(f.y.size() == 3);
  CHECK(f.y(0) == 1.0);
  CHECK(f.y(1) == 4.0);
  CHECK(f.y(2) == 6.0);
  CHECK(f.x(1, 1) == 4.0);
  CHECK(f.x(2, 1) == 6.0);
  CHECK(f.x(1, 2) == 1.0);  // line 5: g = b
  REQUIRE(f.offset.size() == 3);
  CHECK(f.offset(0) == 0.1);
  CHECK(f.offset(1) == 0.4);
  CHECK(f.offset(2) == 0.6);
  // where(): the source line of a used case.
  const socialcure::location w = f.where(1, "x");
  CHECK(w.file == "miss.csv");
  CHECK(w.line == 5);
  CHECK(w.column == "x");
  CHECK(f.where(2).line == 7);
}

TEST_CASE("design: columns not in the model do not cause exclusions") {
  const auto t = parse_csv("y,x,other\n1,1,NA\n2,2,NA\n3,4,5\n", "other.csv");
  const model_frame f = build_model_frame(t, make_spec("y", {"x"}));
  CHECK(f.n_excluded == 0);
  CHECK(f.missing_by_column.empty());
  CHECK(f.x.rows() == 3);
}

TEST_CASE("design: an unknown column is an argument_error listing the available columns") {
  const auto t = parse_csv(small_csv, "d.csv");
  for (const model_spec& s : {make_spec("nope", {"x"}), make_spec("y", {"x", "nope"}), make_spec("y", {"x"}, {}, "nope")}) {
    const std::string m = message_of<argument_error>([&] { (void)build_model_frame(t, s); });
    CHECK(contains(m, "'nope'"));
    CHECK(contains(m, "y, x, g"));
  }
}

TEST_CASE("design: a text column as numeric predictor, response or offset is an argument_error") {
  const auto t = parse_csv("y,x,g,label\n1,1,a,p\n2,2,b,q\n3,4,a,r\n", "text.csv");
  const std::string predictor = message_of<argument_error>([&] { (void)build_model_frame(t, make_spec("y", {"x", "g"})); });
  CHECK(contains(predictor, "'g'"));
  CHECK(contains(predictor, "text"));
  const std::string response = message_of<argument_error>([&] { (void)build_model_frame(t, make_spec("label", {"x"})); });
  CHECK(contains(response, "'label'"));
  CHECK(contains(response, "text"));
  const std::string offset =
      message_of<argument_error>([&] { (void)build_model_frame(t, make_spec("y", {"x"}, {}, "label")); });
  CHECK(contains(offset, "'label'"));
}

TEST_CASE("design: no complete case is a data_error") {
  // Every row misses either y or x.
  const auto t = parse_csv("y,x\n1,NA\nNA,2\n3,NA\n", "none.csv");
  const std::string m = message_of<data_error>([&] { (void)build_model_frame(t, make_spec("y", {"x"})); });
  CHECK(contains(m, "none.csv"));
  CHECK(contains(m, "3 rows"));
}

TEST_CASE("design: model_spec::validate rejects impossible models") {
  CHECK_NOTHROW(make_spec("y", {"x"}).validate());
  CHECK_NOTHROW(make_spec("y", {}).validate());  // intercept only
  CHECK_NOTHROW(make_spec("y", {"x", "g"}, {{"g", "a"}}, "t").validate());

  CHECK(contains(message_of<argument_error>([] { make_spec("", {"x"}).validate(); }), "response"));
  CHECK(contains(message_of<argument_error>([] { make_spec("y", {"x", "x"}).validate(); }), "'x'"));
  CHECK(contains(message_of<argument_error>([] { make_spec("y", {"x", "y"}).validate(); }), "'y'"));
  CHECK(contains(message_of<argument_error>([] { make_spec("y", {"x"}, {}, "x").validate(); }), "'x'"));
  CHECK(contains(message_of<argument_error>([] { make_spec("y", {"x"}, {{"g", ""}}).validate(); }), "'g'"));
  CHECK(contains(message_of<argument_error>([] { make_spec("y", {}, {}, {}, false).validate(); }), "no terms"));
  CHECK_THROWS_AS(make_spec("y", {"x", ""}).validate(), argument_error);
  // build_model_frame validates too.
  const auto t = parse_csv(small_csv, "d.csv");
  CHECK_THROWS_AS((void)build_model_frame(t, make_spec("y", {"x", "x"})), argument_error);
}
