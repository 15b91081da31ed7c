// Tests of include/socialcure/data/sample.hpp: the bundled sample files, and their consistency
// with one another (the wide file against the two wave files, the long group file).
#include "socialcure/data/sample.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/data/waves.hpp"

using socialcure::argument_error;
using socialcure::csv_options;
using socialcure::read_sample;
using socialcure::table;

namespace {

const std::vector<std::string> expected_names = {"panel_wide.csv", "panel_t0.csv", "panel_t1.csv", "groups_long.csv"};

csv_options with_id() {
  csv_options options;
  options.id_column = "id";
  return options;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> completer_ids(const table& wide) {
  const auto ids = wide.text("id");
  const auto completed = wide.numeric("completed");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < wide.rows(); ++i) {
    if (completed[i] == 1.0) out.push_back(ids[i]);
  }
  return out;
}

std::unordered_map<std::string, std::size_t> row_of(const std::vector<std::string>& ids) {
  std::unordered_map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < ids.size(); ++i) out.emplace(ids[i], i);
  return out;
}

// Checks that every column of `a` present in `b` (except the id) holds the same values for every
// respondent of `a` (matched by id), missing entries included. Returns the number of columns compared.
std::size_t compare_by_id(const table& a, const table& b) {
  const auto a_ids = a.text("id");
  const auto b_rows = row_of({b.text("id").begin(), b.text("id").end()});
  std::size_t compared = 0;
  for (const auto& name : a.names()) {
    if (name == "id" || !b.has(name)) continue;
    ++compared;
    const auto& ca = a.get(name);
    const auto& cb = b.get(name);
    CAPTURE(name);
    REQUIRE(ca.type() == cb.type());
    for (std::size_t i = 0; i < a.rows(); ++i) {
      const auto it = b_rows.find(a_ids[i]);
      REQUIRE(it != b_rows.end());
      const std::size_t j = it->second;
      CAPTURE(a_ids[i]);
      REQUIRE(ca.is_missing(i) == cb.is_missing(j));
      if (ca.is_missing(i)) continue;
      if (ca.is_numeric()) {
        REQUIRE(ca.numbers()[i] == cb.numbers()[j]);
      } else {
        REQUIRE(ca.strings()[i] == cb.strings()[j]);
      }
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("sample: the four bundled files are listed") {
  auto names = socialcure::sample_file_names();
  auto expected = expected_names;
  std::sort(names.begin(), names.end());
  std::sort(expected.begin(), expected.end());
  CHECK(names == expected);
}

TEST_CASE("sample: the embedded text equals examples/data") {
  for (const auto& name : expected_names) {
    CAPTURE(name);
    const std::string on_disk = read_file(SOCIALCURE_SOURCE_DIR "/examples/data/" + name);
    CHECK(socialcure::sample_file(name) == on_disk);
  }
}

TEST_CASE("sample: every file reads with id checks") {
  for (const auto& name : {"panel_wide.csv", "panel_t0.csv", "panel_t1.csv"}) {
    CAPTURE(name);
    const table t = read_sample(name, with_id());
    CHECK(t.source() == std::string("<sample>/") + name);
    CHECK(t.rows() > 0);
    CHECK(t.names().front() == "id");
    CHECK(t.get("id").missing_count() == 0);
  }
  const table groups = read_sample("groups_long.csv");
  CHECK(groups.source() == "<sample>/groups_long.csv");
  CHECK(groups.names() == std::vector<std::string>{"id", "wave", "group", "category", "identification", "pathway"});
}

TEST_CASE("sample: panel_wide and panel_t0 have 630 patients") {
  // sample.hpp documents 630 patients.
  CHECK(read_sample("panel_wide.csv", with_id()).rows() == 630);
  CHECK(read_sample("panel_t0.csv", with_id()).rows() == 630);
}

TEST_CASE("sample: completers in panel_wide are exactly the respondents of panel_t1") {
  const table wide = read_sample("panel_wide.csv", with_id());
  const table t1 = read_sample("panel_t1.csv", with_id());
  // completed is 0 or 1 for everyone.
  for (double c : wide.numeric("completed")) CHECK((c == 0.0 || c == 1.0));
  const auto completers = completer_ids(wide);
  CHECK(completers.size() == t1.rows());
  const std::set<std::string> a(completers.begin(), completers.end());
  const std::set<std::string> b(t1.text("id").begin(), t1.text("id").end());
  CHECK(a == b);
  // Some but not all patients completed.
  CHECK(completers.size() > 0);
  CHECK(completers.size() < wide.rows());
}

TEST_CASE("sample: split_waves of panel_wide equals join_waves of panel_t0 and panel_t1") {
  const table wide = read_sample("panel_wide.csv", with_id());
  const table t0 = read_sample("panel_t0.csv", with_id());
  const table t1 = read_sample("panel_t1.csv", with_id());
  const auto split = socialcure::split_waves(wide);
  const auto joined = socialcure::join_waves(t0, t1);
  const std::size_t completers = completer_ids(wide).size();

  // Same respondents, presence and counts.
  CHECK(split.ids == joined.ids);
  CHECK(joined.n_both == completers);
  CHECK(split.n_both == completers);
  CHECK(joined.only_second.empty());
  CHECK(split.only_second.empty());
  CHECK(joined.only_first.size() == wide.rows() - completers);
  CHECK(split.only_first == joined.only_first);
  CHECK(split.in_first == joined.in_first);
  CHECK(split.in_second == joined.in_second);
  // Presence at t1 is completed == 1 (non-completers have every _t1 field empty; gp_visits is
  // never blank for a completer).
  const auto completed = wide.numeric("completed");
  const auto wide_rows = row_of({wide.text("id").begin(), wide.text("id").end()});
  for (std::size_t i = 0; i < split.ids.size(); ++i) {
    CHECK(split.in_second[i] == (completed[wide_rows.at(split.ids[i])] == 1.0));
  }

  // Every stem of each wave holds the same values in both, for every respondent (at t1 the
  // non-completers are missing in both).
  // (join_waves puts panel_t0's age and gender into the first wave; split_waves puts them in person.)
  CHECK(split.second.names() == joined.second.names());
  CHECK(compare_by_id(split.first, joined.first) == split.first.cols() - 1);
  CHECK(compare_by_id(joined.second, split.second) == joined.second.cols() - 1);
  // The wave files themselves against the split wide file, completers only for t1.
  CHECK(compare_by_id(t1, split.second) == t1.cols() - 1);
  CHECK(compare_by_id(t0, split.first) == t0.cols() - 3);  // all but id, age, gender
  // Person-level columns of panel_t0 (age, gender) equal those of panel_wide.
  CHECK(compare_by_id(t0, split.person) == 2);
}

TEST_CASE("sample: groups_long ids are patients of panel_wide and t1 rows are completers") {
  const table wide = read_sample("panel_wide.csv", with_id());
  const table groups = read_sample("groups_long.csv");
  const auto all_ids = wide.text("id");
  const std::set<std::string> patients(all_ids.begin(), all_ids.end());
  const auto completers_list = completer_ids(wide);
  const std::set<std::string> completers(completers_list.begin(), completers_list.end());
  const auto ids = groups.text("id");
  const auto waves = groups.text("wave");
  CHECK(groups.get("id").missing_count() == 0);
  for (std::size_t i = 0; i < groups.rows(); ++i) {
    CAPTURE(groups.source_line(i));
    CHECK(patients.count(ids[i]) == 1);
    CHECK((waves[i] == "t0" || waves[i] == "t1"));
    if (waves[i] == "t1") CHECK(completers.count(ids[i]) == 1);
  }
  // Every patient has at least one t0 row (zero groups is an explicit empty row).
  std::set<std::string> with_t0;
  for (std::size_t i = 0; i < groups.rows(); ++i) {
    if (waves[i] == "t0") with_t0.insert(ids[i]);
  }
  CHECK(with_t0 == patients);
}

TEST_CASE("sample: an unknown sample name lists the available names") {
  for (auto call : {+[] { (void)read_sample("nope"); }, +[] { (void)socialcure::sample_file("nope.csv"); }}) {
    try {
      call();
      FAIL("expected argument_error");
    } catch (const argument_error& e) {
      const std::string what = e.what();
      CAPTURE(what);
      CHECK(what.find("nope") != std::string::npos);
      for (const auto& name : expected_names) CHECK(what.find(name) != std::string::npos);
    }
  }
}
