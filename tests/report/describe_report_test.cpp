// Tests of include/socialcure/report/describe_report.hpp: describe_text and describe_json.
#include "socialcure/report/describe_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"

using socialcure::column_summary;
using socialcure::column_type;
using socialcure::describe_json;
using socialcure::describe_text;
using socialcure::missing_value;
using socialcure::table_summary;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A summary written by hand: numeric x with mean 1/3, a text column, a numeric column with one
// value (sd missing), an all-missing numeric column, and a name that needs JSON escaping.
table_summary hand_summary() {
  table_summary s;
  s.source = "hand.csv";
  s.rows = 3;
  column_summary x;
  x.name = "x";
  x.type = column_type::numeric;
  x.n = 3;
  x.n_missing = 0;
  x.min = 0.1;
  x.max = 1e-300;
  x.mean = 1.0 / 3.0;
  x.sd = 2.0 / 3.0;
  s.columns.push_back(x);

  column_summary g;
  g.name = "group";
  g.type = column_type::text;
  g.n = 2;
  g.n_missing = 1;
  g.min = g.max = g.mean = g.sd = missing_value;
  g.distinct = 2;
  s.columns.push_back(g);

  column_summary one;
  one.name = "say \"hi\" \\ caf\xC3\xA9";
  one.type = column_type::numeric;
  one.n = 1;
  one.n_missing = 2;
  one.min = one.max = one.mean = -2.5e10;
  one.sd = missing_value;
  s.columns.push_back(one);

  column_summary empty;
  empty.name = "empty";
  empty.type = column_type::numeric;
  empty.n = 0;
  empty.n_missing = 3;
  empty.min = empty.max = empty.mean = empty.sd = missing_value;
  s.columns.push_back(empty);
  return s;
}

}  // namespace

TEST_CASE("describe_report: describe_json parses and has the schema") {
  const std::string text = describe_json(hand_summary());
  REQUIRE(nlohmann::json::accept(text));
  const auto j = nlohmann::ordered_json::parse(text);
  REQUIRE(j.is_object());
  CHECK(j.at("schema") == "socialcure.describe/1");
  CHECK(j.at("source") == "hand.csv");
  CHECK(j.at("rows") == 3);
  REQUIRE(j.at("columns").is_array());
  CHECK(j.at("columns").size() == 4);
}

TEST_CASE("describe_report: describe_json column objects have the documented keys") {
  const auto j = nlohmann::ordered_json::parse(describe_json(hand_summary()));
  const std::vector<std::string> expected = {"name", "type", "n", "n_missing", "min", "max", "mean", "sd", "distinct"};
  for (const auto& c : j.at("columns")) {
    std::vector<std::string> keys;
    for (const auto& item : c.items()) keys.push_back(item.key());
    CHECK(keys == expected);
  }
}

TEST_CASE("describe_report: describe_json writes numbers at full precision") {
  const auto j = nlohmann::json::parse(describe_json(hand_summary()));
  const auto& x = j.at("columns").at(0);
  CHECK(x.at("name") == "x");
  CHECK(x.at("type") == "numeric");
  CHECK(x.at("n") == 3);
  CHECK(x.at("n_missing") == 0);
  CHECK(same_bits(x.at("mean").get<double>(), 1.0 / 3.0));
  CHECK(same_bits(x.at("sd").get<double>(), 2.0 / 3.0));
  CHECK(same_bits(x.at("min").get<double>(), 0.1));
  CHECK(same_bits(x.at("max").get<double>(), 1e-300));
  CHECK(x.at("distinct").is_null());
  const auto& one = j.at("columns").at(2);
  CHECK(same_bits(one.at("mean").get<double>(), -2.5e10));
}

TEST_CASE("describe_report: describe_json writes missing statistics as null") {
  const auto j = nlohmann::json::parse(describe_json(hand_summary()));
  const auto& g = j.at("columns").at(1);
  CHECK(g.at("type") == "text");
  CHECK(g.at("n") == 2);
  CHECK(g.at("n_missing") == 1);
  CHECK(g.at("distinct") == 2);
  for (const char* key : {"min", "max", "mean", "sd"}) {
    CAPTURE(key);
    CHECK(g.at(key).is_null());
    CHECK(j.at("columns").at(3).at(key).is_null());
  }
  const auto& one = j.at("columns").at(2);
  CHECK(one.at("sd").is_null());
  CHECK_FALSE(one.at("mean").is_null());
}

TEST_CASE("describe_report: describe_json escapes names") {
  const auto j = nlohmann::json::parse(describe_json(hand_summary()));
  CHECK(j.at("columns").at(2).at("name").get<std::string>() == "say \"hi\" \\ caf\xC3\xA9");
}

TEST_CASE("describe_report: describe_json of a name that is not valid UTF-8 is still JSON") {
  // The CSV reader accepts any bytes, e.g. a Latin-1 header "caf\xE9"; the JSON report of such a
  // table must still be a JSON document (not an exception from the JSON library).
  const auto data = socialcure::parse_csv("caf\xE9\n1\n", "latin1.csv");
  std::string text;
  CHECK_NOTHROW(text = describe_json(socialcure::describe(data)));
  CHECK(nlohmann::json::accept(text));
}

TEST_CASE("describe_report: describe_json of data read from text") {
  // x = 1, 2, 4: mean 7/3, min 1, max 4.
  const auto data = socialcure::parse_csv("x,g\n1,a\n2,\n4,a\n", "d.csv");
  const auto j = nlohmann::json::parse(describe_json(socialcure::describe(data)));
  CHECK(j.at("source") == "d.csv");
  CHECK(j.at("rows") == 3);
  const auto& x = j.at("columns").at(0);
  CHECK(x.at("min").get<double>() == 1.0);
  CHECK(x.at("max").get<double>() == 4.0);
  CHECK(x.at("mean").get<double>() == doctest::Approx(7.0 / 3.0).epsilon(1e-15));
  const auto& g = j.at("columns").at(1);
  CHECK(g.at("distinct") == 1);
  CHECK(g.at("n_missing") == 1);
}

TEST_CASE("describe_report: describe_text has a row for each column") {
  const table_summary s = hand_summary();
  const std::string text = describe_text(s);
  CHECK(text.find("hand.csv") != std::string::npos);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (const auto& c : s.columns) {
    CAPTURE(c.name);
    bool found = false;
    for (const auto& line : lines) found = found || line.rfind(c.name + " ", 0) == 0;
    CHECK(found);
  }
  // The header names the statistics.
  bool header = false;
  for (const auto& line : lines) {
    header = header || (line.find("mean") != std::string::npos && line.find("sd") != std::string::npos &&
                        line.find("missing") != std::string::npos);
  }
  CHECK(header);
}
