// The catalogue, field by field, against a pin of the catalogue as it was before its entries moved
// from C++ code (src/measures/catalogue.cpp) to JSON files (data/scales/*.json). The pin,
// tests/measures/data/catalogue_fields.txt, is the output of tests/tools/dump_catalogue.cpp
// (every field of every entry, one line per value, written by tests/support/scale_fields.cpp) run
// on the C++ catalogue at commit f7d9c5e, the commit that added it. It is a regression pin, not an
// independent reference: the facts themselves are checked in catalogue_test.cpp. The only changes
// since are listed in intended_changes below, each with the text it replaced.
#include <doctest/doctest.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "socialcure/measures/catalogue.hpp"
#include "support/scale_fields.hpp"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> pinned_lines() {
  const std::string path = SOCIALCURE_TEST_DIR "/measures/data/catalogue_fields.txt";
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return lines_of(text.str());
}

struct intended_change {
  const char* field;     // "<id>.<path>"
  const char* old_text;  // part of the pinned value
  const char* new_text;  // what replaces it
};

// A fact of both De Jong Gierveld entries named a reference file outside the repository.
constexpr intended_change intended_changes[] = {
    {"djg11.facts[3].what", "(scales.md tags this [C/1])", "(partly confirmed, partly from one source)"},
    {"djg6.facts[3].what", "(scales.md tags this [C/1])", "(partly confirmed, partly from one source)"},
};

// The pin with the intended changes made; each must find its field and its old text.
std::vector<std::string> expected_lines() {
  auto lines = pinned_lines();
  for (const auto& change : intended_changes) {
    CAPTURE(change.field);
    const std::string start = std::string(change.field) + " = ";
    std::size_t found = 0;
    for (auto& line : lines) {
      if (line.rfind(start, 0) != 0) continue;
      const auto at = line.find(change.old_text);
      REQUIRE(at != std::string::npos);
      line.replace(at, std::string(change.old_text).size(), change.new_text);
      ++found;
    }
    CHECK(found == 1);
  }
  return lines;
}

// The first line where the two dumps differ ("" when they are equal), as "pin: ... / now: ...".
std::string first_difference(const std::vector<std::string>& pin, const std::vector<std::string>& now) {
  for (std::size_t i = 0; i < pin.size() || i < now.size(); ++i) {
    const std::string a = i < pin.size() ? pin[i] : "(end of the pin)";
    const std::string b = i < now.size() ? now[i] : "(end of the catalogue)";
    if (a != b) return "line " + std::to_string(i + 1) + ": pin: " + a + " / now: " + b;
  }
  return {};
}

}  // namespace

TEST_CASE("catalogue pin: every field of every entry equals the pre-JSON catalogue, but for the intended changes") {
  const auto pin = expected_lines();
  const auto now = lines_of(socialcure_test::scale_fields(socialcure::scale_catalogue()));
  REQUIRE(pin.size() > 1000);  // 16 entries, 1,301 values
  const std::string difference = first_difference(pin, now);
  CHECK_MESSAGE(difference.empty(), difference);
  CHECK(now.size() == pin.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < pin.size() && i < now.size(); ++i) differ += pin[i] != now[i] ? 1 : 0;
  CHECK(differ == 0);
}

TEST_CASE("catalogue pin: the comparison finds a changed cut-off, code, confidence or missing fact") {
  const auto pin = expected_lines();
  auto changed = socialcure::scale_catalogue();
  REQUIRE(first_difference(pin, lines_of(socialcure_test::scale_fields(changed))).empty());

  auto one = changed;
  one[0].cutoffs.at(0).categories.at(1).max = 8;
  CHECK(first_difference(pin, lines_of(socialcure_test::scale_fields(one))).find(".cutoffs[0].categories[1].max") !=
        std::string::npos);
  one = changed;
  one.back().max_code = 9;
  CHECK(first_difference(pin, lines_of(socialcure_test::scale_fields(one))).find(".max_code") != std::string::npos);
  one = changed;
  one[2].facts.at(0).confidence = socialcure::fact_confidence::unconfirmed;
  CHECK(first_difference(pin, lines_of(socialcure_test::scale_fields(one))).find(".facts[0].confidence") !=
        std::string::npos);
  one = changed;
  one[5].facts.pop_back();
  CHECK_FALSE(first_difference(pin, lines_of(socialcure_test::scale_fields(one))).empty());
}
