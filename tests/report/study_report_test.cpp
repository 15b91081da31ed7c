// The study report: sections, self-contained HTML, JSON that round-trips and carries the numbers
// of the result, figures, and the decimals rule.
#include "socialcure/report/study_report.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>
#include <string>

#include "socialcure/study/study_file.hpp"
#include "support.hpp"

namespace {

using socialcure_test::contains;
using socialcure_test::count;

const socialcure::study_result& bundled() {
  static const socialcure::study_result result = [] {
    socialcure::study_definition study = socialcure::load_study(SOCIALCURE_SOURCE_DIR "/examples/data/study.toml");
    study.settings.replicates = 300;
    study.settings.threads = 2;
    return socialcure::run_study(study);
  }();
  return result;
}

const socialcure::study_report& report() {
  static const socialcure::study_report r = socialcure::make_study_report(bundled());
  return r;
}

}  // namespace

TEST_CASE("study report: every section is in the Markdown and the HTML") {
  const auto& r = report();
  for (const char* heading : {"Sample and attrition", "Scale scores per wave", "Group memberships", "Change from t0 to t1",
                              "Regression models", "Mediation models", "Results in APA style", "Notes"}) {
    CAPTURE(heading);
    CHECK(contains(r.markdown, std::string("## ") + heading));
    CHECK(contains(r.html, std::string("<h2>") + heading + "</h2>"));
  }
  // One table per block: attrition, missing-data patterns, scales, groups, change, reliable change,
  // counts, 2 regressions, 2 x 2 mediation tables.
  CHECK(count(r.html, "<table>") == 13);
  CHECK(count(r.markdown, "\n| --- |") == 13);
  CHECK(contains(r.markdown, "**Missing-data patterns of the 630 respondents at t0**"));
  CHECK(contains(r.markdown, "Little's MCAR test (maximum-likelihood EM moments): χ²("));
  CHECK(contains(r.markdown, "| loneliness (ucla3) | t0 | 611 | 19 |"));
}

TEST_CASE("study report: the HTML is one self-contained page") {
  const auto& r = report();
  CHECK(r.html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(contains(r.html, "<script"));
  CHECK_FALSE(contains(r.html, "http://www.w3.org/1999"));  // no XHTML or other namespaces fetched
  CHECK_FALSE(contains(r.html, "<link"));
  CHECK_FALSE(contains(r.html, "src="));
  CHECK_FALSE(contains(r.html, "<?xml"));  // SVG declarations removed when inlined
  CHECK(count(r.html, "<svg") == r.figures.size());
  CHECK(count(r.html, "<style>") == 1);
  // Element ids are unique on the page (each figure's ids get their own prefix).
  std::set<std::string> ids;
  const std::string attribute = " id=\"";
  for (auto at = r.html.find(attribute); at != std::string::npos; at = r.html.find(attribute, at + 1)) {
    const auto start = at + attribute.size();
    CHECK(ids.insert(r.html.substr(start, r.html.find('"', start) - start)).second);
  }
  CHECK(ids.size() >= 2);
}

TEST_CASE("study report: figures for groups, change and each mediation model") {
  const auto& r = report();
  std::vector<std::string> files;
  for (const auto& f : r.figures) {
    files.push_back(f.file);
    CHECK(f.svg.rfind("<?xml", 0) == 0);
    CHECK(contains(r.markdown, "](" + f.file + ")"));
  }
  CHECK(files == std::vector<std::string>{"figures/groups.svg", "figures/change.svg", "figures/mediation_social_cure.svg",
                                          "figures/mediation_within.svg"});
}

TEST_CASE("study report: results.json round-trips and holds the numbers of the result") {
  const auto& r = report();
  const auto& result = bundled();
  const nlohmann::json j = nlohmann::json::parse(r.json);
  CHECK(nlohmann::json::parse(j.dump()) == j);
  CHECK(j["schema"] == "socialcure.study/1");
  CHECK(j["sample"]["n_first"] == 630);
  CHECK(j["sample"]["n_both"] == 164);
  REQUIRE(j["scales"].size() == 3);
  CHECK(j["scales"][0]["waves"][0]["mean"].get<double>() == result.scales[0].waves[0].mean);
  CHECK(j["scales"][0]["waves"][0]["reliability"]["alpha"].get<double>() ==
        result.scales[0].waves[0].alpha->raw_alpha);
  REQUIRE(j["change"].size() == result.changes.size());
  for (std::size_t i = 0; i < result.changes.size(); ++i) {
    CHECK(j["change"][i]["measure"] == result.changes[i].measure);
  }
  REQUIRE(j["models"].size() == 4);
  CHECK(j["models"][0]["result"]["schema"] == "socialcure.mediation/1");
  CHECK(j["models"][2]["result"]["schema"] == "socialcure.regression/1");
  CHECK(j["sentences"].size() == r.sentences.size());
  CHECK(j["figures"].size() == r.figures.size());
}

TEST_CASE("study report: a CI never has fewer decimals than its estimate") {
  // Every "estimate [lower, upper]" in the report: the limits carry the estimate's decimals.
  // (Parsed by hand: std::regex trips GCC 12's -Wmaybe-uninitialized under the sanitizer build.)
  const auto decimals = [](const std::string& number) {
    const auto dot = number.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
  };
  const auto is_number = [](const std::string& text) {
    return !text.empty() && text.find_first_not_of("-0123456789.") == std::string::npos &&
           text.find_first_of("0123456789") != std::string::npos;
  };
  const std::string& md = report().markdown;
  int seen = 0;
  for (auto open = md.find(" ["); open != std::string::npos; open = md.find(" [", open + 1)) {
    const auto close = md.find(']', open);
    const auto comma = md.find(", ", open);
    if (close == std::string::npos || comma == std::string::npos || comma > close) continue;
    const auto start = md.find_last_of(" (|", open - 1) + 1;
    const std::string estimate = md.substr(start, open - start);
    const std::string lower = md.substr(open + 2, comma - open - 2);
    const std::string upper = md.substr(comma + 2, close - comma - 2);
    if (!is_number(estimate) || !is_number(lower) || !is_number(upper)) continue;
    CAPTURE(md.substr(start, close + 1 - start));
    CHECK(decimals(lower) >= decimals(estimate));
    CHECK(decimals(upper) >= decimals(estimate));
    ++seen;
  }
  CHECK(seen > 20);
  // p values: three decimals or "< .001", never fewer decimals than shown for .05-sized values.
  CHECK_FALSE(contains(md, "p = 0."));
  CHECK(contains(md, "p < .001"));
}

TEST_CASE("study report: the APA sentences name the main results") {
  const auto& s = report().sentences;
  const auto any = [&](const std::string& text) {
    return std::any_of(s.begin(), s.end(), [&](const std::string& x) { return contains(x, text); });
  };
  CHECK(any("Of 630 respondents at t0, 164 completed the follow-up"));
  CHECK(any("Mean loneliness changed from M = "));
  CHECK(any("Total gp_visits went from 322 to 212 among the 164 respondents"));
  CHECK(any("a fall of 34.2% (rate ratio = 0.658, 95% CI [0.554, 0.783]"));
  CHECK(any("groups_change → belonging_change → loneliness_change → gp_visits_change was"));
  CHECK(any("resamples, seed 20191126"));
}
